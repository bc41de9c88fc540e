import { describe, expect, it } from 'vitest';
import { parseEcbDaily } from '../../../../shared/domain/fx';

const sample = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <Cube>
    <Cube time='2025-05-09'>
      <Cube currency='USD' rate='1.1252'/>
      <Cube currency='JPY' rate='163.36'/>
      <Cube currency='GBP' rate='0.8477'/>
    </Cube>
  </Cube>
</gesmes:Envelope>`;

describe('ECB daily file', () => {
  it('reads the date and every rate as published', () => {
    expect(parseEcbDaily(sample)).toEqual({ date: '2025-05-09', rates: { USD: '1.1252', JPY: '163.36', GBP: '0.8477' } });
  });
  it('refuses a document without rates', () => {
    expect(() => parseEcbDaily('<html>maintenance</html>')).toThrow(/no dated rates/);
  });
});

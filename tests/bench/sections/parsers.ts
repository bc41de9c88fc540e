import { parseCsv, parseOfx, parseQif, type ImportResult } from '../../../shared/domain/import';
import { fmt, heading, median, printFigures, round, table, type Figure } from '../lib/report';
import { MERCHANTS } from '../lib/seed';
import type { SectionContext, SectionOutput } from './context';

/**
 * `parsers`: throughput of the import parsers (CSV, OFX 1.x SGML, OFX 2.x XML, QIF) on realistic bank files and on
 * adversarial ones built against them (unterminated constructs, deep nesting, huge tags, lines and fields, files
 * without separators), each of 1 MB and 5 MB, generated here. Measured in this process, in CPU time (the machine
 * may be shared; CPU time is what a Lambda pays for), median of at least 3–5 parses and of at least 400 ms. Targets: the worst adversarial file of a format runs at ≥ 1/3
 * of the realistic file's MB/s, and every 5 MB file costs ≤ 5.5× its 1 MB sibling (linear time).
 */

const SIZES = [1_000_000, 5_000_000] as const;
const RUNS: Record<number, number> = { 1_000_000: 5, 5_000_000: 3 };
/** Fast files are parsed again until this much CPU time is spent, so that timer resolution does not decide. */
const MIN_CPU_MS = 400;

type Format = 'csv' | 'ofx-sgml' | 'ofx-xml' | 'qif';
type Parse = (text: string) => ImportResult;

const PARSE: Record<Format, Parse> = {
  csv: (t) => parseCsv(t, { currency: 'EUR' }),
  'ofx-sgml': (t) => parseOfx(t, { currency: 'EUR' }),
  'ofx-xml': (t) => parseOfx(t, { currency: 'EUR' }),
  qif: (t) => parseQif(t, { currency: 'EUR' }),
};

/** A small deterministic generator, so that every run parses the same files. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Repeats `piece(i)` after `head` until the text is at least `bytes` long, then adds `tail`. */
function fill(bytes: number, head: string, piece: (i: number) => string, tail = ''): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const p = piece(i);
    parts.push(p);
    size += p.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** Fields of a realistic transaction. */
function txn(rnd: () => number, i: number) {
  const merchant = MERCHANTS[Math.floor(rnd() * MERCHANTS.length)] ?? 'Shop';
  const day = 1 + Math.floor(rnd() * 28);
  const month = 1 + Math.floor(rnd() * 12);
  const cents = Math.floor(rnd() * 50_000) + 1;
  const amount = `${rnd() < 0.85 ? '-' : ''}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return {
    iso: `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    compact: `2024${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`,
    us: `${month}/${day}/2024`,
    amount,
    name: `${merchant.toUpperCase()} ${1000 + (i % 9000)} BERLIN`,
    memo: `Card payment ${4000 + (i % 5000)} ref ${(i * 7919) % 1_000_003}`,
    id: `2024${String(i).padStart(10, '0')}`,
  };
}

const OFX_SGML_HEAD = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n';
const OFX_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n';
const STMT_OPEN =
  '<OFX>\n<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240331<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\n<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>12030000<ACCTID>1234567890<ACCTTYPE>CHECKING</BANKACCTFROM>\n<BANKTRANLIST><DTSTART>20240101<DTEND>20241231\n';
const STMT_CLOSE = '</BANKTRANLIST><LEDGERBAL><BALAMT>1234.56<DTASOF>20241231</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n';
const xmlOpen = STMT_OPEN.replace(/<(CODE|SEVERITY|DTSERVER|LANGUAGE|TRNUID|CURDEF|BANKID|ACCTID|ACCTTYPE|DTSTART|DTEND)>([^<\n]*)/g, '<$1>$2</$1>');
const xmlClose = STMT_CLOSE.replace(/<(BALAMT|DTASOF)>([^<\n]*)/g, '<$1>$2</$1>');

const REALISTIC: Record<Format, (bytes: number) => string> = {
  csv: (bytes) => {
    const rnd = random(1);
    return fill(bytes, 'Date,Description,Amount,Currency,Memo\n', (i) => {
      const t = txn(rnd, i);
      return `${t.iso},"${t.name}, DE",${t.amount},EUR,${t.memo}\n`;
    });
  },
  'ofx-sgml': (bytes) => {
    const rnd = random(2);
    return fill(bytes, OFX_SGML_HEAD + STMT_OPEN, (i) => {
      const t = txn(rnd, i);
      return `<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>${t.compact}120000[+1:CET]\n<TRNAMT>${t.amount}\n<FITID>${t.id}\n<NAME>${t.name}\n<MEMO>${t.memo} &amp; more\n</STMTTRN>\n`;
    }, STMT_CLOSE);
  },
  'ofx-xml': (bytes) => {
    const rnd = random(3);
    return fill(bytes, OFX_XML_HEAD + xmlOpen, (i) => {
      const t = txn(rnd, i);
      return `<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>${t.compact}120000</DTPOSTED><TRNAMT>${t.amount}</TRNAMT><FITID>${t.id}</FITID><NAME>${t.name}</NAME><MEMO>${t.memo}</MEMO></STMTTRN>\n`;
    }, xmlClose);
  },
  qif: (bytes) => {
    const rnd = random(4);
    return fill(bytes, '!Type:Bank\n', (i) => {
      const t = txn(rnd, i);
      return `D${t.us}\nT${t.amount}\nP${t.name}\nM${t.memo}\nLGroceries\n^\n`;
    });
  },
};

/** Files built against each parser: the shapes that were superlinear before, and the bounds' worst cases. */
const ADVERSARIAL: Record<Format, Record<string, (bytes: number) => string>> = {
  csv: {
    'header cell of unclosed brackets': (n) => `Date,Amount,${'('.repeat(n)}\n2024-03-01,-1.00,Coffee\n`,
    'unterminated quote': (n) => `Date,Amount,Description\n2024-03-01,-1.00,Coffee\n2024-03-02,-2.00,"${'a,'.repeat(n / 2)}\n`,
    'one line, no line break': (n) => `Date,Amount,${'x'.repeat(n)}`,
    '256 columns per row': (n) => fill(n, `Date,Amount,Description${',c'.repeat(253)}\n`, (i) => `2024-03-01,-1.00,Shop ${i}${',x'.repeat(253)}\n`),
    'rows of maximal fields (cut)': (n) => fill(n, 'Date,Amount,Description,Memo\n', (i) => `2024-03-01,-1.00,Shop ${i} ${'d'.repeat(3000)},${'m'.repeat(5000)}\n`),
    'quotes everywhere': (n) => fill(n, 'Date,Amount,Description\n', (i) => `"2024-03-01","-1.00","a""b"""",""c ${i}"""\n`),
  },
  'ofx-sgml': {
    'unterminated comments': (n) => `${OFX_SGML_HEAD}<OFX>${'<!--'.repeat(n / 4)}`,
    'unterminated tags': (n) => `${OFX_SGML_HEAD}<OFX>${'<A '.repeat(n / 3)}`,
    '< repeated': (n) => `${OFX_SGML_HEAD}<OFX>${'<'.repeat(n)}`,
    'unterminated CDATA': (n) => `${OFX_SGML_HEAD}<OFX>${'<![CDATA['.repeat(n / 9)}`,
    'deep nesting': (n) => `${OFX_SGML_HEAD}<OFX>${'<A>'.repeat(n / 7)}${'</A>'.repeat(n / 7)}</OFX>`,
    'leaves up to the element bound': (n) => `${OFX_SGML_HEAD}<OFX>${'<A>x'.repeat(n / 4)}`,
    '64-character tag names': (n) => fill(n, `${OFX_SGML_HEAD}<OFX>`, () => `<${'T'.repeat(64)}>v`),
    'transactions with 100 KB names (cut)': (n) => fill(n, OFX_SGML_HEAD + STMT_OPEN, (i) => `<STMTTRN><DTPOSTED>20240301<TRNAMT>-1.00<FITID>${i}<NAME>${'N'.repeat(100_000)}<MEMO>${'M'.repeat(50_000)}</STMTTRN>`, STMT_CLOSE),
  },
  'ofx-xml': {
    'unterminated processing instructions': (n) => `${'<?OFX '.repeat(n / 6)}<OFX></OFX>`,
    'unterminated comments': (n) => `${OFX_XML_HEAD}<OFX>${'<!--'.repeat(n / 4)}`,
    'tags with unterminated attributes': (n) => `${OFX_XML_HEAD}<OFX>${'<A b="'.repeat(n / 6)}`,
    'deep nesting': (n) => `${OFX_XML_HEAD}<OFX>${'<A>'.repeat(n / 7)}${'</A>'.repeat(n / 7)}</OFX>`,
    'empty elements up to the bound': (n) => `${OFX_XML_HEAD}<OFX>${'<A/>'.repeat(n / 4)}</OFX>`,
    'entities everywhere': (n) => fill(n, OFX_XML_HEAD + xmlOpen, (i) => `<STMTTRN><DTPOSTED>20240301</DTPOSTED><TRNAMT>-1.00</TRNAMT><FITID>${i}</FITID><NAME>${'&amp;&#x41;&#65;&bogus'.repeat(20)}</NAME></STMTTRN>`, xmlClose),
  },
  qif: {
    'no ^ separators': (n) => fill(n, '!Type:Bank\nD2024-03-01\nT-1.00\nPShop\n', () => 'SCat\n$-1.00\n'),
    'one giant line': (n) => `!Type:Bank\nD2024-03-01\nT-1.00\nP${'x'.repeat(n)}\n^\n`,
    'records of 150 splits (cut)': (n) => fill(n, '!Type:Bank\n', (i) => `D2024-03-01\nPShop ${i}\n${`S${'c'.repeat(250)}\n$-1.00\n`.repeat(150)}^\n`),
    'empty lines': (n) => `!Type:Bank\n${'\n'.repeat(n)}D2024-03-01\nT-1.00\nPShop\n^\n`,
    'headers only': (n) => fill(n, '', () => '!Type:Bank\n'),
  },
};

interface Measure {
  format: Format;
  kind: 'realistic' | 'adversarial';
  shape: string;
  bytes: number;
  /** Median CPU milliseconds of one parse. */
  cpuMs: number;
  wallMs: number;
  runs: number;
  rows: number;
  errors: number;
  firstError?: string;
}

function measure(format: Format, kind: Measure['kind'], shape: string, text: string, runs: number): Measure {
  const parse = PARSE[format];
  const bytes = Buffer.byteLength(text, 'utf8');
  let result = parse(text); // warm-up, not counted
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0, spent = 0; (r < runs || spent < MIN_CPU_MS) && r < 500; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = parse(text);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    spent += (c.user + c.system) / 1000;
  }
  const m: Measure = { format, kind, shape, bytes, cpuMs: median(cpu), wallMs: median(wall), runs: cpu.length, rows: result.rows.length, errors: result.errors.length };
  if (result.errors[0]) m.firstError = result.errors[0].message.slice(0, 80);
  return m;
}

const mbps = (m: Measure) => m.bytes / 1e6 / (m.cpuMs / 1000);

export async function parsers(ctx: SectionContext): Promise<SectionOutput> {
  heading('parsers — CSV, OFX 1.x/2.x and QIF on realistic and adversarial files of 1 MB and 5 MB (CPU time)');
  const notes: string[] = [];
  const results: Measure[] = [];
  const formats = Object.keys(PARSE) as Format[];
  const t0 = performance.now();
  // Leave time for the sections after this one; the 5 MB files are measured only while the budget allows.
  const budgetMs = Math.max(30_000, ctx.remainingMs() - (ctx.reserveMs?.() ?? 0));
  for (const size of SIZES) {
    for (const format of formats) {
      if (size > SIZES[0] && performance.now() - t0 > budgetMs * 0.8) {
        notes.push(`${format} at ${size / 1e6} MB skipped: time budget`);
        continue;
      }
      const runs = RUNS[size] ?? 3;
      results.push(measure(format, 'realistic', 'bank export', REALISTIC[format](size), runs));
      for (const [shape, make] of Object.entries(ADVERSARIAL[format])) results.push(measure(format, 'adversarial', shape, make(size), runs));
      await new Promise((r) => setImmediate(r));
    }
  }

  table(
    ['format', 'file', 'MB', 'runs', 'CPU ms', 'wall ms', 'MB/s', 'rows', 'errors', 'first error'],
    results.map((m) => [m.format, `${m.kind === 'realistic' ? '' : '× '}${m.shape}`, round(m.bytes / 1e6, 2), String(m.runs), round(m.cpuMs, 1), round(m.wallMs, 1), round(mbps(m), 1), m.rows, m.errors, m.firstError ?? '']),
  );

  const figures: Figure[] = [];
  for (const format of formats) {
    const of = (size: number) => results.filter((m) => m.format === format && Math.abs(m.bytes - size) < size * 0.05);
    const realistic1 = of(SIZES[0]).find((m) => m.kind === 'realistic');
    if (!realistic1) continue;
    figures.push({ name: `${format}: realistic 1 MB`, value: mbps(realistic1), unit: 'MB/s', digits: 1 });
    // Adversarial/realistic at each size: the worst (slowest) adversarial file against the realistic one.
    let worstRatio = Number.POSITIVE_INFINITY;
    let worstShape = '';
    for (const size of SIZES) {
      const set = of(size);
      const realistic = set.find((m) => m.kind === 'realistic');
      if (!realistic) continue;
      for (const m of set.filter((x) => x.kind === 'adversarial')) {
        const ratio = mbps(m) / mbps(realistic);
        if (ratio < worstRatio) {
          worstRatio = ratio;
          worstShape = `${m.shape} at ${size / 1e6} MB (${fmt(mbps(m))} MB/s)`;
        }
      }
    }
    figures.push({ name: `${format}: worst adversarial / realistic`, value: worstRatio, unit: '×', digits: 2, target: { op: '>=', value: 0.33, unit: '×' }, note: worstShape });
    // 5 MB / 1 MB time of every file (its own shape at both sizes): the largest.
    let worstScale = 0;
    let scaleShape = '';
    for (const small of of(SIZES[0])) {
      const big = of(SIZES[1]).find((m) => m.shape === small.shape && m.kind === small.kind);
      // Files refused within a millisecond say nothing about scaling.
      if (!big || small.cpuMs < 1) continue;
      const scale = big.cpuMs / Math.max(small.cpuMs, 0.001) / (big.bytes / small.bytes / 5);
      if (scale > worstScale) {
        worstScale = scale;
        scaleShape = `${small.shape} (${fmt(small.cpuMs, 0)} → ${fmt(big.cpuMs, 0)} ms)`;
      }
    }
    if (worstScale > 0) figures.push({ name: `${format}: 5 MB time / 1 MB time (largest)`, value: worstScale, unit: '×', digits: 2, target: { op: '<=', value: 5.5, unit: '×' }, note: scaleShape });
  }
  printFigures(figures);
  for (const n of notes) console.log(`note: ${n}`);
  return {
    figures,
    notes,
    details: results.map((m) => ({ ...m, cpuMs: round(m.cpuMs, 1), wallMs: round(m.wallMs, 1), mbps: round(mbps(m), 2) })),
  };
}

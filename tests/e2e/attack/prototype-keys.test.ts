import { beforeAll, describe, expect, it } from 'vitest';
import { admin, call, eventually, newUser, type Answer, type TestUser } from '../../support/api';
import { finished, newAccount, startImport, transactionsOf } from '../../support/ledger';

/**
 * Attack class "prototype keys": a name the caller chooses (a role in a path, a word of a description, an OFX entity)
 * must never be found among the properties every plain object inherits (`constructor`, `__proto__`, `toString`,
 * `hasOwnProperty`): such lookups answered 500, refused a free role name as "built in", or stored the source text of
 * `Object` as a merchant or a description.
 */

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

function expectProblem(res: Answer, status: number, detail?: RegExp): void {
  expect({ status: res.status, type: res.headers.get('content-type') }, res.text.slice(0, 300)).toEqual({ status, type: 'application/problem+json' });
  if (detail) expect(res.body.detail).toMatch(detail);
}

let adminToken = '';
let target: TestUser;

beforeAll(async () => {
  adminToken = (await admin()).accessToken;
  target = await newUser('Role Target');
});

describe('attack: prototype keys', () => {
  it('role membership routes answer a name like "constructor" with 404 (no such role) or 400, never 500', async () => {
    for (const name of PROTOTYPE_NAMES) {
      for (const method of ['PUT', 'DELETE']) {
        const res = await call(method, `/auth/roles/${encodeURIComponent(name)}/members/${target.userId}`, { token: adminToken });
        // Only `constructor` is a well-formed role name; the others are refused by the path's pattern.
        if (name === 'constructor') expectProblem(res, 404, /No role named "constructor"/);
        else expectProblem(res, 400);
      }
    }
  });

  it('a role named "constructor" is not mistaken for a built-in one: it can be created, given and taken', async () => {
    const created = await call('POST', '/auth/create_role', { token: adminToken, body: { name: 'constructor', permissions: ['roles:read'] } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'constructor', builtIn: false, permissions: ['roles:read'] });
    const listed = await call('GET', '/auth/roles', { token: adminToken });
    expect(listed.body.items.filter((r: { name: string }) => r.name === 'constructor')).toEqual([expect.objectContaining({ builtIn: false })]);
    expect((await call('PUT', `/auth/roles/constructor/members/${target.userId}`, { token: adminToken })).status).toBe(204);
    expect((await call('DELETE', `/auth/roles/constructor/members/${target.userId}`, { token: adminToken })).status).toBe(204);
  });

  it('a description starting with "constructor" counts under that merchant, not under the source text of Object', async () => {
    const u = await newUser('Merchant');
    for (const description of ['Constructor Supplies', '__proto__ Outlet']) {
      const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 1250, currency: 'EUR', date: '2024-05-02', description } });
      expect(res.status, res.text).toBe(201);
    }
    const merchants = await eventually(
      async () => {
        const summary = await call('GET', '/analytics/summary?month=2024-05', { token: u.accessToken });
        const top = (summary.body.topMerchants ?? []) as { merchant: string; amount: number; count: number }[];
        return top.length === 2 ? top : undefined;
      },
      20_000,
      'two merchants in the summary',
    );
    expect(merchants.map((m) => m.merchant).sort()).toEqual(['constructor supplies', 'proto outlet']);
  });

  it('an OFX entity named like a prototype property stays as written in the description', async () => {
    const u = await newUser('Entity');
    const accountId = await newAccount(u, 'EUR');
    const content =
      'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n\n' +
      '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST>' +
      '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240115<TRNAMT>-10.00<FITID>proto-1<NAME>Tools &constructor; &amp; more</STMTTRN>' +
      '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n';
    const importId = await startImport(u, { accountId, format: 'ofx', content });
    const report = await finished(u, importId);
    expect(report.imported).toBe(1);
    const [tx] = await transactionsOf(u, accountId);
    expect(tx?.description).toBe('Tools &constructor; & more');
  });
});

/**
 * Demo data for `npm start -- --demo`. Everything goes through the public API, as a client would do it, so the
 * demo exercises the same paths as real use. Each step is idempotent: a restart with --demo changes nothing.
 *
 * What it loads, for the demo user: base currency EUR and a monthly income on the profile; four accounts (EUR
 * checking, EUR savings, a USD travel card, a GBP cash wallet); a few categorisation rules; and twelve months of
 * transactions ending today — salary, rent, groceries, restaurants, transport, subscriptions, trips to New York
 * (USD), London (GBP) and Tokyo (JPY), and monthly transfers to savings. The bulk arrives as one CSV import per
 * account (the rules categorise it on the way in); one-offs and transfers are posted one by one with their category.
 * The data come from a seeded generator: every run on the same day produces the same ledger.
 *
 * Then budgets, goals and the alerts they raise: a monthly groceries budget set between this month's spending so far
 * and its projection (the user's own pattern says the month will end over it: `budget.pace`, with the 50 % and 80 %
 * thresholds), an overall monthly budget, a reached goal and an off-track goal on the savings account; one more
 * purchase today is the write the alerts consumer raises them at.
 *
 * Extend it here as features arrive.
 */
import { mulberry32 } from '../../shared/domain/goals/feasibility';
import type { LocalCloud } from './cloud';
import { eachBounded } from '../../shared/async/bounded';

export const DEMO_USER = { email: 'demo@tally.local', password: 'DemoTally2024pass', name: 'Demo User' } as const;

type Cloud = Pick<LocalCloud, 'apiUrl' | 'admin'>;

/** Minor-unit exponent of the currencies the demo uses. */
const EXPONENT: Record<string, number> = { EUR: 2, USD: 2, GBP: 2, JPY: 0 };

class ApiError extends Error {}

async function api<T = unknown>(cloud: Cloud, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${cloud.apiUrl}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await r.text();
  if (!r.ok) throw new ApiError(`${method} ${path} answered ${r.status}: ${text.slice(0, 500)}`);
  return (text && (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T;
}

async function registerDemoUser(cloud: Pick<LocalCloud, 'apiUrl'>): Promise<'created' | 'existed'> {
  const r = await fetch(`${cloud.apiUrl}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_USER),
  });
  if (r.status === 201 || r.status === 200) return 'created';
  if (r.status === 409) return 'existed';
  throw new Error(`Registering the demo user failed (${r.status}): ${await r.text()}`);
}

async function login(cloud: Cloud, credentials: { email: string; password: string }): Promise<string> {
  const body = await api<{ accessToken: string }>(cloud, 'POST', '/auth/login', { body: { email: credentials.email, password: credentials.password } });
  return body.accessToken;
}


// ── deterministic data ──────────────────────────────────────────────────────────────────────────────────────────

/** The domain's mulberry32 (a small seeded generator), so the demo is the same on every run. */
const seeded = mulberry32;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

type AccountKey = 'checking' | 'savings' | 'card' | 'wallet';

interface DemoTx {
  account: AccountKey;
  date: string;
  /** Signed minor units of `currency`: negative = money out. */
  amount: number;
  currency: string;
  description: string;
  /** Set on rows posted one by one; rows without one are imported and categorised by the rules. */
  categoryId?: string;
}

interface DemoTransfer {
  date: string;
  amount: number;
  description: string;
}

const ACCOUNTS: Record<AccountKey, { name: string; type: string; currency: string; openingBalance: number }> = {
  checking: { name: 'Girokonto', type: 'checking', currency: 'EUR', openingBalance: 312_450 },
  savings: { name: 'Tagesgeld', type: 'savings', currency: 'EUR', openingBalance: 1_250_000 },
  card: { name: 'Travel Card (USD)', type: 'credit', currency: 'USD', openingBalance: 0 },
  wallet: { name: 'Cash wallet (GBP)', type: 'cash', currency: 'GBP', openingBalance: 30_000 },
};

/** Rules the demo user would keep: they categorise the imported statements. Regexes are case-insensitive. */
const RULES = [
  { name: 'Salary', priority: 10, conditions: { descriptionContains: 'gehalt', type: 'income' }, actions: { categoryId: 'income.salary' } },
  { name: 'Rent', priority: 20, conditions: { descriptionContains: 'miete', type: 'expense' }, actions: { categoryId: 'housing.rent' } },
  { name: 'Electricity', priority: 30, conditions: { descriptionContains: 'stadtwerke' }, actions: { categoryId: 'utilities.electricity' } },
  { name: 'Mobile phone', priority: 31, conditions: { descriptionContains: 'mobilfunk' }, actions: { categoryId: 'utilities.mobile' } },
  { name: 'Supermarkets', priority: 40, conditions: { descriptionRegex: '^(rewe|lidl|edeka|aldi süd|whole foods)' }, actions: { categoryId: 'food.groceries' } },
  { name: 'Eating out', priority: 50, conditions: { descriptionRegex: 'trattoria|vapiano|sushi|bräustuben|burger|ramen|dishoom|pizza' }, actions: { categoryId: 'food.restaurants' } },
  { name: 'Coffee', priority: 60, conditions: { descriptionRegex: '^(café|coffee|starbucks)' }, actions: { categoryId: 'food.coffee' } },
  { name: 'Streaming', priority: 70, conditions: { descriptionRegex: 'netflix|spotify' }, actions: { categoryId: 'entertainment.streaming', tags: ['subscription'] } },
  { name: 'Software', priority: 71, conditions: { descriptionContains: 'github', currency: 'USD' }, actions: { categoryId: 'shopping.electronics', tags: ['subscription'] } },
  { name: 'Public transport', priority: 80, conditions: { descriptionRegex: 'deutschlandticket|mta omny|oyster|suica' }, actions: { categoryId: 'transport.public-transport' } },
] as const;

const GROCERS = ['REWE Markt', 'Lidl', 'EDEKA Center', 'Aldi Süd'];
const RESTAURANTS = ['Trattoria Da Enzo', 'Vapiano Sendlinger Tor', 'Sushi Circle', 'Augustiner Bräustuben', 'Burger Heart'];
const CAFES = ['Café Kosmos', 'Coffee Fellows', 'Café Luitpold'];

/** Trips abroad: month offset from the first month, account, currency, and the day-by-day spending. */
const TRIPS: { month: number; day: number; account: AccountKey; currency: string; items: [dayOffset: number, amount: number, description: string, categoryId?: string][] }[] = [
  {
    month: 2,
    day: 12,
    account: 'wallet',
    currency: 'GBP',
    items: [
      [0, 2_000, 'Oyster top-up Heathrow'],
      [0, 645, 'Pret A Manger Paddington', 'food.restaurants'],
      [1, 1_820, 'Borough Market', 'food.groceries'],
      [1, 2_460, 'The Churchill Arms', 'food.bars'],
      [2, 1_200, 'Tate Modern shop', 'travel.activities'],
      [2, 4_230, 'Dishoom Covent Garden'],
      [3, 1_000, 'Oyster top-up'],
    ],
  },
  {
    month: 5,
    day: 6,
    account: 'card',
    currency: 'USD',
    items: [
      [0, 81_240, 'Delta Air Lines MUC-JFK', 'travel.flights'],
      [0, 68_900, 'The Jane Hotel New York', 'travel.accommodation'],
      [1, 1_450, 'Joe’s Pizza Carmine St'],
      [1, 580, 'MTA OMNY'],
      [1, 3_000, 'MoMA admission', 'travel.activities'],
      [2, 3_875, 'Katz’s Delicatessen', 'food.restaurants'],
      [2, 2_315, 'Whole Foods Market Bryant Park'],
      [3, 870, 'MTA OMNY'],
      [3, 689, 'Starbucks Times Square'],
    ],
  },
  {
    month: 8,
    day: 20,
    account: 'card',
    currency: 'JPY',
    items: [
      [0, 64_800, 'Hotel Gracery Shinjuku', 'travel.accommodation'],
      [0, 3_000, 'Suica charge Haneda'],
      [1, 1_290, 'Ichiran Ramen Shibuya'],
      [1, 3_800, 'teamLab Planets', 'travel.activities'],
      [2, 4_650, 'Sushi Zanmai Tsukiji'],
      [2, 842, 'FamilyMart Ginza', 'food.groceries'],
      [3, 14_170, 'Shinkansen Tokyo-Kyoto', 'travel.trains-buses'],
    ],
  },
  {
    month: 10,
    day: 3,
    account: 'wallet',
    currency: 'GBP',
    items: [
      [0, 1_550, 'Oyster top-up'],
      [0, 3_890, 'Dishoom Shoreditch'],
      [1, 795, 'Pret A Manger King’s Cross', 'food.restaurants'],
      [1, 2_999, 'Foyles Charing Cross', 'entertainment.books'],
    ],
  },
];

/** Twelve months of transactions ending `today`, from a seeded generator. */
export function demoLedger(today: Date): { transactions: DemoTx[]; transfers: DemoTransfer[]; from: string; to: string } {
  const rnd = seeded(20240501);
  const between = (lo: number, hi: number) => Math.round(lo + rnd() * (hi - lo));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const to = iso(today);
  const firstMonth = utc(today.getUTCFullYear(), today.getUTCMonth() - 11, 1);
  const transactions: DemoTx[] = [];
  const transfers: DemoTransfer[] = [];
  const seen = new Set<string>();
  const add = (t: DemoTx) => {
    if (t.date > to) return;
    // A file never holds the same date, amount and description twice (the importer would take it for a repeated line).
    let key = `${t.account}|${t.date}|${t.amount}|${t.description}`;
    while (seen.has(key)) {
      t.amount -= 1;
      key = `${t.account}|${t.date}|${t.amount}|${t.description}`;
    }
    seen.add(key);
    transactions.push(t);
  };
  for (let k = 0; k < 12; k++) {
    const y = firstMonth.getUTCFullYear();
    const m = firstMonth.getUTCMonth() + k;
    const first = utc(y, m, 1);
    const yy = first.getUTCFullYear();
    const mm = first.getUTCMonth();
    const last = daysIn(yy, mm);
    const day = (d: number) => iso(utc(yy, mm, Math.min(d, last)));
    const label = first.toLocaleString('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const eur = (amount: number, description: string, d: number, categoryId?: string) =>
      add({ account: 'checking', date: day(d), amount, currency: 'EUR', description, ...(categoryId ? { categoryId } : {}) });

    eur(-115_000, 'Hausverwaltung Weiß Miete', 1);
    eur(-5_800, 'MVG Deutschlandticket', 1);
    eur(-8_500, 'Stadtwerke München Strom', 2);
    eur(-2_995, 'Telekom Deutschland Mobilfunk', 5);
    eur(-1_399, 'Netflix.com', 8);
    eur(-1_099, 'Spotify AB', 14);
    eur(420_000 + (mm === 10 ? 210_000 : 0), `ACME Software GmbH Gehalt${mm === 10 ? ' inkl. Weihnachtsgeld' : ''}`, 27);
    for (let i = 0, n = between(6, 9); i < n; i++) eur(-between(1_850, 9_600), pick(GROCERS), between(1, last));
    for (let i = 0, n = between(2, 5); i < n; i++) eur(-between(1_500, 7_400), pick(RESTAURANTS), between(1, last));
    for (let i = 0, n = between(3, 8); i < n; i++) eur(-between(320, 890), pick(CAFES), between(1, last));
    if (rnd() < 0.7) eur(-between(1_490, 12_900), 'Amazon.de Marketplace', between(1, last), 'shopping.online');
    if (rnd() < 0.5) eur(-between(900, 2_600), 'Uber Trip München', between(1, last), 'transport.taxi');
    if (k % 3 === 1) eur(-between(3_990, 12_990), 'DB Fernverkehr Fahrkarte', between(1, last), 'travel.trains-buses');
    if (mm % 3 === 2) add({ account: 'savings', date: day(last), amount: between(2_800, 3_400), currency: 'EUR', description: 'Zinsgutschrift Tagesgeld', categoryId: 'income.interest' });
    if (day(2) <= to) transfers.push({ date: day(2), amount: k % 4 === 3 ? 100_000 : 50_000, description: `Sparrate ${label}` });
    // Subscriptions billed in dollars on the travel card.
    add({ account: 'card', date: day(11), amount: -400, currency: 'USD', description: 'GITHUB.COM' });
  }
  for (const trip of TRIPS) {
    for (const [offset, amount, description, categoryId] of trip.items) {
      const date = iso(utc(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth() + trip.month, trip.day + offset));
      add({ account: trip.account, date, amount: -amount, currency: trip.currency, description, ...(categoryId ? { categoryId } : {}) });
    }
  }
  return { transactions, transfers, from: iso(firstMonth), to };
}

/** One CSV per account, in the columns the importer reads (dates ISO, amounts signed with a decimal point). */
function toCsv(rows: readonly DemoTx[]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const amount = (minor: number, currency: string) => {
    const e = EXPONENT[currency] ?? 2;
    const abs = Math.abs(minor);
    const text = e === 0 ? String(abs) : `${Math.floor(abs / 10 ** e)}.${String(abs % 10 ** e).padStart(e, '0')}`;
    return (minor < 0 ? '-' : '') + text;
  };
  return ['Date,Amount,Currency,Description', ...rows.map((r) => [r.date, amount(r.amount, r.currency), r.currency, field(r.description)].join(','))].join('\r\n') + '\r\n';
}

// ── exchange rates ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The ECB history shipped with the local cloud ends in May 2025, so later transactions in USD, GBP or JPY would
 * stay `fxStatus: pending` (never converted 1:1). For the demo we publish plausible, seeded EUR rates with the
 * admin account (PUT /fx/rates, permission fx:write) once a week from the day after the history ends, before any
 * transaction is written, so the ledger is fully converted from the start. These are demo figures, not market
 * data; dates the history covers keep their ECB rates.
 */
async function publishDemoRates(cloud: Cloud, userToken: string, from: string, to: string): Promise<number> {
  const WEEK = 7 * 86_400_000;
  const plus = (date: string, ms: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + ms));
  /** The date of the EUR rates in effect on `date` (at most 7 days older), if any. */
  const inEffect = async (date: string): Promise<string | undefined> => {
    try {
      const r = await api<{ date: string; rates: Record<string, string> }>(cloud, 'GET', `/fx/rates?date=${date}&base=EUR`, { token: userToken });
      return ['USD', 'GBP', 'JPY'].every((c) => r.rates[c]) ? r.date : undefined;
    } catch (e) {
      if (e instanceof ApiError && / 404:/.test(e.message)) return undefined;
      throw e;
    }
  };
  const weeks: string[] = [];
  for (let d = from; d <= to; d = plus(d, WEEK)) weeks.push(d);
  // The history is contiguous: find the first week it no longer covers (binary search, a handful of reads).
  let lo = 0;
  let hi = weeks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (await inEffect(weeks[mid] as string)) lo = mid + 1;
    else hi = mid;
  }
  if (lo === weeks.length && (await inEffect(to))) return 0;
  // From the day after the last published rates (or the first week when nothing covers it), every 7 days.
  const last = lo > 0 ? await inEffect(weeks[lo - 1] as string) : undefined;
  const dates: string[] = [];
  for (let d = last ? plus(last, 86_400_000) : (weeks[0] ?? from); d <= to; d = plus(d, WEEK)) dates.push(d);

  // A random walk around late-2025 levels, the same on every run.
  const rnd = seeded(72025);
  let usd = 1.16;
  let gbp = 0.87;
  let jpy = 178;
  const sets = dates.map((date) => {
    usd = Math.min(1.22, Math.max(1.08, usd * (1 + (rnd() - 0.5) * 0.012)));
    gbp = Math.min(0.9, Math.max(0.83, gbp * (1 + (rnd() - 0.5) * 0.008)));
    jpy = Math.min(188, Math.max(160, jpy * (1 + (rnd() - 0.5) * 0.014)));
    return { date, base: 'EUR', rates: { USD: usd.toFixed(4), GBP: gbp.toFixed(5), JPY: jpy.toFixed(2) } };
  });
  if (sets.length === 0) return 0;
  const adminToken = await login(cloud, cloud.admin);
  await eachBounded(sets, 4, async (body) => {
    await api(cloud, 'PUT', '/fx/rates', { token: adminToken, body });
  });
  return sets.length;
}

// ── loading ─────────────────────────────────────────────────────────────────────────────────────────────────────

interface ImportReport {
  status: 'queued' | 'processing' | 'completed' | 'failed';
  imported: number;
  duplicates: unknown[];
  errors: { row: number; message: string }[];
}

async function waitForImport(cloud: Cloud, token: string, importId: string, timeoutMs = 60_000): Promise<ImportReport> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const report = await api<ImportReport>(cloud, 'GET', `/imports/${importId}`, { token });
    if (report.status === 'completed') return report;
    if (report.status === 'failed') throw new Error(`Demo import ${importId} failed.`);
    if (Date.now() > until) throw new Error(`Demo import ${importId} is still ${report.status} after ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Loads the demo data into a running local cloud. `today` fixes the last day of the ledger (default: now). */
export async function loadDemo(cloud: Cloud, today: Date = new Date()): Promise<void> {
  const started = Date.now();
  const user = await registerDemoUser(cloud);
  console.log(`Demo user ${DEMO_USER.email} / ${DEMO_USER.password} (${user}).`);
  const token = await login(cloud, DEMO_USER);
  const existing = await api<{ items: unknown[] }>(cloud, 'GET', '/accounts', { token });
  if (existing.items.length > 0) {
    console.log(`Demo data already loaded (${existing.items.length} accounts): nothing to do.`);
    return;
  }

  const demo: DemoLoad = { cloud, token, ledger: demoLedger(today), ids: {} as Record<AccountKey, string> };
  const { ledger, ids } = demo;
  const posts = ledger.transactions.filter((t) => t.categoryId);

  // The rates and the euro side need nothing from each other: both at once.
  const [published] = await Promise.all([
    // Without rates the demo still loads: its foreign-currency rows wait as pending until rates arrive.
    publishDemoRates(cloud, token, ledger.from, ledger.to).catch((e: unknown) => {
      console.warn(`Could not publish the demo exchange rates (${e instanceof Error ? e.message : String(e)}); foreign-currency rows stay pending.`);
      return 0;
    }),
    loadEuroSide(demo, posts.filter((t) => t.currency === 'EUR')),
  ]);

  // Once the rates are in, the rest: one CSV import per account (the rules categorise its rows as they arrive),
  // and the foreign-currency one-offs with their category.
  const [imported] = await Promise.all([
    importDemoFiles(demo),
    eachBounded(
      posts.filter((t) => t.currency !== 'EUR'),
      4,
      async (t) => void (await postDemoTransaction(demo, t)),
    ),
  ]);
  const raised = await loadBudgetsAndGoals(cloud, token, ids, today);
  console.log(
    `Demo ledger ${ledger.from} … ${ledger.to}: ${Object.keys(ids).length} accounts, ${RULES.length} rules, ${imported} imported + ${posts.length} posted transactions, ` +
      `${ledger.transfers.length} transfers${published ? `, demo FX rates for ${published} dates` : ''}, ${raised.budgets} budgets, ${raised.goals} goals, ${raised.alerts} alerts (${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
}

/** What the loading steps share: the demo user's token, the ledger, and the account ids as they are created. */
interface DemoLoad {
  cloud: Cloud;
  token: string;
  ledger: ReturnType<typeof demoLedger>;
  ids: Record<AccountKey, string>;
}

/** Posts one categorised transaction of the ledger through POST /transactions. */
function postDemoTransaction(demo: DemoLoad, t: DemoTx) {
  return api(demo.cloud, 'POST', '/transactions', {
    token: demo.token,
    body: { type: t.amount < 0 ? 'expense' : 'income', amount: Math.abs(t.amount), currency: t.currency, date: t.date, description: t.description, categoryId: t.categoryId, accountId: demo.ids[t.account] },
  });
}

/** The profile, the accounts (filling `demo.ids`), the rules, the euro transactions and the monthly transfers. */
async function loadEuroSide(demo: DemoLoad, euroPosts: readonly DemoTx[]): Promise<void> {
  const { cloud, token, ledger, ids } = demo;
  await api(cloud, 'PATCH', '/me', { token, body: { name: DEMO_USER.name, baseCurrency: 'EUR', monthlyIncome: { amount: 420_000, currency: 'EUR' }, timezone: 'Europe/Berlin' } });
  for (const key of Object.keys(ACCOUNTS) as AccountKey[]) {
    ids[key] = (await api<{ id: string }>(cloud, 'POST', '/accounts', { token, body: ACCOUNTS[key] })).id;
  }
  for (const rule of RULES) await api(cloud, 'POST', '/rules', { token, body: rule });
  await eachBounded(euroPosts, 4, async (t) => void (await postDemoTransaction(demo, t)));
  // The monthly transfers to savings.
  await eachBounded(ledger.transfers, 4, async (t) => {
    await api(cloud, 'POST', '/transactions', {
      token,
      body: { type: 'transfer', amount: t.amount, currency: 'EUR', date: t.date, description: t.description, accountId: ids.checking, toAccountId: ids.savings },
    });
  });
}

/**
 * One CSV import per account of its uncategorised rows, each waited for and checked; answers the rows imported. A user
 * has one import queued or running at a time: the files go one after the other.
 */
async function importDemoFiles(demo: DemoLoad): Promise<number> {
  const { cloud, token, ledger, ids } = demo;
  let imported = 0;
  for (const key of Object.keys(ACCOUNTS) as AccountKey[]) {
    const rows = ledger.transactions.filter((t) => t.account === key && !t.categoryId);
    if (rows.length === 0) continue;
    const { importId } = await api<{ importId: string }>(cloud, 'POST', '/imports', { token, body: { accountId: ids[key], format: 'csv', content: toCsv(rows) } });
    const report = await waitForImport(cloud, token, importId);
    if (report.imported !== rows.length) {
      throw new Error(`Demo import into ${key} wrote ${report.imported} of ${rows.length} rows: ${JSON.stringify({ duplicates: report.duplicates, errors: report.errors }).slice(0, 800)}`);
    }
    imported += report.imported;
  }
  return imported;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Budgets and goals over the loaded ledger, and the alerts they raise. The groceries budget's amount comes from this
 * month's spending so far and its projection, read (once the rollups have settled) from GET /budgets/status, so the
 * demo is on pace to overspend whatever day it is loaded (early in a month with little spending, barely so).
 */
async function loadBudgetsAndGoals(cloud: Cloud, token: string, ids: Record<AccountKey, string>, today: Date): Promise<{ budgets: number; goals: number; alerts: number }> {
  const date = today.toISOString().slice(0, 10);
  const monthStart = `${date.slice(0, 8)}01`;
  type Status = { budgetId: string; spent: number | string; projected: number | string };
  const groceries = await api<{ id: string; version: number }>(cloud, 'POST', '/budgets', {
    token,
    body: { name: 'Groceries', categoryId: 'food.groceries', period: 'monthly', amount: 10_000_000, rollover: 'none', startDate: monthStart },
  });
  await api(cloud, 'POST', '/budgets', { token, body: { name: 'Everything', categoryId: null, period: 'monthly', amount: 400_000, rollover: 'positive', startDate: monthStart } });
  // This month's grocery spending and its projection (the user's own pattern), once three reads two seconds apart
  // agree: the analytics consumer has caught up with the imports.
  let seen = '';
  let figures = { spent: 0, projected: 0 };
  for (let i = 0, same = 0; i < 40 && same < 2; i++) {
    const status = await api<{ items: Status[] }>(cloud, 'GET', `/budgets/status?date=${date}`, { token });
    const s = status.items.find((x) => x.budgetId === groceries.id);
    figures = { spent: Number(s?.spent ?? 0), projected: Number(s?.projected ?? 0) };
    const key = JSON.stringify(figures);
    same = key === seen ? same + 1 : 0;
    seen = key;
    await sleep(2000);
  }
  // Between what is spent and where the month is heading: under budget today, on pace to end over it.
  const amount = Math.max(1_000, figures.projected > figures.spent * 1.01 ? Math.round((figures.spent + figures.projected) / 2) : Math.round(figures.spent * 1.05));
  const r = await fetch(`${cloud.apiUrl}/budgets/${groceries.id}`, {
    method: 'PATCH',
    headers: { 'if-match': String(groceries.version), authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ amount }),
  });
  if (!r.ok) throw new ApiError(`PATCH /budgets/${groceries.id} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);

  const inMonths = (n: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + n, 28)).toISOString().slice(0, 10);
  await api(cloud, 'POST', '/goals', { token, body: { name: 'Emergency fund', targetAmount: 500_000, currency: 'EUR', accountId: ids.savings } });
  await api(cloud, 'POST', '/goals', { token, body: { name: 'New car', targetAmount: 4_000_000, currency: 'EUR', accountId: ids.savings, targetDate: inMonths(4) } });
  await api(cloud, 'POST', '/goals', { token, body: { name: 'Bike', targetAmount: 180_000, currency: 'EUR', startAmount: 40_000, targetDate: inMonths(10) } });

  // The write the alerts are raised at (a coffee: it leaves the groceries budget as it is).
  await api(cloud, 'POST', '/transactions', { token, body: { type: 'expense', amount: 320, currency: 'EUR', date, description: 'Café Einstein', categoryId: 'food.coffee', accountId: ids.checking } });
  // Until the pace warning and the off-track goal are listed (at most 20 s).
  let alerts = 0;
  for (let i = 0, done = false; i < 40 && !done; i++) {
    await sleep(500);
    const items = (await api<{ items: { kind: string }[] }>(cloud, 'GET', '/alerts?limit=100', { token })).items;
    alerts = items.length;
    done = items.some((a) => a.kind === 'budget.pace') && items.some((a) => a.kind === 'goal.off_track');
  }
  return { budgets: 2, goals: 3, alerts };
}

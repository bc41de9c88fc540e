import { wordsOf, type CategoriseSubject } from './features';

/**
 * The categoriser's prior: common merchant and description words mapped to the default categories
 * (shared/domain/ledger/categories.ts), written by hand from general knowledge of bank statements — never derived
 * from any labelled data. It answers only until the user has taught the model enough of their own (see
 * `PRIOR_UNTIL_DOCS` in ./model.ts), and only into categories the user still has.
 */
const EXPENSE =
  'food.groceries=grocery groceries supermarket aldi lidl rewe edeka tesco sainsbury asda kroger carrefour woolworths checkers spar walmart costco wholefoods mercadona netto;' +
  'food.restaurants=restaurant restaurants bistro pizzeria sushi grill diner;' +
  'food.coffee=starbucks coffee cafe costa pret tchibo;' +
  'food.takeaway=mcdonalds kfc burger subway dominos deliveroo ubereats doordash grubhub takeaway lieferando nandos debonairs;' +
  'food.bars=bar pub brewery liquor wine;' +
  'transport.fuel=fuel gas petrol shell bp engen sasol;' +
  'transport.public-transport=metro subway transit bus tram tfl;' +
  'transport.taxi=uber lyft taxi cab bolt;' +
  'transport.parking=parking toll;' +
  'transport.car-maintenance=tyre mechanic;' +
  'shopping.online=amazon ebay etsy takealot zalando marketplace;' +
  'shopping.clothing=clothing zara nike adidas shoes woolworths;' +
  'shopping.electronics=electronics apple;' +
  'shopping.household=ikea hardware;' +
  'health.pharmacy=pharmacy cvs boots chemist;' +
  'health.medical=doctor hospital clinic medical;' +
  'health.dental=dentist dental;' +
  'health.fitness=gym fitness yoga;' +
  'personal-care.hair-beauty=salon hair barber beauty spa;' +
  'entertainment.streaming=netflix spotify disney showmax youtube prime;' +
  'entertainment.events=tickets ticketmaster cinema theatre concert movies;' +
  'entertainment.games=steam games;' +
  'entertainment.books=books bookstore kindle;' +
  'travel.flights=airline airlines ryanair easyjet airport;' +
  'travel.accommodation=hotel hotels airbnb booking;' +
  'travel.car-rental=hertz avis sixt rental;' +
  'travel.trains-buses=rail railway train bahn flixbus;' +
  'housing.rent=rent landlord;' +
  'housing.mortgage=mortgage bond;' +
  'utilities.electricity=electric electricity power energy eskom;' +
  'utilities.heating=heating;' +
  'utilities.water=water;' +
  'utilities.internet=internet broadband fibre;' +
  'utilities.mobile=mobile vodafone vodacom mtn airtime o2;' +
  'insurance.car=car_insurance;' +
  'insurance.health=medical_aid discovery;' +
  'fees.bank=fee fees charge charges;' +
  'fees.atm=atm;' +
  'other.cash=cash withdrawal;' +
  'taxes.income=irs hmrc sars tax;' +
  'giving.charity=charity donation church;' +
  'pets.vet=vet veterinary;' +
  'education.tuition=tuition school university college;' +
  'family.childcare=daycare nursery kindergarten;' +
  'loans.interest=interest';

const INCOME =
  'income.salary=salary payroll wages paycheck;' +
  'income.interest=interest rebate;' +
  'income.dividends=dividend dividends;' +
  'income.refunds=refund cashback reimbursement;' +
  'income.benefits=benefit benefits allowance;' +
  'income.pension=pension';

/** `category=word word;category=…` (two-word entries joined by `_`) → word → category; the first to name a word keeps it. */
function index(table: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of table.split(';')) {
    const [category = '', words = ''] = entry.split('=');
    for (const w of words.split(' ')) if (w && !out.has(w.replace('_', ' '))) out.set(w.replace('_', ' '), category);
  }
  return out;
}

// Pure thunks (as in ../money/currencies.ts): a bundle that imports the categoriser without calling it leaves the
// lexicon out (the import request does; its worker categorises).
const EXPENSE_WORDS = /*#__PURE__*/ (() => index(EXPENSE))();
const INCOME_WORDS = /*#__PURE__*/ (() => index(INCOME))();

/** What the lexicon suggests: a default category id and how sure it is (0..1). */
export interface LexiconGuess {
  categoryId: string;
  confidence: number;
}

/**
 * The prior's guess for a transaction: the category most of its known words point to (ties by the first word),
 * or undefined when none is known or it is a transfer. Confidence 0.9 for one supporting word, 0.95 for more,
 * less when words disagree.
 */
export function lexiconGuess(t: CategoriseSubject): LexiconGuess | undefined {
  if (t.type === 'transfer') return undefined;
  const table = t.type === 'income' ? INCOME_WORDS : EXPENSE_WORDS;
  const words = wordsOf(t.description);
  // Two-word entries ("medical aid") are looked up as joined pairs too.
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  const votes = new Map<string, number>();
  let total = 0;
  for (const w of [...pairs, ...words]) {
    const c = table.get(w);
    if (c) {
      votes.set(c, (votes.get(c) ?? 0) + 1);
      total++;
    }
  }
  let best: [string, number] | undefined;
  for (const v of votes) if (!best || v[1] > best[1]) best = v;
  if (!best) return undefined;
  const agreement = best[1] / total;
  return { categoryId: best[0], confidence: Math.round((best[1] > 1 ? 0.95 : 0.9) * agreement * 1000) / 1000 };
}

/** Every category id the lexicon can suggest (all are default categories; tested). */
export function lexiconCategories(): string[] {
  return [...new Set([...EXPENSE_WORDS.values(), ...INCOME_WORDS.values()])];
}

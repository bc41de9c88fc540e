import { wordsOf, type CategoriseSubject } from './features';

/**
 * The categoriser's prior: common merchant and description words mapped to the default categories
 * (shared/domain/ledger/categories.ts), written by hand from general knowledge of bank statements — never derived
 * from any labelled data. It answers only until the user has taught the model enough of their own (see
 * `PRIOR_UNTIL_DOCS` in ./model.ts), and only into categories the user still has.
 */
const EXPENSE: Record<string, readonly string[]> = {
  'food.groceries': ['grocery', 'groceries', 'supermarket', 'aldi', 'lidl', 'rewe', 'edeka', 'tesco', 'sainsbury', 'sainsburys', 'asda', 'kroger', 'safeway', 'carrefour', 'woolworths', 'checkers', 'spar', 'pick', 'walmart', 'costco', 'wholefoods', 'albert', 'heijn', 'jumbo', 'mercadona', 'netto', 'penny', 'kaufland', 'waitrose', 'morrisons', 'trader'],
  'food.restaurants': ['restaurant', 'restaurants', 'bistro', 'trattoria', 'pizzeria', 'sushi', 'grill', 'diner', 'steakhouse', 'brasserie', 'taverna'],
  'food.coffee': ['starbucks', 'coffee', 'cafe', 'espresso', 'costa', 'pret', 'tchibo'],
  'food.takeaway': ['mcdonalds', 'kfc', 'burger', 'subway', 'dominos', 'deliveroo', 'ubereats', 'doordash', 'grubhub', 'takeaway', 'lieferando', 'wimpy', 'nandos', 'debonairs', 'steers', 'takeout'],
  'food.bars': ['bar', 'pub', 'brewery', 'tavern', 'liquor', 'bottle', 'wine'],
  'transport.fuel': ['fuel', 'gas', 'petrol', 'shell', 'bp', 'esso', 'aral', 'chevron', 'exxon', 'texaco', 'engen', 'sasol', 'caltex', 'total', 'jet', 'garage'],
  'transport.public-transport': ['metro', 'subway', 'transit', 'bus', 'tram', 'bvg', 'mvg', 'tfl', 'oyster', 'gautrain'],
  'transport.taxi': ['uber', 'lyft', 'taxi', 'cab', 'bolt', 'freenow'],
  'transport.parking': ['parking', 'toll', 'tolls', 'parkhaus', 'etoll'],
  'transport.car-maintenance': ['tyre', 'tyres', 'tire', 'tires', 'mechanic', 'autoservice', 'carwash'],
  'shopping.online': ['amazon', 'ebay', 'etsy', 'aliexpress', 'takealot', 'zalando', 'marketplace'],
  'shopping.clothing': ['clothing', 'fashion', 'zara', 'primark', 'uniqlo', 'nike', 'adidas', 'shoes', 'woolworths'],
  'shopping.electronics': ['electronics', 'apple', 'mediamarkt', 'saturn', 'bestbuy', 'currys', 'incredible', 'software'],
  'shopping.household': ['ikea', 'hardware', 'homebase', 'bunnings', 'obi', 'hornbach', 'builders', 'target'],
  'health.pharmacy': ['pharmacy', 'apotheke', 'drugstore', 'cvs', 'walgreens', 'boots', 'clicks', 'dischem', 'chemist'],
  'health.medical': ['doctor', 'hospital', 'clinic', 'medical', 'physician'],
  'health.dental': ['dentist', 'dental'],
  'health.fitness': ['gym', 'fitness', 'virgin', 'planet', 'yoga', 'pilates'],
  'personal-care.hair-beauty': ['salon', 'hair', 'barber', 'beauty', 'spa', 'nails'],
  'entertainment.streaming': ['netflix', 'spotify', 'hulu', 'disney', 'hbo', 'showmax', 'deezer', 'youtube', 'prime', 'dazn', 'audible'],
  'entertainment.events': ['tickets', 'ticket', 'ticketmaster', 'eventbrite', 'cinema', 'theatre', 'theater', 'concert', 'movies', 'ster', 'kinekor'],
  'entertainment.games': ['steam', 'playstation', 'xbox', 'nintendo', 'games'],
  'entertainment.books': ['books', 'bookstore', 'kindle', 'thalia', 'waterstones', 'exclusive'],
  'travel.flights': ['airline', 'airlines', 'airways', 'lufthansa', 'ryanair', 'easyjet', 'flysafair', 'delta', 'klm', 'emirates', 'airport'],
  'travel.accommodation': ['hotel', 'hotels', 'airbnb', 'booking', 'hostel', 'motel', 'lodge', 'inn'],
  'travel.car-rental': ['hertz', 'avis', 'europcar', 'sixt', 'rental'],
  'travel.trains-buses': ['rail', 'railway', 'train', 'trainline', 'amtrak', 'bahn', 'sncf', 'flixbus', 'greyhound', 'intercape'],
  'housing.rent': ['rent', 'landlord', 'letting'],
  'housing.mortgage': ['mortgage', 'bond', 'hypothek'],
  'utilities.electricity': ['electric', 'electricity', 'power', 'energy', 'eskom', 'vattenfall', 'eon', 'prepaid'],
  'utilities.heating': ['heating'],
  'utilities.water': ['water'],
  'utilities.internet': ['internet', 'broadband', 'fibre', 'fiber', 'comcast', 'xfinity', 'afrihost', 'webafrica'],
  'utilities.mobile': ['mobile', 'vodafone', 'verizon', 'vodacom', 'mtn', 'telkom', 'cell', 'airtime', 'telekom', 'o2', 'airtel'],
  'insurance.car': ['car insurance'],
  'insurance.health': ['medical aid', 'discovery', 'bupa'],
  'insurance.life': ['life', 'assurance', 'oldmutual', 'sanlam', 'liberty'],
  'fees.bank': ['fee', 'fees', 'charge', 'charges', 'commission', 'service'],
  'fees.atm': ['atm'],
  'other.cash': ['cash', 'withdrawal'],
  'taxes.income': ['irs', 'hmrc', 'sars', 'finanzamt', 'tax'],
  'giving.charity': ['charity', 'donation', 'church', 'foundation', 'unicef', 'oxfam'],
  'pets.vet': ['vet', 'veterinary'],
  'pets.food': ['petco', 'petsmart', 'fressnapf'],
  'education.tuition': ['tuition', 'school', 'university', 'college'],
  'family.childcare': ['daycare', 'nursery', 'kindergarten', 'kita', 'creche'],
  'loans.interest': ['interest', 'finance'],
};

const INCOME: Record<string, readonly string[]> = {
  'income.salary': ['salary', 'payroll', 'wages', 'paycheck', 'gehalt', 'lohn', 'paye'],
  'income.interest': ['interest', 'zinsen', 'rebate'],
  'income.dividends': ['dividend', 'dividends'],
  'income.refunds': ['refund', 'reversal', 'cashback', 'reimbursement', 'return'],
  'income.benefits': ['benefit', 'benefits', 'allowance', 'kindergeld', 'sassa'],
  'income.pension': ['pension', 'rente', 'annuity'],
  'income.rental': ['tenant'],
};

function index(table: Record<string, readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  // The first category to name a word keeps it (the tables list the likelier meaning first).
  for (const [category, words] of Object.entries(table)) for (const w of words) if (!out.has(w)) out.set(w, category);
  return out;
}

const EXPENSE_WORDS = index(EXPENSE);
const INCOME_WORDS = index(INCOME);

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
  return [...new Set([...Object.keys(EXPENSE), ...Object.keys(INCOME)])];
}

/**
 * The categories every new user starts with: two levels (parents and their children), expense and income, each
 * with a stable slug id (`food`, `food.groceries`, `income.salary`). Ids never change once shipped — stored
 * transactions, rules and budgets refer to them — so rename by changing `name`, never `id`.
 */

/** Whether a category counts money out or money in. */
export type CategoryKind = 'expense' | 'income';

/** One default category. A child's id is its parent's id, a dot, and its own slug. */
export interface DefaultCategory {
  readonly id: string;
  readonly name: string;
  readonly kind: CategoryKind;
  /** Absent on parents. */
  readonly parentId?: string;
}

type Tree = readonly [slug: string, name: string, children: readonly (readonly [slug: string, name: string])[]][];

const EXPENSES: Tree = [
  ['housing', 'Housing', [['rent', 'Rent'], ['mortgage', 'Mortgage'], ['maintenance', 'Maintenance & repairs'], ['furnishings', 'Furniture & furnishings'], ['service-charges', 'Service charges & HOA']]],
  ['utilities', 'Utilities', [['electricity', 'Electricity'], ['heating', 'Gas & heating'], ['water', 'Water'], ['internet', 'Internet'], ['mobile', 'Mobile phone'], ['tv', 'TV & licence fee']]],
  ['food', 'Food & drink', [['groceries', 'Groceries'], ['restaurants', 'Restaurants'], ['coffee', 'Coffee shops'], ['takeaway', 'Takeaway & delivery'], ['bars', 'Bars & alcohol']]],
  ['transport', 'Transport', [['fuel', 'Fuel'], ['public-transport', 'Public transport'], ['taxi', 'Taxi & ride-hailing'], ['parking', 'Parking & tolls'], ['car-maintenance', 'Car maintenance'], ['car-payment', 'Car loan & lease']]],
  ['shopping', 'Shopping', [['clothing', 'Clothing & shoes'], ['electronics', 'Electronics & software'], ['household', 'Household supplies'], ['hobbies', 'Hobbies & sports gear'], ['online', 'Online marketplaces']]],
  ['health', 'Health', [['medical', 'Doctor & hospital'], ['dental', 'Dentist'], ['pharmacy', 'Pharmacy'], ['eyecare', 'Eye care'], ['fitness', 'Fitness & sport']]],
  ['personal-care', 'Personal care', [['hair-beauty', 'Hair & beauty'], ['toiletries', 'Toiletries & cosmetics'], ['laundry', 'Laundry & dry cleaning']]],
  ['entertainment', 'Entertainment', [['streaming', 'Streaming & subscriptions'], ['events', 'Events & tickets'], ['games', 'Games & apps'], ['books', 'Books, music & magazines'], ['going-out', 'Going out']]],
  ['travel', 'Travel', [['flights', 'Flights'], ['accommodation', 'Hotels & accommodation'], ['car-rental', 'Car rental'], ['trains-buses', 'Trains & coaches'], ['activities', 'Tours & activities']]],
  ['education', 'Education', [['tuition', 'Tuition & school fees'], ['courses', 'Courses & training'], ['supplies', 'Books & supplies']]],
  ['family', 'Kids & family', [['childcare', 'Childcare'], ['activities', 'Kids’ activities'], ['pocket-money', 'Pocket money'], ['toys', 'Toys & baby supplies']]],
  ['pets', 'Pets', [['food', 'Pet food & supplies'], ['vet', 'Vet'], ['services', 'Grooming & pet sitting']]],
  ['insurance', 'Insurance', [['health', 'Health insurance'], ['home', 'Home & contents insurance'], ['car', 'Car insurance'], ['life', 'Life insurance'], ['liability', 'Liability insurance'], ['travel', 'Travel insurance']]],
  ['loans', 'Loans & debt', [['student', 'Student loan'], ['personal', 'Personal loan'], ['interest', 'Interest & finance charges']]],
  ['fees', 'Fees & charges', [['bank', 'Bank fees'], ['atm', 'ATM fees'], ['fx', 'Foreign exchange fees'], ['late', 'Late fees & penalties']]],
  ['taxes', 'Taxes', [['income', 'Income tax'], ['property', 'Property tax'], ['other', 'Other taxes']]],
  ['giving', 'Gifts & donations', [['gifts', 'Gifts'], ['charity', 'Charity & donations']]],
  ['business', 'Business', [['expenses', 'Business expenses'], ['office', 'Office supplies'], ['travel', 'Business travel']]],
  ['other', 'Other', [['cash', 'Cash withdrawals'], ['misc', 'Miscellaneous']]],
];

const INCOME: Tree = [
  [
    'income',
    'Income',
    [
      ['salary', 'Salary & wages'],
      ['bonus', 'Bonus'],
      ['freelance', 'Freelance & business income'],
      ['interest', 'Interest'],
      ['dividends', 'Dividends & investment income'],
      ['rental', 'Rental income'],
      ['pension', 'Pension'],
      ['benefits', 'Benefits & allowances'],
      ['refunds', 'Refunds & reimbursements'],
      ['gifts', 'Gifts received'],
      ['other', 'Other income'],
    ],
  ],
];

function flatten(tree: Tree, kind: CategoryKind): DefaultCategory[] {
  return tree.flatMap(([slug, name, children]) => [
    Object.freeze({ id: slug, name, kind }),
    ...children.map(([child, childName]) => Object.freeze({ id: `${slug}.${child}`, name: childName, kind, parentId: slug })),
  ]);
}

let defaults: readonly DefaultCategory[] | undefined;
let byId: ReadonlyMap<string, DefaultCategory> | undefined;

/**
 * The default categories, parents first each followed by their children, expenses then income. Made at the first call:
 * most requests of the functions that bundle them (a user's categories are seeded once) never read them, and building
 * them when the module loads cost every cold start about 0.3 ms.
 */
export function defaultCategories(): readonly DefaultCategory[] {
  return (defaults ??= Object.freeze([...flatten(EXPENSES, 'expense'), ...flatten(INCOME, 'income')]));
}

/** The default category with this id, if there is one. */
export function defaultCategory(id: string): DefaultCategory | undefined {
  byId ??= new Map(defaultCategories().map((c) => [c.id, c]));
  return byId.get(id);
}

/** The children of a default parent category (empty for a child or an unknown id). */
export function defaultChildren(parentId: string): DefaultCategory[] {
  return defaultCategories().filter((c) => c.parentId === parentId);
}

/** The shape of a category slug id: lower-case words joined by `-`, at most two levels joined by `.`. */
export const CATEGORY_SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*)?$/;

/**
 * Discretionary spending: what a person could cut for a while without breaking a commitment (rent, bills, loans,
 * insurance, taxes, groceries, health and childcare are not). The whole of these default parents and every child of
 * theirs (a user's own child category included):
 */
export const DISCRETIONARY_PARENTS: ReadonlySet<string> = new Set(['shopping', 'entertainment', 'travel']);

/** Default children of other parents that are discretionary too (eating and drinking out, beauty), and children of
 * {@link DISCRETIONARY_PARENTS} that are not (household supplies are necessities). */
const DISCRETIONARY_CHILDREN: ReadonlySet<string> = new Set(['food.restaurants', 'food.coffee', 'food.takeaway', 'food.bars', 'personal-care.hair-beauty']);
const NOT_DISCRETIONARY: ReadonlySet<string> = new Set(['shopping.household']);

/**
 * Whether spending in category `id` is discretionary (see {@link DISCRETIONARY_PARENTS}). `parentOf` resolves a
 * user's own categories (whose ids are not slugs); without it, or when it knows nothing, a default child's parent is
 * the part of its slug before the dot.
 */
export function isDiscretionary(id: string, parentOf: (id: string) => string | null | undefined = () => undefined): boolean {
  if (NOT_DISCRETIONARY.has(id)) return false;
  if (DISCRETIONARY_PARENTS.has(id) || DISCRETIONARY_CHILDREN.has(id)) return true;
  const parent = parentOf(id) ?? (defaultCategory(id)?.parentId ?? null);
  return parent !== null && parent !== id && DISCRETIONARY_PARENTS.has(parent);
}

/** The ledger: transaction rules, calendar dates, merchant normalisation and the default categories. */
export {
  addDays,
  assertCalendarDate,
  calendarDate,
  daysBetween,
  daysInMonth,
  epochDay,
  epochDayOf,
  fromEpochDay,
  isCalendarDate,
  isLeapYear,
  MAX_YEAR,
  MIN_YEAR,
} from './calendar';
export { CATEGORY_SLUG, defaultCategories, defaultCategory, defaultChildren, type CategoryKind, type DefaultCategory } from './categories';
export { merchantKey, normaliseDescription } from './merchant';
export {
  normaliseTag,
  normaliseTags,
  signedAmount,
  TRANSACTION_LIMITS,
  TRANSACTION_TYPES,
  transactionProblems,
  validateTransaction,
  type FieldProblem,
  type Split,
  type TransactionDraft,
  type TransactionFields,
  type TransactionType,
} from './transaction';

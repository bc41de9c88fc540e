/** Money: ISO 4217 currencies and integer minor-unit amounts (parse, format, sum, allocate). */
export { CURRENCY_CODES, currencyInfo, exponentOf, isCurrency, knownCurrenciesOnly, type Currency, type CurrencyInfo } from './currencies';
export {
  assertAmount,
  assertMinor,
  ceilingMessage,
  formatAmount,
  fromBigAmount,
  fromBigMinor,
  isAmount,
  isMinor,
  MAX_AMOUNT,
  MAX_AMOUNT_TEXT,
  parseAmount,
  sumMinor,
  type Minor,
  type Money,
  type ParseAmountOptions,
} from './amount';
export { allocate, MAX_PARTS, splitEvenly } from './allocate';
export { bigOf, EXACT_INTEGER_PATTERN, readInt, sumExact, toExactMinor, toStoredInt, type ExactMinor, type StoredInt } from './exact';

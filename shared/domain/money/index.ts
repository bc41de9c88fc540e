/** Money: ISO 4217 currencies and integer minor-unit amounts (parse, format, sum, allocate). */
export { CURRENCIES, CURRENCY_CODES, currencyInfo, exponentOf, isCurrency, knownCurrenciesOnly, type Currency, type CurrencyInfo } from './currencies';
export {
  assertMinor,
  formatAmount,
  fromBigMinor,
  isMinor,
  parseAmount,
  sumMinor,
  type Minor,
  type Money,
  type ParseAmountOptions,
} from './amount';
export { allocate, MAX_PARTS, splitEvenly } from './allocate';

/** Foreign exchange: exact rational rates, one half-even rounding per conversion, dated rate lookup, ECB files. */
export {
  compare,
  divide,
  equals,
  multiply,
  ONE,
  parseDecimal,
  parseRate,
  rational,
  reciprocal,
  roundHalfEven,
  toDecimalString,
  type Rational,
} from './rational';
export { BASE_CURRENCY, convert, convertWithTable, crossRate, invertRate, type RateInput } from './convert';
export { parseEcbDaily } from './ecb-daily';
export {
  DEFAULT_MAX_AGE_DAYS,
  parseEcbHistory,
  pickCrossRate,
  pickRate,
  rateSeries,
  type DatedRate,
  type DatedRates,
} from './rates';

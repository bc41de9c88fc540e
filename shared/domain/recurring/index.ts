/** Recurring payments: pure detection over one merchant's bounded series, and the series' convergent updates. */
export * from './detect';
export * from './series';
export * from './alert';

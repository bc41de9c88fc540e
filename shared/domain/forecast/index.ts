/** Cash-flow forecast: recurring payments plus a seeded bootstrap of the residual months, and its back-test. */
export * from './schedule';
export * from './forecast';
export * from './backtest';
export * from './convert';

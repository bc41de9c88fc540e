/** Alerts: pure rules (no I/O) deciding which alerts the ledger's state raises, and their deterministic ids. */
export * from './alert';
export * from './budgets';
export * from './unusual';
export * from './goals';

/**
 * Which manifest queues each event type is delivered to by the outbox relay. A type with no entry is an error at
 * relay time (it would otherwise vanish).
 */
export const ROUTES: Record<string, string[]> = {
  UserRegistered: ['notifications'],
  UserConfirmed: ['notifications'],
  ReportRequested: ['reports'],
  FxRatesPublished: ['ledger-jobs'],
  BaseCurrencyChanged: ['ledger-jobs'],
  AccountErasureRequested: ['ledger-jobs'],
  ImportRequested: ['imports'],
  TransactionRecorded: ['analytics'],
  TransactionUpdated: ['analytics'],
  TransactionDeleted: ['analytics'],
};

/**
 * Which manifest queues each event type is delivered to by the outbox relay. A type with no entry is an error at
 * relay time (it would otherwise vanish): see `routesOf`.
 */
export const ROUTES: Record<string, string[]> = {
  UserRegistered: ['notifications'],
  UserConfirmed: ['notifications'],
  RegistrationAttempted: ['notifications'],
  ReportRequested: ['reports'],
  AlertDigestRequested: ['notifications'],
  FxRatesPublished: ['ledger-jobs'],
  BaseCurrencyChanged: ['ledger-jobs'],
  AccountErasureRequested: ['ledger-jobs'],
  ImportRequested: ['imports'],
  AdviceRefreshRequested: ['advice'],
  AdviceSweepPage: ['advice'],
  AdviceInputsChanged: ['advice'],
  TransactionRecorded: ['analytics', 'insights'],
  TransactionUpdated: ['analytics', 'insights'],
  TransactionDeleted: ['analytics', 'insights'],
};

/** An event reached the relay with a type no route names: it fails (and is retried, then set aside), never dropped. */
export class UnroutedEventError extends Error {
  override name = 'UnroutedEventError';
}

/** The queues an event type goes to; throws UnroutedEventError when it has none (inherited names count as none). */
export function routesOf(type: string): readonly string[] {
  const queues = Object.hasOwn(ROUTES, type) ? ROUTES[type] : undefined;
  if (!queues?.length) throw new UnroutedEventError(`no route for event type ${type}`);
  return queues;
}

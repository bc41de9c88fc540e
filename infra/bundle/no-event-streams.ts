/**
 * What the function bundles use in place of `@smithy/core/event-streams` (see ./options.ts).
 *
 * Smithy's HTTP protocol imports the event-stream codec (about 14 KB minified) for operations whose input or output
 * is an event stream, and esbuild bundles the import into every function. None of the clients Tally uses (DynamoDB,
 * SQS, SESv2, Cognito) has such an operation, so the codec never loads in Lambda. Should a client with event
 * streams be added, its first streaming call fails with the message below instead of misbehaving; remove the alias
 * then.
 */
function unsupported(): never {
  throw new Error('Event streams are left out of the Lambda bundles (infra/bundle/no-event-streams.ts); remove that alias to use them.');
}

/** Stands in for the codec HttpProtocol would build for an event-stream operation. */
export class EventStreamSerde {
  constructor() {
    unsupported();
  }
}

/** Stands in for the marshaller factory HttpProtocol reads with the codec. */
export const eventStreamSerdeProvider = (): never => unsupported();

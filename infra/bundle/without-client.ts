/**
 * What a function bundle gets in place of an AWS SDK client its manifest access list grants it no use of (see
 * `bundleAliasesFor` in ./options.ts): `@aws-sdk/client-sqs` without a `queue:*` access, `@aws-sdk/client-sesv2`
 * without `email:send`, `@aws-sdk/client-dynamodb` and `@aws-sdk/lib-dynamodb` without `table:*`.
 *
 * Such a function can never make those calls on AWS: it has neither the grant nor the variable naming the resource
 * (functions/environment.ts), so config.ts refuses before a client is built. Shared modules still import the client
 * (e.g. an HTTP function reaches shared/adapters/queue.ts through a use case whose queue path only a consumer runs),
 * and esbuild would carry all of it (the SQS client and its share of Smithy, about 25 KB). Building one of these
 * stand-ins throws, naming the access to add to functions/manifest.ts.
 */
function standIn(name: string, access: string): new (...args: unknown[]) => never {
  return class {
    constructor() {
      throw new Error(`${name} is left out of this function's bundle because its manifest access list has no ${access} (infra/bundle/options.ts); add the access to functions/manifest.ts`);
    }
  } as unknown as new (...args: unknown[]) => never;
}

export const SQSClient = /*#__PURE__*/ standIn('The SQS client', 'queue:<name>');
export const SendMessageBatchCommand = /*#__PURE__*/ standIn('SendMessageBatchCommand', 'queue:<name>');
export const ChangeMessageVisibilityCommand = /*#__PURE__*/ standIn('ChangeMessageVisibilityCommand', 'queue:<name>');

export const SESv2Client = /*#__PURE__*/ standIn('The SES v2 client', 'email:send');
export const SendEmailCommand = /*#__PURE__*/ standIn('SendEmailCommand', 'email:send');

const TABLE = 'table:read or table:write';
export const DynamoDBClient = /*#__PURE__*/ standIn('The DynamoDB client', TABLE);
export const BatchGetItemCommand = /*#__PURE__*/ standIn('BatchGetItemCommand', TABLE);
export const GetItemCommand = /*#__PURE__*/ standIn('GetItemCommand', TABLE);
export const DynamoDBDocumentClient = /*#__PURE__*/ Object.assign(/*#__PURE__*/ standIn('The DynamoDB document client', TABLE), {
  from(): never {
    throw new Error(`The DynamoDB document client is left out of this function's bundle because its manifest access list has no ${TABLE} (infra/bundle/options.ts); add the access to functions/manifest.ts`);
  },
});
export const BatchGetCommand = /*#__PURE__*/ standIn('BatchGetCommand', TABLE);
export const BatchWriteCommand = /*#__PURE__*/ standIn('BatchWriteCommand', TABLE);
export const DeleteCommand = /*#__PURE__*/ standIn('DeleteCommand', TABLE);
export const GetCommand = /*#__PURE__*/ standIn('GetCommand', TABLE);
export const PutCommand = /*#__PURE__*/ standIn('PutCommand', TABLE);
export const QueryCommand = /*#__PURE__*/ standIn('QueryCommand', TABLE);
export const TransactWriteCommand = /*#__PURE__*/ standIn('TransactWriteCommand', TABLE);
export const UpdateCommand = /*#__PURE__*/ standIn('UpdateCommand', TABLE);

// Loaded into the cognito-local process (node --import) before it starts.
import Module, { createRequire } from 'node:module';
import process from 'node:process';

// Exit when the parent's pipe closes, so the emulator never outlives the local cloud.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

// cognito-local loads the whole AWS SDK v2 (a third of its startup) only to call Lambda triggers and KMS, which the
// local cloud does not configure. A stand-in that fails loudly if they are ever used.
const unavailable = (service) =>
  class {
    constructor() {
      return new Proxy(this, {
        get: (_target, name) => () => {
          throw new Error(`${service}.${String(name)} is not available in the local cloud's Cognito (no triggers configured)`);
        },
      });
    }
  };
const sdkStub = { Lambda: unavailable('Lambda'), KMS: unavailable('KMS') };
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'aws-sdk' ? sdkStub : load.call(this, request, ...rest);
};

// Cognito refuses to create a group that exists (GroupExistsException); cognito-local silently replaces it,
// members included. Make it answer like Cognito.
const require = createRequire(import.meta.url);
const { Targets } = require('cognito-local/lib/targets/targets.js');
const { CognitoError } = require('cognito-local/lib/errors.js');
const createGroup = Targets.CreateGroup;
Targets.CreateGroup = (services) => {
  const create = createGroup(services);
  return async (ctx, req) => {
    const pool = await services.cognito.getUserPool(ctx, req.UserPoolId);
    if (await pool.getGroupByGroupName(ctx, req.GroupName)) {
      throw new CognitoError('GroupExistsException', 'A group with the name already exists.');
    }
    return create(ctx, req);
  };
};

// Cognito emails its codes itself (sign-up, forgotten password, a resent confirmation code); cognito-local only
// prints them in a box. Each delivery becomes one line the local cloud reads from this process's output and puts
// into the email outbox, as Cognito's email would arrive: the code reaches the tests only through the outbox.
const { MessagesService } = require('cognito-local/lib/services/messages.js');
const { attributeValue } = require('cognito-local/lib/services/userPoolService.js');
MessagesService.prototype.deliver = async function deliver(ctx, source, clientId, userPoolId, user, code, clientMetadata, details) {
  if (details?.DeliveryMedium !== 'EMAIL') return;
  const line = JSON.stringify({ source, to: details.Destination, code, username: user.Username });
  process.stdout.write(`tally-cognito-email ${line}\n`);
};

// cognito-local has no ResendConfirmationCode. This one behaves like Cognito's: a new code replaces the old one and
// is emailed; an unknown user is UserNotFoundException, a confirmed one InvalidParameterException.
const { otp } = require('cognito-local/lib/services/otp.js');
const { InvalidParameterError, UserNotFoundError } = require('cognito-local/lib/errors.js');
Targets.ResendConfirmationCode = (services) => async (ctx, req) => {
  const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
  const user = await pool.getUserByUsername(ctx, req.Username);
  if (!user) throw new UserNotFoundError();
  if (user.UserStatus !== 'UNCONFIRMED') throw new InvalidParameterError('User is already confirmed.');
  const email = attributeValue('email', user.Attributes);
  if (!email) throw new InvalidParameterError('User has no email to send a code to.');
  const details = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: email };
  const code = otp();
  await services.messages.deliver(ctx, 'ResendCode', req.ClientId, pool.options.Id, user, code, req.ClientMetadata, details);
  await pool.saveUser(ctx, { ...user, ConfirmationCode: code, UserLastModifiedDate: services.clock.get() });
  return { CodeDeliveryDetails: details };
};

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

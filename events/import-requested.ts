import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** A bank file was parsed and stored; the import worker writes its rows. */
export const ImportRequested = /*#__PURE__*/ (() => eventContract('ImportRequested', 1, z.object({ userId: z.string(), importId: z.string() })))();

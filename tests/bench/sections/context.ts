import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { transactionItem } from '../../../shared/adapters/ledger';
import type { RunningCloud } from '../lib/cloud';
import type { Client } from '../lib/http';
import type { Figure } from '../lib/report';

/** The signed-in user of a section. */
export interface BenchUser {
  userId: string;
  email: string;
  token: string;
  accountId: string;
}

/** The running cloud and what sections share with it. */
export interface CloudContext {
  cloud: RunningCloud;
  /** Client for the API (keep-alive, up to 64 sockets). */
  api: Client;
  doc: DynamoDBDocumentClient;
  /** `transactionItem()` of shared/adapters/ledger.ts (loaded once the handler environment is set). */
  transactionItem: typeof transactionItem;
  /** Registers, signs in and gives an EUR checking account to a fresh user. */
  newUser(label: string): Promise<BenchUser>;
  /** Things sections share (the seeded list/summary data set). */
  shared: Map<string, Promise<unknown>>;
}

export interface SectionContext {
  cores: number;
  coldRuns: number;
  /** Cold-import rounds with source maps the other way than deployed (bundles). */
  coldRunsOther: number;
  /** Milliseconds left of the whole run's time budget. */
  remainingMs(): number;
  /** Time to leave for the sections that run after the current one. */
  reserveMs?(): number;
  cloud?: CloudContext;
  /** Starts a fresh local cloud (always `closeCloud` it). */
  openCloud(label: string): Promise<CloudContext>;
  closeCloud(c: CloudContext): Promise<void>;
}

export interface SectionOutput {
  figures: Figure[];
  notes: string[];
  details?: unknown;
}

import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json); manifest entries are relative to it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the local cloud keeps its data unless told otherwise (git-ignored). */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.local');

/** Build artefacts that do not belong to any one data folder (the compiled DynamoDB launcher). */
export const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'tally-local-cloud');

/** Absolute path of a manifest `entry` (or of any path relative to the project root). */
export function fromRoot(path: string): string {
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}

// Module customization hooks (node:module register) for the capacity host: every Lambda handler module under
// functions/ is loaded through a thin wrapper that times each invocation and reports it on a diagnostics channel,
// so the local cloud's own code stays untouched. Only the capacity host registers them.
import { URL } from 'node:url';

const ORIGINAL = 'capacity-original';
const HANDLER = /\/functions\/(http|queue|stream|schedule)\/.+\.ts$/;

export async function load(url, context, nextLoad) {
  const u = new URL(url);
  if (u.protocol !== 'file:' || !HANDLER.test(u.pathname) || u.searchParams.has(ORIGINAL)) return nextLoad(url, context);
  u.search = `?${ORIGINAL}`;
  const original = u.href;
  const probe = new URL('./invocation-probe.ts', import.meta.url).href;
  const source = [
    `import * as original from ${JSON.stringify(original)};`,
    `import { timed } from ${JSON.stringify(probe)};`,
    `export * from ${JSON.stringify(original)};`,
    'export const handler = timed(original.handler);',
  ].join('\n');
  return { format: 'module', source, shortCircuit: true };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { functions } from '../../functions/manifest';
import { ESBUILD_OPTIONS, bundleAliasesFor } from '../../infra/bundle/options';

const ROOT = join(import.meta.dirname, '..', '..');
const CONTRACTS = join(ROOT, 'shared', 'contracts');

/** Whether `node` makes a call outside any function body (what runs when the module loads). */
function callsAtLoad(node: ts.Node): boolean {
  if (ts.isFunctionLike(node)) return false;
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  return ts.forEachChild(node, callsAtLoad) ?? false;
}

/** `/*#__PURE__*\/ (() => …)()`: a call esbuild drops when its result is unused. */
function isPureThunk(init: ts.Expression, text: string, sf: ts.SourceFile): boolean {
  if (!ts.isCallExpression(init) || init.arguments.length > 0 || !ts.isParenthesizedExpression(init.expression)) return false;
  return ts.isArrowFunction(init.expression.expression) && /[@#]__PURE__\s*\*\/\s*$/.test(text.slice(0, init.getStart(sf)));
}

describe('contracts in bundles', () => {
  it('build every module-level constant that makes calls in a pure thunk, so a bundle keeps only the schemas its route uses', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(CONTRACTS).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(CONTRACTS, file), 'utf8');
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      for (const st of sf.statements) {
        if (ts.isExpressionStatement(st) && callsAtLoad(st)) offenders.push(`${file}:${sf.getLineAndCharacterOfPosition(st.getStart(sf)).line + 1} (a call at load)`);
        if (!ts.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations) {
          if (d.initializer && callsAtLoad(d.initializer) && !isPureThunk(d.initializer, text, sf)) {
            offenders.push(`${file}:${sf.getLineAndCharacterOfPosition(d.getStart(sf)).line + 1} ${d.name.getText(sf)}`);
          }
        }
      }
    }
    // Write such a constant as `export const X = /*#__PURE__*/ (() => z.object({ … }))();` (see shared/contracts/route.ts).
    expect(offenders).toEqual([]);
  });

  it('leave the other routes of a contract module out of a function’s bundle', async () => {
    const def = functions.find((f) => f.name === 'me-get');
    if (!def) throw new Error('me-get is not in the manifest');
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, def.entry)],
      ...ESBUILD_OPTIONS,
      alias: bundleAliasesFor(def),
      write: false,
      outfile: join(ROOT, '.bench', 'contracts-test', 'index.mjs'),
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))?.text ?? '';
    expect(relative(ROOT, def.entry)).toBe('functions/http/me/get.ts');
    // GET /me's own contract is in; PATCH /me's and DELETE /me's (same module) and unused shared schemas are not.
    expect(code).toContain('The caller\\u2019s profile');
    expect(code).not.toContain('basic financial details');
    expect(code).not.toContain('Erase the caller');
    expect(code).not.toContain('must be an email address');
  });
});

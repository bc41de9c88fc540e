/**
 * Writes FOLD_RUNS of shared/domain/rules/re2-unicode.ts: the simple case-folding orbits of Unicode, from the
 * runtime's own case mapping (`npx tsx tests/unit/domain/rules/re2-fold-table.ts` prints the string). Code points
 * are grouped by their single-code-point upper and lower case, each group split by what `/x/iu` matches (simple
 * case folding), then the three folding pairs that no case mapping links are added (CaseFolding.txt status S since
 * Unicode 15.1, not followed by V8's /iu). re2-differential.test.ts checks the result against re2js for every code
 * point up to U+1FFFF.
 */

const UNMAPPED_FOLDS: [number, number][] = [
  [0x390, 0x1fd3],
  [0x3b0, 0x1fe3],
  [0xfb05, 0xfb06],
];

function single(s: string): number {
  const c = s.codePointAt(0) as number;
  return s.length === (c > 0xffff ? 2 : 1) ? c : -1;
}

/** Orbits (sorted code points, two or more), sorted by their lowest member. */
export function foldOrbits(): number[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    while (parent.get(x) !== x) x = parent.get(x) as number;
    return x;
  };
  const union = (a: number, b: number) => {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    parent.set(find(a), find(b));
  };
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCodePoint(c);
    for (const t of [s.toLowerCase(), s.toUpperCase()]) if (t !== s && single(t) >= 0) union(c, single(t));
  }
  const groups = new Map<number, number[]>();
  for (const x of parent.keys()) groups.set(find(x), [...(groups.get(find(x)) ?? []), x]);
  const orbits: number[][] = [];
  for (const members of groups.values()) {
    const split: number[][] = [];
    for (const x of members.sort((a, b) => a - b)) {
      const same = split.find((g) => new RegExp(`^\\u{${(g[0] as number).toString(16)}}$`, 'iu').test(String.fromCodePoint(x)));
      if (same) same.push(x);
      else split.push([x]);
    }
    orbits.push(...split.filter((g) => g.length > 1));
  }
  for (const [a, b] of UNMAPPED_FOLDS) {
    const known = orbits.find((o) => o.includes(a) || o.includes(b));
    if (known) known.push(...[a, b].filter((x) => !known.includes(x)), ...[]);
    else orbits.push([a, b]);
  }
  return orbits.map((o) => o.sort((a, b) => a - b)).sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** The orbits as runs: `gap:offsets[:step:count]`, base 36 (see re2-unicode.ts). */
export function foldRuns(orbits: number[][]): string {
  const runs: { start: number; last: number; shape: string; step: number; count: number }[] = [];
  for (const o of orbits) {
    const first = o[0] as number;
    const shape = o.slice(1).map((x) => (x - first).toString(36)).join('.');
    const run = runs[runs.length - 1];
    if (run && run.shape === shape && (run.count === 1 || first - run.last === run.step)) {
      if (run.count === 1) run.step = first - run.last;
      run.count++;
      run.last = first;
    } else runs.push({ start: first, last: first, shape, step: 0, count: 1 });
  }
  let prev = 0;
  return runs
    .map((r) => {
      const gap = (r.start - prev).toString(36);
      prev = r.last;
      return r.count === 1 ? `${gap}:${r.shape}` : `${gap}:${r.shape}:${r.step.toString(36)}:${r.count.toString(36)}`;
    })
    .join(' ');
}

if (process.argv[1]?.endsWith('re2-fold-table.ts')) console.log(foldRuns(foldOrbits()));

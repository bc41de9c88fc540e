/** A boundary of a piecewise-linear scale: at `x` the component earns `share` (0–1) of its points. */
export interface Boundary {
  readonly x: number;
  readonly share: number;
}

/**
 * The share of points (0–1) at `x` on a piecewise-linear scale through `boundaries` (sorted by `x` ascending):
 * exactly a boundary's share at its `x`, linear between two, and the first or last share outside them.
 */
export function piecewise(boundaries: readonly Boundary[], x: number): number {
  const first = boundaries[0];
  const last = boundaries[boundaries.length - 1];
  if (!first || !last) return 0;
  if (x <= first.x) return first.share;
  if (x >= last.x) return last.share;
  for (let i = 1; i < boundaries.length; i++) {
    const b = boundaries[i] as Boundary;
    const a = boundaries[i - 1] as Boundary;
    if (x === b.x) return b.share;
    if (x < b.x) return a.share + ((b.share - a.share) * (x - a.x)) / (b.x - a.x);
  }
  return last.share;
}

/** Points rounded to two decimals (what the report shows; the score sums the unrounded points). */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

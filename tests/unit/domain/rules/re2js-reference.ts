import { RE2JS } from 're2js';
import { PROGRAM_VERSION } from '../../../../shared/domain/rules/program';

/**
 * The reference the RE2 compiler of shared/domain/rules is checked against: re2js 2.10.0 itself (tests only), and
 * the program text it compiles to, written as pattern.ts wrote it when it compiled with re2js.
 */

interface Re2Inst {
  op: number;
  out: number;
  arg: number;
  runes: ArrayLike<number>;
}

// re2js's instruction codes (its Inst class) and the FOLD_CASE flag of a rune instruction.
const ALT = 1, ALT_MATCH = 2, CAPTURE = 3, EMPTY_WIDTH = 4, FAIL = 5, MATCH = 6, NOP = 7, RUNE = 8, RUNE1 = 9, RUNE_ANY = 10, RUNE_ANY_NOT_NL = 11;
const FOLD_CASE = 1;

const program = (re: RE2JS) => re.re2().prog as { inst: Re2Inst[]; start: number };

/** re2js's case-folding orbits of `runes` (sorted code points), read from compiled classes `[\x{0}\x{r}]`, many per compile. */
export function re2Orbits(runes: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let k = 0; k < runes.length; k += 2000) {
    const chunk = runes.slice(k, k + 2000).filter((r) => r !== 0);
    const re = RE2JS.compile(chunk.map((r) => `[\\x{0}\\x{${r.toString(16)}}]`).join(''), RE2JS.CASE_INSENSITIVE);
    const classes = program(re).inst.filter((i) => i.op === RUNE || i.op === RUNE1);
    if (classes.length !== chunk.length) throw new Error('unexpected program shape');
    chunk.forEach((r, j) => {
      const flat = Array.from((classes[j] as Re2Inst).runes);
      const points: number[] = [];
      for (let i = 0; i < flat.length; i += 2) for (let c = flat[i] as number; c <= (flat[i + 1] as number); c++) if (c !== 0) points.push(c);
      out.set(r, points);
    });
  }
  if (runes.includes(0)) out.set(0, [0]);
  return out;
}

/** What re2js makes of a rule pattern: its error message, or its program text, size and class ranges. */
export type Reference = { ok: false; message: string } | { ok: true; re: RE2JS; program: string; programSize: number; classRanges: number };

/** `maxSize`: the program text is written only up to this size (the text of `\pL{1000}` is 2 MB). */
export function re2jsCompile(pattern: string, maxSize = Infinity): Reference {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const prog = program(re);
  let classRanges = 0;
  for (const inst of prog.inst) if (inst.runes && inst.runes.length > 1) classRanges += inst.runes.length / 2;
  return { ok: true, re, program: re.programSize() <= maxSize ? encode(prog) : '', programSize: re.programSize(), classRanges };
}

function encode(prog: { inst: Re2Inst[]; start: number }): string {
  const b = (n: number) => n.toString(36);
  const folded = (inst: Re2Inst) => inst.op === RUNE && inst.runes.length === 1 && (inst.arg & FOLD_CASE) !== 0;
  const folds = re2Orbits([...new Set(prog.inst.filter(folded).map((inst) => inst.runes[0] as number))]);
  const insts = prog.inst.map((inst): string => {
    switch (inst.op) {
      case ALT:
      case ALT_MATCH:
        return `A${b(inst.out)},${b(inst.arg)}`;
      case CAPTURE:
      case NOP:
        return `N${b(inst.out)}`;
      case EMPTY_WIDTH:
        return `E${b(inst.arg)},${b(inst.out)}`;
      case FAIL:
        return 'F';
      case MATCH:
        return 'M';
      case RUNE_ANY:
        return `D${b(inst.out)}`;
      case RUNE_ANY_NOT_NL:
        return `L${b(inst.out)}`;
      default: {
        const runes = Array.from(inst.runes);
        if (runes.length === 0) return 'F';
        if (runes.length === 1) {
          const rune = runes[0] as number;
          const orbit = folded(inst) ? (folds.get(rune) ?? [rune]) : [rune];
          return `R${b(inst.out)},${encodeRanges(orbit.flatMap((x) => [x, x]))}`;
        }
        return `R${b(inst.out)},${encodeRanges(runes)}`;
      }
    }
  });
  return `${PROGRAM_VERSION}:${b(prog.start)}:${insts.join(' ')}`;
}

/** Sorted, merged ranges as pattern.ts wrote them with re2js (its own copy: the reference shares no code with the compiler). */
function encodeRanges(flat: readonly number[]): string {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of pairs) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  const out: string[] = [];
  let prev = -1;
  for (const [lo, hi] of merged) {
    out.push((prev < 0 ? lo : lo - prev).toString(36), (hi - lo).toString(36));
    prev = hi;
  }
  return out.join(',');
}

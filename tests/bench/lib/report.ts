import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** Value at percentile `p` (0–100) of numbers, nearest-rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export function round(n: number, digits = 1): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function fmt(n: number | undefined, digits = 1): string {
  if (n === undefined || Number.isNaN(n)) return '–';
  if (!Number.isFinite(n)) return '∞';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A target a figure is compared with (printed next to it; informative, never a failure). */
export interface Target {
  op: '<=' | '>=';
  value: number;
  unit?: string;
}

export function meets(value: number, target: Target | undefined): boolean | undefined {
  if (!target || !Number.isFinite(value)) return undefined;
  return target.op === '<=' ? value <= target.value : value >= target.value;
}

export function targetText(target: Target | undefined): string {
  if (!target) return '';
  return `${target.op === '<=' ? '≤' : '≥'} ${target.value}${target.unit ? ` ${target.unit}` : ''}`;
}

export function verdict(value: number, target: Target | undefined): string {
  const ok = meets(value, target);
  return ok === undefined ? '' : ok ? 'ok' : 'MISSED';
}

/** Prints rows as an aligned table (numbers right-aligned). */
export function table(headers: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[\d,.–∞× -]+(ms|s|KB|%|\/s)?$/.test(String(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of cells) console.log(line(r));
}

/** One figure of a section: a name, a value with its unit, an optional target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: Target;
  digits?: number;
  note?: string;
}

/** Prints figures as a metric | value | target | status table. */
export function printFigures(figures: Figure[]): void {
  table(
    ['metric', 'value', 'target', 'status', 'note'],
    figures.map((f) => [f.name, `${fmt(f.value, f.digits ?? 1)} ${f.unit}`.trim(), targetText(f.target), verdict(f.value, f.target), f.note ?? '']),
  );
}

export function figuresJson(figures: Figure[]): Record<string, { value: number | null; unit: string; target?: string; met?: boolean; note?: string }> {
  return Object.fromEntries(
    figures.map((f) => {
      const ok = meets(f.value, f.target);
      return [
        f.name,
        {
          value: Number.isFinite(f.value) ? round(f.value, 3) : null,
          unit: f.unit,
          ...(f.target ? { target: targetText(f.target) } : {}),
          ...(ok !== undefined ? { met: ok } : {}),
          ...(f.note ? { note: f.note } : {}),
        },
      ];
    }),
  );
}

export function heading(title: string): void {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(3, 70 - title.length))}  (load ${load})`);
}

export function machine() {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadavg().map((l) => round(l, 2)),
  };
}

/** What a section hands back for the JSON file. */
export interface SectionResult {
  measuredAt: string;
  durationS: number;
  loadAverage: number[];
  figures: ReturnType<typeof figuresJson>;
  details?: unknown;
  notes: string[];
}

/** Merges this run's sections into the results file (sections run before keep their last figures). */
export async function writeResults(file: string, run: { machine: ReturnType<typeof machine>; startedAt: string; durationS: number; sections: Record<string, SectionResult> }): Promise<void> {
  let previous: { sections?: Record<string, SectionResult> } = {};
  try {
    previous = JSON.parse(await readFile(file, 'utf8')) as typeof previous;
  } catch {
    previous = {};
  }
  const merged = { ...run, sections: { ...(previous.sections ?? {}), ...run.sections } };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
}

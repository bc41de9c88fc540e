import { describe, expect, it, vi } from 'vitest';
import { ServiceUnavailableError, ValidationError } from '../../../shared/domain/errors';
import type { StoredRollup } from '../../../shared/adapters/rollups';
import type { Sections } from '../../../shared/use-cases/dashboard';

const profile = vi.hoisted(() => ({ value: { userId: 'u1', baseCurrency: 'EUR', timezone: 'UTC' } as Record<string, unknown> | Error }));
vi.mock('../../../shared/use-cases/me', () => ({
  getMe: async () => {
    if (profile.value instanceof Error) throw profile.value;
    return profile.value;
  },
}));

const { coveringRollups, dashboard, dashboardMonth, memo, SECTIONS } = await import('../../../shared/use-cases/dashboard');

const caller = { userId: 'u1', username: 'u1', tokenId: 'j1', groups: [] };

/** Sections that each answer their own name (and the input they were given), unless told to fail. */
function fakeSections(failing: Record<string, Error> = {}) {
  const seen: { name: string; month: string; today: string }[] = [];
  const sections = Object.fromEntries(
    SECTIONS.map((name) => [
      name,
      async (input: { month: string; today: string }) => {
        seen.push({ name, month: input.month, today: input.today });
        const error = failing[name];
        if (error) throw error;
        return { section: name };
      },
    ]),
  ) as unknown as Sections;
  return { sections, seen };
}

describe('dashboard', () => {
  it('answers every section, computed for the month in the user’s zone by default', async () => {
    profile.value = { userId: 'u1', baseCurrency: 'EUR', timezone: 'Pacific/Kiritimati' };
    const { sections, seen } = fakeSections();
    // 2026-01-31 20:00 UTC is already 2026-02-01 in Kiritimati (UTC+14).
    const d = await dashboard(caller, undefined, new Date('2026-01-31T20:00:00Z'), sections);
    expect(d.month).toBe('2026-02');
    expect(d.failures).toEqual([]);
    for (const name of SECTIONS) expect(d[name]).toEqual({ section: name });
    expect(new Set(seen.map((s) => s.name))).toEqual(new Set(SECTIONS));
    expect(seen.every((s) => s.month === '2026-02' && s.today === '2026-02-01')).toBe(true);
  });

  it('keeps the other sections when one fails, and names the failed one', async () => {
    profile.value = { userId: 'u1', baseCurrency: 'EUR', timezone: 'UTC' };
    const outage = new ServiceUnavailableError('rollups unavailable');
    const bug = new Error('internal detail');
    const { sections } = fakeSections({ forecast: outage, health: bug });
    const d = await dashboard(caller, '2026-01', new Date('2026-03-10T12:00:00Z'), sections);
    expect(d.forecast).toBeNull();
    expect(d.health).toBeNull();
    expect(d.summary).toEqual({ section: 'summary' });
    expect(d.accounts).toEqual({ section: 'accounts' });
    expect(d.failures).toEqual([
      { section: 'forecast', error: outage },
      { section: 'health', error: bug },
    ]);
  });

  it('fails whole when the profile cannot be read (every section needs it), and for a bad month before any section runs', async () => {
    profile.value = new ServiceUnavailableError('profile unavailable');
    const { sections, seen } = fakeSections();
    await expect(dashboard(caller, undefined, new Date(), sections)).rejects.toBeInstanceOf(ServiceUnavailableError);
    profile.value = { userId: 'u1', baseCurrency: 'EUR', timezone: 'UTC' };
    await expect(dashboard(caller, '2026-04', new Date('2026-03-10T12:00:00Z'), sections)).rejects.toBeInstanceOf(ValidationError);
    expect(seen).toEqual([]);
  });
});

describe('dashboardMonth', () => {
  it('defaults to the current month and refuses one in the future or before the trend fits the calendar', () => {
    expect(dashboardMonth(undefined, '2026-03')).toBe('2026-03');
    expect(dashboardMonth('2025-12', '2026-03')).toBe('2025-12');
    expect(dashboardMonth('1901-01', '2026-03')).toBe('1901-01');
    expect(() => dashboardMonth('2026-04', '2026-03')).toThrow(ValidationError);
    expect(() => dashboardMonth('1900-12', '2026-03')).toThrow(ValidationError);
  });
});

describe('memo', () => {
  it('reads once per distinct arguments within a request', async () => {
    const read = vi.fn(async (a: string, b: number) => `${a}${b}`);
    const once = memo(read);
    expect(await Promise.all([once('x', 1), once('x', 1), once('y', 1), once('x', 1)])).toEqual(['x1', 'x1', 'y1', 'x1']);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps a failed read failed for the request', async () => {
    const read = vi.fn(async () => {
      throw new Error('down');
    });
    const once = memo(read);
    await expect(once()).rejects.toThrow('down');
    await expect(once()).rejects.toThrow('down');
    expect(read).toHaveBeenCalledTimes(1);
  });
});

describe('coveringRollups', () => {
  const months = ['2025-01', '2025-06', '2025-12', '2026-01', '2026-02', '2026-03'];
  const stored: StoredRollup[] = months.map((month) => ({ month, fields: { exp: 1n }, updatedAt: 't' }) as unknown as StoredRollup);
  const table = async (_u: string, _b: string, from: string, to: string) => stored.filter((r) => r.month >= from && r.month <= to);

  it('answers every range inside the window from one read, as the table would', async () => {
    const read = vi.fn(table);
    const rollups = coveringRollups(read, '2024-03', '2026-03');
    for (const [from, to] of [['2025-06', '2026-02'], ['2026-03', '2026-03'], ['2024-03', '2026-03'], ['2025-02', '2025-05']] as const) {
      expect(await rollups('u1', 'EUR', from, to)).toEqual(await table('u1', 'EUR', from, to));
    }
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('u1', 'EUR', '2024-03', '2026-03');
  });

  it('reads a range reaching outside the window on its own, once', async () => {
    const read = vi.fn(table);
    const rollups = coveringRollups(read, '2024-03', '2026-03');
    expect(await rollups('u1', 'EUR', '2023-01', '2025-06')).toEqual(await table('u1', 'EUR', '2023-01', '2025-06'));
    await rollups('u1', 'EUR', '2023-01', '2025-06');
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('u1', 'EUR', '2023-01', '2025-06');
  });
});

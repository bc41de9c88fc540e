import { describe, expect, it } from 'vitest';
import { eachBounded } from '../../../shared/async/bounded';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('eachBounded', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await eachBounded([...Array(20).keys()], 3, async (item, index) => {
      running++;
      most = Math.max(most, running);
      await tick();
      seen.push(item * 100 + index);
      running--;
    });
    expect(most).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()].map((i) => i * 101));
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const run = eachBounded([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await tick();
      if (item === 1) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
  });
});

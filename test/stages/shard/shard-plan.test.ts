import { describe, expect, it } from 'vitest';
import { ShardPlanner } from '../../../src/stages/shard/shard-plan.js';

const place = (p: ShardPlanner, reqs: Array<[number, number?]>) => reqs.map(([b, t]) => p.place(b, t));

describe('ShardPlanner', () => {
  it('starts a new shard when the next request would pass max bytes, never splitting one', () => {
    const p = new ShardPlanner({ maxBytes: 10 });
    expect(place(p, [[4], [6], [1], [10]])).toEqual([true, false, true, true]);
    expect(p.shards).toEqual([
      { lines: 2, bytes: 10, tokens: 0, units: 0 },
      { lines: 1, bytes: 1, tokens: 0, units: 0 },
      { lines: 1, bytes: 10, tokens: 0, units: 0 },
    ]);
    expect(p.bytes).toBe(21);
  });

  it('starts a new shard after max lines', () => {
    const p = new ShardPlanner({ maxBytes: 1000, maxLines: 2 });
    expect(place(p, [[1], [1], [1], [1], [1]])).toEqual([true, false, true, false, true]);
    expect(p.shards.map((s) => s.lines)).toEqual([2, 2, 1]);
  });

  it('honours the token budget as a third limit', () => {
    const p = new ShardPlanner({ maxBytes: 1000, maxTokens: 100 });
    expect(place(p, [[1, 60], [1, 40], [1, 1], [1, 99], [1, 1]])).toEqual([true, false, true, false, true]);
    expect(p.shards.map((s) => s.tokens)).toEqual([100, 100, 1]);
  });

  it('gives a request over the token budget a shard of its own', () => {
    const p = new ShardPlanner({ maxBytes: 1000, maxTokens: 100 });
    expect(place(p, [[1, 10], [1, 250], [1, 10]])).toEqual([true, true, true]);
    expect(p.shards.map((s) => s.tokens)).toEqual([10, 250, 10]);
  });

  it("honours the provider's unit cap: 50,000 embedding inputs, two per request, make 25,000 requests a shard", () => {
    const p = new ShardPlanner({ maxBytes: 1e12, maxLines: 50_000, maxUnits: 50_000 });
    for (let i = 0; i < 30_000; i++) p.place(100, 0, 2);
    expect(p.shards.map((s) => [s.lines, s.units])).toEqual([
      [25_000, 50_000],
      [5_000, 10_000],
    ]);
  });

  it('ignores tokens without a budget', () => {
    const p = new ShardPlanner({ maxBytes: 1000 });
    expect(place(p, [[1, 1e9], [1, 1e9]])).toEqual([true, false]);
  });
});

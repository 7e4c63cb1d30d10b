import { describe, expect, it } from 'vitest';
import { costOf, priceFor, PRICES, PRICES_DATE } from '../../src/stats/prices.js';

describe('prices', () => {
  it('is dated and names a source for every row', () => {
    expect(PRICES_DATE).toBe('2026-11-22');
    for (const p of PRICES) expect(p.source.length).toBeGreaterThan(10);
    expect(new Set(PRICES.map((p) => p.model)).size).toBe(PRICES.length);
  });

  it('finds a model by name, and a dated snapshot by its base name', () => {
    expect(priceFor('gpt-4o-mini')).toMatchObject({ input: 0.075, output: 0.3 });
    expect(priceFor('gpt-4o-mini-2024-07-18')).toMatchObject({ model: 'gpt-4o-mini' });
    expect(priceFor('gpt-4o-2024-08-06')).toMatchObject({ model: 'gpt-4o', input: 1.25, output: 5 });
  });

  it('knows no price for a model it has no row for, rather than guessing', () => {
    expect(priceFor('llama-3.1-8b-instant')).toBeUndefined();
    expect(priceFor('gpt-4o-mini-tts')).toBeUndefined();
  });

  it('prices input and output per million tokens', () => {
    expect(costOf(priceFor('gpt-4.1')!, 2_000_000, 500_000)).toBe(4);
  });
});

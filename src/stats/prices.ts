/**
 * Batch prices in US dollars per million tokens: the one table `stats` estimates cost from.
 * Batch APIs bill 50% of the standard price for both input and output. Every row names where its
 * numbers come from; a model that is not here gets no estimate ("no price known") rather than a
 * guess. Prices change: check the provider's pricing page before relying on a number, and update
 * PRICES_DATE with the table.
 */
export const PRICES_DATE = '2026-11-22';

export interface ModelPrice {
  /** model name as sent in the request; dated snapshots (`-2024-07-18`) match their base name */
  model: string;
  /** batch price, $ per 1M input tokens */
  input: number;
  /** batch price, $ per 1M output tokens (0 for embeddings, which have no output) */
  output: number;
  /** where the numbers come from */
  source: string;
}

const OPENAI = 'OpenAI pricing page, standard price halved for the Batch API';
const OPENAI_2ND = `${OPENAI}; second-hand (copied from a third-party price list, not re-checked at the source)`;
const ANTHROPIC_2ND = 'Anthropic pricing page, Message Batches = 50% of standard; second-hand, not re-checked at the source';

export const PRICES: readonly ModelPrice[] = [
  { model: 'gpt-4o-mini', input: 0.075, output: 0.3, source: OPENAI },
  { model: 'gpt-4o', input: 1.25, output: 5, source: OPENAI },
  { model: 'gpt-4.1', input: 1, output: 4, source: OPENAI },
  { model: 'gpt-4.1-mini', input: 0.2, output: 0.8, source: OPENAI },
  { model: 'gpt-4.1-nano', input: 0.05, output: 0.2, source: OPENAI },
  { model: 'o4-mini', input: 0.55, output: 2.2, source: OPENAI },
  { model: 'gpt-5', input: 0.625, output: 5, source: OPENAI_2ND },
  { model: 'gpt-5-mini', input: 0.125, output: 1, source: OPENAI_2ND },
  { model: 'gpt-5-nano', input: 0.025, output: 0.2, source: OPENAI_2ND },
  { model: 'gpt-3.5-turbo', input: 0.25, output: 0.75, source: OPENAI },
  { model: 'text-embedding-3-small', input: 0.01, output: 0, source: OPENAI },
  { model: 'text-embedding-3-large', input: 0.065, output: 0, source: OPENAI },
  { model: 'text-embedding-ada-002', input: 0.05, output: 0, source: OPENAI },
  { model: 'claude-3-haiku-20240307', input: 0.125, output: 0.625, source: ANTHROPIC_2ND },
  { model: 'claude-3-5-haiku-20241022', input: 0.4, output: 2, source: ANTHROPIC_2ND },
  { model: 'claude-sonnet-4-20250514', input: 1.5, output: 7.5, source: ANTHROPIC_2ND },
  { model: 'claude-opus-4-20250514', input: 7.5, output: 37.5, source: ANTHROPIC_2ND },
];

const DATED = /-\d{4}-\d{2}-\d{2}$/;

/** The price of a model: exact name first, then the name without a dated-snapshot suffix. */
export function priceFor(model: string): ModelPrice | undefined {
  return PRICES.find((p) => p.model === model) ?? (DATED.test(model) ? PRICES.find((p) => p.model === model.replace(DATED, '')) : undefined);
}

/** Dollars for the given tokens at a batch price. */
export function costOf(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.input + outputTokens * price.output) / 1e6;
}

/**
 * Fetches one finished batch's results into a Map keyed by custom_id. Holds at most one shard's
 * results: collect calls it shard by shard. OpenAI-compatible: the output file then the error
 * file; Anthropic: the message batch's results stream.
 */
import { remote } from './api-error.js';
import type { Connection } from './connections.js';
import { splitLines } from './files.js';
import { parseAnthropicResult, parseOpenAiResult, type RequestResult } from './result-line.js';
import type { ShardState } from './state.js';

export async function downloadResults(conn: Connection, entry: ShardState): Promise<Map<string, RequestResult>> {
  const results = new Map<string, RequestResult>();
  const provider = conn.provider;
  if (conn.sdk === 'anthropic') {
    if (entry.status !== 'ended') return results;
    const id = entry.batch_id!;
    const stream = await remote(provider, `downloading the results of ${id}`, () => conn.client.messages.batches.results(id));
    await remote(provider, `reading the results of ${id}`, async () => {
      for await (const raw of stream) {
        const parsed = parseAnthropicResult(raw);
        if (parsed) results.set(parsed.customId, parsed.result);
      }
    });
    return results;
  }
  for (const fileId of [entry.output_file_id, entry.error_file_id]) {
    if (!fileId) continue;
    await remote(provider, `downloading file ${fileId}`, async () => {
      const response = await conn.client.files.content(fileId);
      if (!response.body) return;
      for await (const line of splitLines(response.body as AsyncIterable<Uint8Array>)) {
        const parsed = parseOpenAiResult(JSON.parse(line));
        if (parsed) results.set(parsed.customId, parsed.result);
      }
    });
  }
  return results;
}

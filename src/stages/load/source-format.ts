/** Which reader a source file needs, told by its extension unless the config says otherwise. */
import { extname } from 'node:path';

export type SourceFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'parquet';

const byExtension: Record<string, SourceFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.parquet': 'parquet',
};

export function formatFromPath(path: string): SourceFormat | undefined {
  return byExtension[extname(path).toLowerCase()];
}

/**
 * manifest.json describes one build: what went in (config, sources, templates with their hashes)
 * and what came out (per batch, its shards with lines, bytes, sha256 and first/last custom_id).
 * Deterministic: no timestamps, no absolute paths; keys in a fixed order.
 */
export interface ShardInfo {
  /** file name inside the output dir */
  file: string;
  lines: number;
  bytes: number;
  sha256: string;
  first_custom_id: string;
  last_custom_id: string;
  /**
   * for providers whose lines carry no id (vertex): a file beside the shard with the custom_id of
   * each line, in order, to join results (which echo the request, not an id) back to rows
   */
  ids_file?: string;
}

export interface BatchManifest {
  /** the shard prefix: the batch name, plus provider/model when a matrix partitions it */
  name: string;
  /** the config batch, when `name` is one of its partitions */
  batch?: string;
  provider: string;
  endpoint: string;
  model: string;
  /** the config's api_version (anthropic), which submit sends as the anthropic-version header */
  api_version?: string;
  /** the matrix combinations written into these shards */
  variants?: Array<Record<string, unknown>>;
  /** rows that reached the renderer (after filter/offset/limit) */
  rows: number;
  requests: number;
  rejected: number;
  shards: ShardInfo[];
}

export interface FileHash {
  /** relative to the config file's folder, posix separators */
  file: string;
  sha256: string;
}

/** The manifest format this version writes and reads; a newer one is refused, not guessed at. */
export const MANIFEST_FORMAT = 1;

export interface Manifest {
  /** tool name and version that wrote it */
  tool: string;
  version: string;
  /**
   * with `tool: "batchforge"`, what makes the manifest batchforge's own (see own-manifest.ts);
   * manifests written before formats existed have none
   */
  format?: number;
  config: FileHash;
  sources: FileHash[];
  templates: FileHash[];
  batches: BatchManifest[];
  /** present when on_error: skip rejected rows */
  rejects?: { file: string; lines: number };
  /**
   * Only in the manifest a commit writes before it moves files into place (see commit-output.ts),
   * never in a finished build's: true when it lists less than a whole build, so the lifecycle
   * commands refuse it
   */
  partial?: true;
  /** names the interrupted commit may have moved into place: batchforge's to replace or delete */
  pending?: string[];
}

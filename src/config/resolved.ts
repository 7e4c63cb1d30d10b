/** The config after resolution: every default applied, every path absolute, every size a number. */
import type { CsvOptions } from '../stages/load/csv-options.js';
import type { Decoding } from '../stages/load/source-file.js';
import type { Json } from '../stages/render/tree.js';
import type { Location, Problem } from '../errors/index.js';
import type { ProviderProfile } from '../providers/profile.js';
import type { KeyPath } from './document.js';

export interface TemplateText {
  /** the Handlebars source */
  text: string;
  /** name for messages: `templates/system.hbs` or `batch.config.yaml messages[1].content` */
  name: string;
  /** absolute path when the template is a file */
  file?: string;
  /** the template file, or the config key holding the inline template */
  location: Location;
}

export type ContentSpec = TemplateText | Array<Record<string, Json>>;

export interface ResolvedMessage {
  role: string;
  /** a template, or content parts whose string leaves are templates */
  content: ContentSpec;
  name?: string;
  /** `messages[1]`, for messages */
  path: string;
}

export interface ResolvedSource {
  patterns: string[];
  format?: 'csv' | 'tsv' | 'jsonl' | 'json' | 'parquet';
  /** CSV/TSV dialect keys as given (csv-parse's names) */
  csv?: CsvOptions;
  /** source.encoding, bom, strict_encoding */
  decoding?: Decoding;
  filter?: TemplateText;
  offset: number;
  limit?: number;
}

/** custom_id: {hash: [columns]} — a short hash of key columns and the variant */
export interface HashId {
  hash: string[];
  prefix: string;
  length: number;
  location: Location;
}

export interface ResolvedBatch {
  /** the shard file prefix: the batch name, plus provider/model when a matrix fans out over them */
  name: string;
  /** the config batch this variant belongs to (rows are read once per group) */
  group: string;
  /** this variant's matrix values ({} without a matrix) */
  variant: Record<string, Json>;
  provider: ProviderProfile;
  model: string;
  endpoint: string;
  params: Record<string, Json>;
  /** config api_version (anthropic), checked against the provider's versions by the render plan */
  apiVersion?: string;
  source: ResolvedSource;
  customId: TemplateText | HashId;
  messages?: ResolvedMessage[];
  input?: TemplateText | TemplateText[];
  maxBytes: number;
  maxLines?: number;
  /** output.max_tokens_per_shard: input-token budget per shard */
  maxTokensPerShard?: number;
  onError: 'fail' | 'skip';
  /** location in the config of a key of this batch (falls back to the top-level key) */
  at(path: KeyPath): Location;
}

export interface ResolvedConfig {
  /** absolute path of the config file */
  file: string;
  /** the config file as shown to the user */
  display: string;
  /** folder that relative paths in the config start from */
  dir: string;
  /** working directory messages are relative to */
  cwd: string;
  /** raw bytes of the config file, for the manifest hash */
  text: string;
  outDir: string;
  /** config `base_url`, for the lifecycle commands */
  baseUrl?: string | Record<string, string>;
  batches: ResolvedBatch[];
  warnings: Problem[];
}

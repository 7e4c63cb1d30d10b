/** batchforge's library API: the CLI is a thin shell over these. */
export { build, prepare, type BuildOptions, type BuildResult, type Progress } from './pipeline/build.js';
export type { BuildSummary, BatchSummary } from './pipeline/summary.js';
export { loadConfig, type LoadConfigOptions, type ConfigResult } from './config/load.js';
export type { ResolvedConfig, ResolvedBatch } from './config/resolved.js';
export type { ConfigInput } from './config/schema.js';
export { configJsonSchema } from './config/json-schema.js';
export { providers, getProvider } from './providers/registry.js';
export type { ProviderProfile, RequestSpec } from './providers/profile.js';
export type { Manifest, BatchManifest, ShardInfo } from './stages/shard/manifest.js';
export { BatchforgeError, formatProblem, type Problem, type Location } from './errors/index.js';
export type { Row, Origin } from './stages/load/row.js';
export { VERSION } from './version.js';

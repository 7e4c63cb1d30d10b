/**
 * Every message batchforge shows a user lives here (Astro-style catalogue): a permanent code,
 * the kind (which decides the exit code), a message built from the facts, and a hint that says
 * what to do. Code that fails calls `problem(E.Name, facts, location)`.
 */
import type { Location, Problem, ProblemKind } from './problem.js';

interface Entry<A> {
  code: string;
  kind: ProblemKind;
  message: (a: A) => string;
  hint?: (a: A) => string;
}

function entry<A = Record<string, never>>(e: Entry<A>): Entry<A> {
  return e;
}

const q = (s: string) => JSON.stringify(s);

export const E = {
  // ---- usage ----
  UnknownCommand: entry<{ command: string; suggestion?: string }>({
    code: 'unknown-command',
    kind: 'usage',
    message: (a) => `unknown command ${q(a.command)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: () => 'run `batchforge --help` to list the commands',
  }),
  BadArgument: entry<{ detail: string }>({
    code: 'bad-argument',
    kind: 'usage',
    message: (a) => a.detail,
    hint: () => 'run `batchforge --help` for usage',
  }),

  // ---- config ----
  ConfigNotFound: entry<{ dir: string }>({
    code: 'config-not-found',
    kind: 'config',
    message: (a) => `no batchforge config found in ${a.dir} or its parents`,
    hint: () => 'create batch.config.yaml (`batchforge init` scaffolds one) or pass --config FILE',
  }),
  ConfigFileMissing: entry<{ file: string }>({
    code: 'config-file-missing',
    kind: 'config',
    message: (a) => `config file ${a.file} does not exist`,
    hint: () => 'check the path given to --config',
  }),
  ConfigSyntax: entry<{ detail: string }>({
    code: 'config-syntax',
    kind: 'config',
    message: (a) => `YAML syntax error: ${a.detail}`,
    hint: () => 'fix the YAML at the marked position',
  }),
  ConfigUnknownKey: entry<{ key: string; suggestion?: string; allowed: string[] }>({
    code: 'config-unknown-key',
    kind: 'config',
    message: (a) =>
      `unknown key ${q(a.key)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: (a) => `allowed keys here: ${a.allowed.join(', ')}`,
  }),
  ConfigInvalid: entry<{ detail: string }>({
    code: 'config-invalid',
    kind: 'config',
    message: (a) => a.detail,
    hint: () => 'see the README section "Config reference" or batch.config.schema.json',
  }),
  UnknownProvider: entry<{ provider: string; known: string[]; suggestion?: string }>({
    code: 'unknown-provider',
    kind: 'config',
    message: (a) =>
      `unknown provider ${q(a.provider)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: (a) => `known providers: ${a.known.join(', ')}`,
  }),
  UnsupportedEndpoint: entry<{ provider: string; endpoint: string; known: string[] }>({
    code: 'unsupported-endpoint',
    kind: 'config',
    message: (a) => `provider ${a.provider} does not take endpoint ${a.endpoint} in a batch`,
    hint: (a) => `use one of: ${a.known.join(', ')}`,
  }),
  UnknownRole: entry<{ role: string; known: string[]; suggestion?: string }>({
    code: 'unknown-role',
    kind: 'config',
    message: (a) =>
      `unknown role ${q(a.role)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: (a) => `roles this provider knows: ${a.known.join(', ')}`,
  }),
  SourceMissing: entry<{ pattern: string }>({
    code: 'source-missing',
    kind: 'config',
    message: (a) => `source ${a.pattern} matches no file`,
    hint: () => 'source paths are relative to the config file; check the name and extension',
  }),
  SourceFormatUnknown: entry<{ file: string }>({
    code: 'source-format-unknown',
    kind: 'config',
    message: (a) => `cannot tell the format of ${a.file} from its extension`,
    hint: () => 'name it .csv, .tsv, .jsonl, .ndjson or .json, or set source.format',
  }),
  TemplateFileMissing: entry<{ file: string }>({
    code: 'template-file-missing',
    kind: 'config',
    message: (a) => `template file ${a.file} does not exist`,
    hint: () => 'template paths are relative to the config file',
  }),
  TemplateSyntax: entry<{ detail: string }>({
    code: 'template-syntax',
    kind: 'config',
    message: (a) => `template syntax error: ${a.detail}`,
    hint: () => 'check the {{ }} pairs and block helpers ({{#if}} … {{/if}}) in the template',
  }),
  PartialMissing: entry<{ partial: string; known: string[] }>({
    code: 'partial-missing',
    kind: 'config',
    message: (a) => `partial ${q(a.partial)} is not defined`,
    hint: (a) =>
      `partials are the files templates/partials/*.hbs beside the config${a.known.length ? `; known: ${a.known.join(', ')}` : ''}`,
  }),
  HelperMissing: entry<{ helper: string; known: string[]; suggestion?: string }>({
    code: 'helper-missing',
    kind: 'config',
    message: (a) => `unknown helper ${q(a.helper)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: (a) => `helpers: ${a.known.join(', ')}`,
  }),
  OutputInsideSource: entry<{ dir: string }>({
    code: 'output-dir-unsafe',
    kind: 'config',
    message: (a) => `output.dir ${a.dir} is not a safe place to write`,
    hint: () => 'point output.dir at a folder of its own, such as out/',
  }),

  // ---- data ----
  SourceRowMalformed: entry<{ detail: string }>({
    code: 'source-row-malformed',
    kind: 'data',
    message: (a) => `malformed row: ${a.detail}`,
    hint: () => 'fix the row, or set on_error: skip to write it to the rejects file and go on',
  }),
  SourceRowNotObject: entry<{ got: string }>({
    code: 'source-row-not-object',
    kind: 'data',
    message: (a) => `row is ${a.got}, not a JSON object`,
    hint: () => 'every JSONL line (or JSON array item) must be an object of named fields',
  }),
  TemplateMissingField: entry<{ field: string; row: number; origin: string }>({
    code: 'template-missing-field',
    kind: 'data',
    message: (a) => `'${a.field}' is not defined in row ${a.row} (${a.origin})`,
    hint: () =>
      'add the column to the source, fix the name in the template, or use {{default field "fallback"}}',
  }),
  TemplateRuntime: entry<{ detail: string; row: number; origin: string }>({
    code: 'template-runtime',
    kind: 'data',
    message: (a) => `${a.detail} in row ${a.row} (${a.origin})`,
  }),
  CustomIdEmpty: entry<{ template: string }>({
    code: 'custom-id-empty',
    kind: 'data',
    message: (a) => `custom_id rendered empty from ${q(a.template)}`,
    hint: () => 'every request needs an id: use a column that is never empty, or {{@index}}',
  }),
  CustomIdDuplicate: entry<{ id: string; first: string }>({
    code: 'custom-id-duplicate',
    kind: 'data',
    message: (a) => `custom_id ${q(a.id)} is already used by ${a.first}`,
    hint: () => 'make the custom_id template unique per row, e.g. add a key column or {{@index}}',
  }),
  CustomIdRule: entry<{ id: string; provider: string; rule: string }>({
    code: 'custom-id-rule',
    kind: 'data',
    message: (a) => `custom_id ${q(a.id)} breaks the ${a.provider} rule: ${a.rule}`,
    hint: () => 'shorten the custom_id template or use characters the provider accepts',
  }),
  RequestTooLarge: entry<{ id: string; bytes: number; max: number }>({
    code: 'request-too-large',
    kind: 'data',
    message: (a) => `request ${q(a.id)} is ${a.bytes} bytes, over output.max_bytes (${a.max})`,
    hint: () => 'shorten the row or the templates, or raise output.max_bytes up to the provider maximum',
  }),
  ContentEmpty: entry<{ what: string; id: string }>({
    code: 'content-empty',
    kind: 'data',
    message: (a) => `${a.what} rendered empty for request ${q(a.id)}`,
    hint: () => 'providers reject empty messages: check the column or guard it with {{#if}}',
  }),
  TooManyProblems: entry<{ limit: number }>({
    code: 'too-many-problems',
    kind: 'data',
    message: (a) => `stopped after ${a.limit} errors`,
    hint: () => 'fix these first, or set on_error: skip to collect every rejected row in the rejects file',
  }),
  SameProblemMore: entry<{ more: number; code: string }>({
    code: 'same-problem-more',
    kind: 'data',
    message: (a) => `… and ${a.more.toLocaleString('en-US')} more row(s) with this ${a.code} error`,
  }),
  BuildFailed: entry<{ rows: number; rejected: number; out: string }>({
    code: 'build-failed',
    kind: 'data',
    message: (a) =>
      `build failed: ${a.rejected.toLocaleString('en-US')} of ${a.rows.toLocaleString('en-US')} row(s) rejected; ${a.out} is unchanged`,
    hint: () => 'fix the rows or templates above, or set on_error: skip to write the good rows and list the bad ones in rejects.jsonl',
  }),
  OutputStale: entry<{ files: string[] }>({
    code: 'output-stale',
    kind: 'data',
    message: (a) => `output is stale: ${a.files.join(', ')}`,
    hint: () => 'run `batchforge build` and commit the result',
  }),

  // ---- loader (src/stages/load): sources that cannot be read as a whole ----
  SourceUnreadable: entry<{ file: string; detail: string }>({
    code: 'source-unreadable',
    kind: 'config',
    message: (a) => `cannot read ${a.file}: ${a.detail}`,
    hint: () => 'check that the source path names a readable file',
  }),
  SourceHeaderInvalid: entry<{ detail: string }>({
    code: 'source-header-invalid',
    kind: 'config',
    message: (a) => `bad header: ${a.detail}`,
    hint: () => 'the first line of a CSV/TSV file names the columns; every name must be non-empty and unique',
  }),
  SourceJsonInvalid: entry<{ detail: string }>({
    code: 'source-json-invalid',
    kind: 'config',
    message: (a) => `not valid JSON: ${a.detail}`,
    hint: () => 'a .json source is one array of objects; for large or line-by-line data use .jsonl',
  }),
  SourceJsonNotArray: entry<{ got: string }>({
    code: 'source-json-not-array',
    kind: 'config',
    message: (a) => `top level is ${a.got}, not an array of objects`,
    hint: () => 'wrap the rows in [ … ], or write one object per line as .jsonl',
  }),
  SourceDelimiterInvalid: entry<{ delimiter: string }>({
    code: 'source-delimiter-invalid',
    kind: 'config',
    message: (a) => `delimiter ${q(a.delimiter)} cannot separate CSV fields`,
    hint: () => 'use one character other than a double quote, CR or LF, e.g. "," ";" "|" or "\\t"',
  }),

  // ---- tools (preview, stats, init: src/tools/, src/stats/) ----
  UnknownBatch: entry<{ batch: string; known: string[]; suggestion?: string }>({
    code: 'unknown-batch',
    kind: 'usage',
    message: (a) => `no batch named ${q(a.batch)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: (a) => `batches in this config: ${a.known.join(', ')}`,
  }),
  PreviewRowBad: entry<{ row: string }>({
    code: 'preview-row-bad',
    kind: 'usage',
    message: (a) => `--row ${q(a.row)} is neither a row number nor FILE:LINE`,
    hint: () => 'give a 1-based row number (--row 14) or a source line (--row data/questions.csv:15)',
  }),
  PreviewRowNotFound: entry<{ row: string; rows: number }>({
    code: 'preview-row-not-found',
    kind: 'usage',
    message: (a) => `no row ${a.row} in the source (${a.rows.toLocaleString('en-US')} row(s) after source.filter and offset)`,
    hint: () => 'rows are numbered from 1 after source.filter and offset; FILE:LINE names the line a row starts on',
  }),
  ShardOverTokenBudget: entry<{ file: string; tokens: number; max: number; id: string }>({
    code: 'shard-over-token-budget',
    kind: 'data',
    message: (a) =>
      `shard ${a.file} holds ${a.tokens.toLocaleString('en-US')} input tokens, over output.max_tokens_per_shard (${a.max.toLocaleString('en-US')}): request ${q(a.id)} alone is over the budget`,
    hint: () => 'shorten that request, or raise output.max_tokens_per_shard: a request is never split across shards',
  }),
  ProblemsCapped: entry<{ limit: number }>({
    code: 'problems-capped',
    kind: 'data',
    message: (a) => `only the first ${a.limit} errors are shown; every row was still counted`,
    hint: () => 'fix these first, or set on_error: skip to count bad rows without listing them',
  }),
  InitWouldOverwrite: entry<{ dir: string; files: string[] }>({
    code: 'init-would-overwrite',
    kind: 'usage',
    message: (a) => `init would overwrite ${a.files.length} existing file(s) in ${a.dir}: ${a.files.join(', ')}`,
    hint: () => 'nothing was written; run init in an empty folder, or move these files away first',
  }),
} as const;

export function problem<A>(
  e: Entry<A>,
  args: A,
  location?: Location,
  severity: 'error' | 'warning' = 'error',
): Problem {
  const p: Problem = { code: e.code, kind: e.kind, severity, message: e.message(args) };
  const hint = e.hint?.(args);
  if (hint) p.hint = hint;
  if (location) p.location = location;
  return p;
}

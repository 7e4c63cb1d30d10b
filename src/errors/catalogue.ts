/**
 * Every message batchforge shows a user lives here (Astro-style catalogue): a permanent code,
 * the kind (which decides the exit code), a message built from the facts, and a hint that says
 * what to do. Code that fails calls `problem(E.Name, facts, location)`.
 */
import type { Location, Problem, ProblemKind } from './problem.js';
import { formatCount } from '../util/format-count.js';

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
const n = formatCount;

export const E = {
  // ---- usage ----
  UnknownCommand: entry<{ command: string; suggestion?: string }>({
    code: 'unknown-command',
    kind: 'usage',
    message: (a) => `unknown command ${q(a.command)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: () => 'run `batchforge --help` to list the commands',
  }),
  UnknownOption: entry<{ command: string; option: string; suggestion?: string }>({
    code: 'unknown-option',
    kind: 'usage',
    message: (a) => `${a.command}: unknown option ${a.option}${a.suggestion ? ` (did you mean ${a.suggestion}?)` : ''}`,
    hint: (a) => `run \`batchforge ${a.command} --help\` to list its options`,
  }),
  OptionNeedsValue: entry<{ command: string; option: string }>({
    code: 'option-needs-value',
    kind: 'usage',
    message: (a) => `${a.command}: ${a.option} needs a value`,
    hint: (a) => `give it as ${a.option} VALUE or ${a.option}=VALUE`,
  }),
  OptionTakesNoValue: entry<{ command: string; option: string }>({
    code: 'option-takes-no-value',
    kind: 'usage',
    message: (a) => `${a.command}: ${a.option} is a switch and takes no value`,
    hint: (a) => `write ${a.option} alone to turn it on`,
  }),
  UnexpectedArgument: entry<{ command: string; argument: string }>({
    code: 'unexpected-argument',
    kind: 'usage',
    message: (a) => `${a.command}: unexpected argument ${q(a.argument)}`,
    hint: (a) => `\`batchforge ${a.command}\` takes options only; run \`batchforge ${a.command} --help\``,
  }),
  ResultsUnmatched: entry<{ results: number }>({
    code: 'results-unmatched',
    kind: 'data',
    message: (a) => `${n(a.results)} result(s) matched no request of the build`,
    hint: () => 'the provider returned custom_ids this build does not have: check that --dir is the build these batches were submitted from',
  }),
  PreviewCountBad: entry<{ count: string }>({
    code: 'preview-count-bad',
    kind: 'usage',
    message: (a) => `preview: -n ${q(a.count)} is not a whole number`,
    hint: () => 'give the number of requests to show, e.g. -n 3',
  }),
  ThreadsCountBad: entry<{ threads: string }>({
    code: 'threads-count-bad',
    kind: 'usage',
    message: (a) => `build: --threads ${q(a.threads)} is not a whole number from 1 to 64`,
    hint: () => 'give the worker threads to use, e.g. --threads 2; --threads 1 builds on one thread',
  }),
  PollSecondsBad: entry<{ poll: string }>({
    code: 'poll-seconds-bad',
    kind: 'usage',
    message: (a) => `--poll takes seconds, e.g. 5 (got ${q(a.poll)})`,
    hint: () => 'give a number of seconds above 0, e.g. --poll 30',
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
  ConfigKeyTwice: entry<{ key: string }>({
    code: 'config-key-twice',
    kind: 'config',
    message: (a) => `key ${q(a.key)} is given twice in the same mapping`,
    hint: () => 'YAML keeps one value per key: delete one of the two, or move it under the batch entry it belongs to',
  }),
  ConfigManyDocuments: entry({
    code: 'config-many-documents',
    kind: 'config',
    message: () => 'the config holds more than one YAML document (a --- line starts a second one)',
    hint: () => 'one config file is one document: for several batches, use the `batches:` list (see the README section "Named batches")',
  }),
  ConfigTabIndent: entry({
    code: 'config-tab-indent',
    kind: 'config',
    message: () => 'a tab indents this line; YAML indents with spaces only',
    hint: () => 'replace the tabs at the start of the line with spaces',
  }),
  ConfigUnknownKey: entry<{ key: string; suggestion?: string; allowed: string[] }>({
    code: 'config-unknown-key',
    kind: 'config',
    message: (a) =>
      `unknown key ${q(a.key)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: (a) => `allowed keys here: ${a.allowed.join(', ')}`,
  }),
  // schema checks (src/config/issues.ts): a value of the wrong shape
  ConfigValueMissing: entry<{ expected: string }>({
    code: 'config-value-missing',
    kind: 'config',
    message: (a) => `missing: expected ${a.expected}`,
    hint: () => 'the README section "Every key" lists each key with its type and default',
  }),
  ConfigWrongType: entry<{ expected: string; got: string }>({
    code: 'config-wrong-type',
    kind: 'config',
    message: (a) => `expected ${a.expected}, got ${a.got}`,
    hint: () => 'the README section "Every key" lists each key with its type and default',
  }),
  ConfigNotAllowed: entry<{ allowed: string[]; got: string }>({
    code: 'config-value-not-allowed',
    kind: 'config',
    message: (a) => `must be one of ${a.allowed.join(', ')}, got ${a.got}`,
    hint: () => 'the README section "Every key" lists the values each key takes',
  }),
  ConfigListTooShort: entry<{ minimum: number }>({
    code: 'config-list-too-short',
    kind: 'config',
    message: (a) => `needs at least ${a.minimum} item(s)`,
    hint: () => 'give the list its items, or leave the key out to take the default',
  }),
  ConfigNumberOutOfRange: entry<{ bound: 'at least' | 'above' | 'at most' | 'below'; limit: number; got: string }>({
    code: 'config-number-out-of-range',
    kind: 'config',
    message: (a) => `must be ${a.bound} ${a.limit}, got ${a.got}`,
    hint: () => 'the README section "Every key" says what each number counts',
  }),
  ConfigTextLength: entry<{ bound: 'exactly' | 'at least' | 'at most'; limit: number; got: string }>({
    code: 'config-text-length',
    kind: 'config',
    message: (a) => `must be ${a.bound} ${a.limit} character(s) long, got ${a.got}`,
    hint: () => 'the README section "Every key" says what each key holds',
  }),
  ConfigBadFormat: entry<{ format: string; got: string }>({
    code: 'config-bad-format',
    kind: 'config',
    message: (a) => `expected ${a.format}, got ${a.got}`,
    hint: () => 'the README section "Every key" shows an example of each key',
  }),
  ConfigBadKeyName: entry<{ key: string; format: string }>({
    code: 'config-bad-key-name',
    kind: 'config',
    message: (a) => `key ${q(a.key)} is not ${a.format}`,
    hint: () => 'matrix axes become template variables ({{@matrix.<axis>}}), so their names follow the same rule',
  }),

  // rules (src/config/rules/): each checks one batch entry once, before the matrix expands
  BatchNameTwice: entry<{ name: string; first: number }>({
    code: 'batch-name-twice',
    kind: 'config',
    message: (a) => `batch name ${q(a.name)} is used twice (also batches[${a.first}])`,
    hint: () => 'the name prefixes the batch\'s shard files: give each entry of batches its own name',
  }),
  ModelNotSet: entry<{ batch?: string }>({
    code: 'model-not-set',
    kind: 'config',
    message: (a) => `model is not set${a.batch !== undefined ? ` for batch ${q(a.batch)}` : ''}`,
    hint: () => 'set `model:` at the top level, in the batch entry, or as a matrix axis (see the README section "Every key")',
  }),
  SourceNotSet: entry<{ batch?: string }>({
    code: 'source-not-set',
    kind: 'config',
    message: (a) => `source is not set${a.batch !== undefined ? ` for batch ${q(a.batch)}` : ''}: name the data file(s)`,
    hint: () => 'add `source: { path: data/rows.csv }`; the README section "Sources" lists the formats',
  }),
  MessagesAndInput: entry({
    code: 'messages-and-input',
    kind: 'config',
    message: () => 'give either messages or input, not both',
    hint: () => 'messages are for chat endpoints; input is for embeddings, completions and responses',
  }),
  NoMessagesOrInput: entry<{ batch?: string }>({
    code: 'no-messages-or-input',
    kind: 'config',
    message: (a) => `no messages or input${a.batch !== undefined ? ` for batch ${q(a.batch)}` : ''}: say what each request sends`,
    hint: () => 'add `messages:` for a chat endpoint or `input:` for embeddings (see the README section "Every key")',
  }),
  EndpointTakesInput: entry<{ endpoint: string }>({
    code: 'endpoint-takes-input',
    kind: 'config',
    message: (a) => `endpoint ${a.endpoint} takes input, not messages`,
    hint: () => 'write the text as `input:`, or pick a chat endpoint (the README section "Providers" lists them)',
  }),
  EndpointTakesMessages: entry<{ endpoint: string }>({
    code: 'endpoint-takes-messages',
    kind: 'config',
    message: (a) => `endpoint ${a.endpoint} takes messages, not input`,
    hint: () => 'write the prompt as `messages:`, or pick an input endpoint (the README section "Providers" lists them)',
  }),
  MaxBytesOverProvider: entry<{ bytes: number; provider: string; max: number; override: boolean }>({
    code: 'max-bytes-over-provider',
    kind: 'config',
    message: (a) => `output.max_bytes ${a.bytes} is over the ${a.provider} maximum of ${a.max} bytes per file`,
    hint: (a) =>
      a.override
        ? 'output.override_limits is set: the provider may refuse this file'
        : `lower it to ${a.max} or less, or set output.override_limits: true if your account allows more`,
  }),
  MaxLinesOverProvider: entry<{ lines: number; provider: string; max: number; override: boolean }>({
    code: 'max-lines-over-provider',
    kind: 'config',
    message: (a) => `output.max_lines ${a.lines} is over the ${a.provider} maximum of ${a.max} requests per file`,
    hint: (a) =>
      a.override
        ? 'output.override_limits is set: the provider may refuse this file'
        : `lower it to ${a.max} or less, or set output.override_limits: true if your account allows more`,
  }),
  ParamsHoldModel: entry({
    code: 'params-hold-model',
    kind: 'config',
    message: () => 'set the model with the top-level `model` key, not in params',
    hint: () => 'a matrix axis `model: [a, b]` sends the same rows to several models',
  }),
  ParamsHoldPrompt: entry<{ key: string; use: string }>({
    code: 'params-hold-prompt',
    kind: 'config',
    message: (a) => `${a.key} cannot be a param: use the \`${a.use}\` key`,
    hint: () => 'params are merged into every body as they are; what a request sends is rendered from messages or input',
  }),
  ParamsStream: entry({
    code: 'params-stream',
    kind: 'config',
    message: () => 'batch APIs refuse stream: true',
    hint: () => 'remove stream from params: a batch returns whole responses',
  }),
  MatrixAxisNotNames: entry<{ axis: 'provider' | 'model' }>({
    code: 'matrix-axis-not-names',
    kind: 'config',
    message: (a) => `matrix.${a.axis} must be a list of names`,
    hint: (a) => `write the ${a.axis} names as strings, e.g. ${a.axis}: [${a.axis === 'model' ? 'gpt-4o-mini, gpt-4.1' : 'openai, anthropic'}]`,
  }),
  MatrixValueTwice: entry<{ axis: 'provider' | 'model'; value: string }>({
    code: 'matrix-value-twice',
    kind: 'config',
    message: (a) => `matrix.${a.axis} lists ${q(a.value)} twice`,
    hint: () => 'each value names a shard partition: list it once',
  }),
  MatrixParamsNotMappings: entry({
    code: 'matrix-params-not-mappings',
    kind: 'config',
    message: () => 'matrix.params must be a list of mappings, e.g. [{temperature: 0}, {temperature: 0.7}]',
    hint: () => 'each item is merged into params; the README section "Fan-out: `matrix`" shows one',
  }),
  MessageContentXorTemplate: entry({
    code: 'message-content-xor-template',
    kind: 'config',
    message: () => 'a message needs either content or template (one of them)',
    hint: () => 'content: is an inline template; template: names a template file beside the config',
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
  // Entries shared by build and validate tell the two apart by which facts are given (`'path' in a`),
  // so the README's Errors table, built from placeholders for every fact, shows the build's wording.
  /** a config's message role, or (with `path`) a role in a batch file's line that validate reads */
  UnknownRole: entry<{ role: string; known: readonly string[]; suggestion?: string; path?: string }>({
    code: 'unknown-role',
    kind: 'config',
    message: (a) =>
      'path' in a
        ? `${a.path} ${q(a.role)} is not a chat role (${a.known.join(', ')})`
        : `unknown role ${q(a.role)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
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
  /** build: the id template rendered empty; validate (`key`): a line's id is empty */
  CustomIdEmpty: entry<{ template: string } | { key: string }>({
    code: 'custom-id-empty',
    kind: 'data',
    message: (a) => ('key' in a ? `${a.key} is empty` : `custom_id rendered empty from ${q(a.template)}`),
    hint: () => 'every request needs an id: use a column that is never empty, or {{@index}}',
  }),
  /** build: `first` names the earlier row; validate: `key` and `firstLine` of the file */
  CustomIdDuplicate: entry<{ id: string; first: string } | { id: string; key: string; firstLine: number }>({
    code: 'custom-id-duplicate',
    kind: 'data',
    message: (a) =>
      'key' in a ? `duplicate ${a.key} ${q(a.id)} (first on line ${a.firstLine})` : `custom_id ${q(a.id)} is already used by ${a.first}`,
    hint: () => 'make the custom_id template unique per row, e.g. add a key column or {{@index}}',
  }),
  /** `key` names the id field of a batch file's line (validate); `bytes` and `max` say it is too long */
  CustomIdRule: entry<{ id: string; provider: string; key?: string } & ({ rule: string } | { bytes: number; max: number })>({
    code: 'custom-id-rule',
    kind: 'data',
    message: (a) => {
      const key = 'key' in a ? a.key : 'custom_id';
      return 'bytes' in a ? `${key} ${q(a.id)} is ${n(a.bytes)} bytes, over the ${a.provider} limit of ${a.max}` : `${key} ${q(a.id)} breaks the ${a.provider} rule: ${a.rule}`;
    },
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
    message: (a) => `… and ${n(a.more)} more row(s) with this ${a.code} error`,
  }),
  BuildFailed: entry<{ rows: number; requests: number; rejected: number; notReached: number; stopped: boolean; out: string }>({
    code: 'build-failed',
    kind: 'data',
    // rows and requests differ with a matrix; a build that stopped early says how far it read
    message: (a) => {
      const rest = a.notReached > 0 ? `, ${n(a.notReached)} not reached` : '';
      const head = `build failed: ${n(a.rejected)} of ${n(a.requests)} request(s) from ${a.stopped ? 'the first ' : ''}${n(a.rows)} row(s) rejected${rest}`;
      return `${head}${a.stopped ? '; it stopped there and did not read the rest of the source' : ''}; ${a.out} is unchanged`;
    },
    hint: () => 'fix the rows or templates above, or set on_error: skip to write the good rows and list the bad ones in rejects.jsonl',
  }),
  OutputUnwritable: entry<{ dir: string; detail: string; errno: string }>({
    code: 'output-unwritable',
    kind: 'config',
    message: (a) => `cannot write the build into ${a.dir}: ${a.detail} (${a.errno}); the last good output is unchanged`,
    hint: (a) =>
      a.errno === 'ENOSPC' || a.errno === 'EDQUOT'
        ? 'free disk space: a build needs room for its new shards next to the old ones until it commits them, plus 12 bytes per custom_id past the first 1,048,576; or point output.dir at another disk'
        : a.errno === 'EMFILE' || a.errno === 'ENFILE'
          ? 'close other programs or raise the open-file limit (ulimit -n)'
          : 'check that output.dir and the folder it is in can be written',
  }),
  OutputStale: entry<{ files: string[] }>({
    code: 'output-stale',
    kind: 'data',
    message: (a) => `output is stale: ${a.files.join(', ')}`,
    hint: () => 'run `batchforge build` and commit the result',
  }),

  // ---- lifecycle: submit, status, collect, retry (src/lifecycle/) ----
  ApiKeyMissing: entry<{ provider: string; variable: string }>({
    code: 'api-key-missing',
    kind: 'config',
    message: (a) => `no API key for ${a.provider}: the environment variable ${a.variable} is not set`,
    hint: (a) =>
      `export ${a.variable} in the shell or CI secrets; batchforge reads keys only from the environment, never from the config`,
  }),
  AzureEndpointMissing: entry<{ variable: string }>({
    code: 'azure-endpoint-missing',
    kind: 'config',
    message: (a) => `no endpoint for azure: the environment variable ${a.variable} is not set`,
    hint: () => 'set it to the resource URL, e.g. https://my-resource.openai.azure.com, or set base_url in the config',
  }),
  NoBatchApi: entry<{ provider: string; known: string[] }>({
    code: 'no-batch-api',
    kind: 'config',
    message: (a) => `batchforge cannot submit to provider ${q(a.provider)}`,
    hint: (a) => `submit, status and collect work with: ${a.known.join(', ')}`,
  }),
  ManifestMissing: entry<{ dir: string }>({
    code: 'manifest-missing',
    kind: 'config',
    message: (a) => `no manifest.json in ${a.dir}`,
    hint: () => 'run `batchforge build` first, or point --dir at the build output',
  }),
  ShardNotAsBuilt: entry<{ file: string }>({
    code: 'shard-not-as-built',
    kind: 'data',
    message: (a) => `${a.file} is missing or differs from its sha256 in manifest.json`,
    hint: () => 'shards must not be edited by hand: run `batchforge build` again',
  }),
  ShardChanged: entry<{ file: string; batchId: string }>({
    code: 'shard-changed',
    kind: 'data',
    message: (a) =>
      `${a.file} changed since it was submitted as ${a.batchId || 'an upload'}; refusing to submit it again`,
    hint: () =>
      'collect the submitted batch first, or run `batchforge submit --force` to submit the new content as a new batch',
  }),
  ApiFailed: entry<{ provider: string; action: string; detail: string }>({
    code: 'api-failed',
    kind: 'data',
    message: (a) => `${a.provider}: ${a.action} failed: ${a.detail}`,
    hint: () => 'what was done so far is saved in submit-state.json; run the same command again to resume',
  }),
  NothingSubmitted: entry<{ dir: string }>({
    code: 'nothing-submitted',
    kind: 'data',
    message: (a) => `no batch of the build in ${a.dir} has been submitted`,
    hint: () => 'run `batchforge submit` first',
  }),
  BatchesRunning: entry<{ running: string[] }>({
    code: 'batches-running',
    kind: 'data',
    message: (a) => `${a.running.length} batch(es) not finished: ${a.running.join(', ')}`,
    hint: () => 'wait with `batchforge status --wait`, then run `batchforge collect` again',
  }),
  SourceChanged: entry<{ file: string; expected: string; got: string }>({
    code: 'source-changed',
    kind: 'data',
    message: (a) =>
      `the source no longer yields the requests of ${a.file}: expected ${a.expected}, got ${a.got}`,
    hint: () => 'collect with the config and data the batches were built from (check out that commit)',
  }),
  ResultsMissing: entry<{ dir: string }>({
    code: 'results-missing',
    kind: 'data',
    message: (a) => `no results.jsonl in ${a.dir}`,
    hint: () => 'run `batchforge collect` first; retry picks the failed requests from its results',
  }),
  ResultsOutOfStep: entry<{ file: string; expected: string; got: string }>({
    code: 'results-out-of-step',
    kind: 'data',
    message: (a) =>
      `results.jsonl does not match ${a.file}: expected custom_id ${q(a.expected)}, got ${a.got}`,
    hint: () => 'run `batchforge collect` again for this build, then retry',
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
  SourceCsvOptionInvalid: entry<{ detail: string }>({
    code: 'source-csv-option-invalid',
    kind: 'config',
    message: (a) => `csv-parse cannot use these source options: ${a.detail}`,
    hint: () => 'the README section "CSV and TSV sources" lists each option and its values',
  }),

  // ---- sources (src/stages/load, issue 13): CSV records that need a guess, encodings, numbers ----
  SourceEncodingInvalid: entry<{ encoding: string }>({
    code: 'source-encoding-invalid',
    kind: 'data',
    message: (a) => `bytes that are not valid ${a.encoding} (the first on this line); the characters read for them are a guess`,
    hint: () => 'set source.encoding to the file\'s encoding (utf-8, utf-16le, utf-16be, latin1, windows-1252); strict_encoding: true makes this an error',
  }),
  SourceParquetInvalid: entry<{ detail: string }>({
    code: 'source-parquet-invalid',
    kind: 'config',
    message: (a) => `cannot read this Parquet file: ${a.detail}`,
    hint: () => 'check that the file is complete Parquet (its footer holds the schema); other formats need source.format',
  }),
  SourceParquetColumnShort: entry<{ column: string; rows: number; expected: number }>({
    code: 'source-parquet-column-short',
    kind: 'config',
    message: (a) => `cannot read this Parquet file: column ${q(a.column)} ends after ${n(a.rows)} of its row group's ${n(a.expected)} rows`,
    hint: () => 'the file is damaged or was cut short: write it again from its source',
  }),
  SourceParquetPageOverrun: entry<{ column: string; bytes: number }>({
    code: 'source-parquet-page-overrun',
    kind: 'config',
    message: (a) => `cannot read this Parquet file: a page of column ${q(a.column)} (${n(a.bytes)} bytes) runs past the end of its column chunk`,
    hint: () => 'the file is damaged or was cut short: write it again from its source',
  }),
  SourceParquetValueOverrun: entry<{ column: string; bytes: number }>({
    code: 'source-parquet-value-overrun',
    kind: 'config',
    message: (a) => `cannot read this Parquet file: a string of column ${q(a.column)} (${n(a.bytes)} bytes) runs past the end of its page`,
    hint: () => 'the file is damaged or was cut short: write it again from its source',
  }),
  SourceNumberOverflow: entry<{ number: string }>({
    code: 'source-number-overflow',
    kind: 'data',
    message: (a) => `number ${a.number} is too large to read exactly (as a double it is Infinity)`,
    hint: () => 'write it as a string ("1e400") if it is an id or a label; batchforge never rounds a number silently',
  }),
  CsvQuoteNotClosed: entry<{ column: number }>({
    code: 'csv-quote-not-closed',
    kind: 'data',
    message: (a) => `malformed row: column ${a.column} opens a quote that is never closed (reading went on at the next line)`,
    hint: () =>
      'close the quote; if quotes in this file are plain text, set source.quote: false (README "Messy CSV")',
  }),
  CsvQuoteClosesEarly: entry<{ column: number }>({
    code: 'csv-quote-closes-early',
    kind: 'data',
    message: (a) => `malformed row: column ${a.column} is quoted, but its closing quote is followed by more text instead of the delimiter or the line end`,
    hint: () =>
      'write a quote inside a quoted value as "", or set source.escape if the file uses \\" ; source.relax_quotes: true reads such values as text but may shift values (README "Messy CSV")',
  }),
  CsvQuoteInField: entry<{ column: number }>({
    code: 'csv-quote-in-field',
    kind: 'data',
    message: (a) => `malformed row: column ${a.column} has a quote inside a value that does not start with one`,
    hint: () =>
      'quote the whole value and double its quotes ("5"" screen"), or set source.relax_quotes: true to read such quotes as text (README "Messy CSV")',
  }),
  // ---- validate (batchforge validate: src/lint/) ----
  LintUnknownProvider: entry<{ provider: string; known: string[]; suggestion?: string }>({
    code: 'lint-unknown-provider',
    kind: 'usage',
    message: (a) =>
      `unknown provider ${q(a.provider)}${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}`,
    hint: (a) => `--provider takes a provider or a line family: ${a.known.join(', ')}`,
  }),
  LintFileMissing: entry<{ file: string }>({
    code: 'lint-file-missing',
    kind: 'usage',
    message: (a) => `${a.file} does not exist`,
    hint: () => 'check the path; `batchforge validate` takes JSONL files, e.g. out/*.jsonl',
  }),
  LintFileUnreadable: entry<{ file: string; detail: string }>({
    code: 'lint-file-unreadable',
    kind: 'usage',
    message: (a) => `cannot read ${a.file}: ${a.detail}`,
    hint: () => '`batchforge validate` takes JSONL files, e.g. out/*.jsonl',
  }),
  LintNoFiles: entry({
    code: 'lint-no-files',
    kind: 'usage',
    message: () => 'no files to validate',
    hint: () => 'usage: batchforge validate FILE… [--provider NAME] [--json] [--strict]',
  }),

  // ---- providers (src/providers): a request the chosen provider cannot express ----
  // Each refusal names the key, the provider and what to use instead; the translators of every
  // provider share these entries, so one rule reads the same whichever provider breaks it.
  ImageNotDataUrl: entry<{ provider: string; url: string }>({
    code: 'image-not-data-url',
    kind: 'data',
    message: (a) => `image ${q(a.url.length > 60 ? a.url.slice(0, 57) + '...' : a.url)} is not a base64 data: URL, which ${a.provider} needs`,
    hint: () => 'render images as data:<media type>;base64,<data>, e.g. "data:image/png;base64,{{image_b64}}"',
  }),
  /** a config's `params.key`, or (with `path`) a key of a batch file's request body that validate reads */
  ParamUnknown: entry<{ provider: string; key: string; follows: string; suggestion?: string; path?: string }>({
    code: 'param-unknown',
    kind: 'config',
    message: (a) => `${'path' in a ? a.path : `params.${a.key}`} is not a parameter of ${a.provider} (${a.follows})${a.suggestion ? `; did you mean ${a.suggestion}?` : ''}`,
    hint: (a) => `the README section "Providers" lists the parameters ${a.provider} accepts, translates and refuses`,
  }),
  /** validate (`path`) prints no hints, so there the message says what to use instead */
  ParamRefused: entry<{ provider: string; key: string; follows: string; instead: string; path?: string }>({
    code: 'param-refused',
    kind: 'config',
    message: (a) =>
      'path' in a
        ? `${a.path} is not accepted by ${a.provider} (${a.follows}): ${a.instead}`
        : `params.${a.key} is not accepted by ${a.provider} (${a.follows})`,
    hint: (a) => a.instead,
  }),
  ParamTwice: entry<{ provider: string; key: string; other: string; target: string }>({
    code: 'param-twice',
    kind: 'config',
    message: (a) => `give params.${a.other} or params.${a.key}, not both: ${a.provider} has one ${a.target}`,
    hint: (a) => `remove one of them; batchforge writes either as ${a.target}`,
  }),
  ParamSetTwice: entry<{ key: string; target: string }>({
    code: 'param-set-twice',
    kind: 'config',
    message: (a) => `params.${a.key} sets ${a.target} a second time`,
    hint: () => 'give each setting once: either in the provider\'s own object or as an OpenAI-style param',
  }),
  ParamRequired: entry<{ provider: string; key: string; why: string; example: string }>({
    code: 'param-required',
    kind: 'config',
    message: (a) => `${a.provider} requires params.${a.key} (${a.why})`,
    hint: (a) => `add e.g. \`${a.example}\` under params`,
  }),
  ParamShape: entry<{ key: string; want: string }>({
    code: 'param-shape',
    kind: 'config',
    message: (a) => `params.${a.key} must be ${a.want}`,
    hint: () => 'the README section "Providers" shows each translated parameter with an example',
  }),
  ApiVersionUnknown: entry<{ provider: string; version: string; known: string[] }>({
    code: 'api-version-unknown',
    kind: 'config',
    message: (a) => `api_version ${q(a.version)} is not an API version batchforge knows for ${a.provider}`,
    hint: (a) => `use one of: ${a.known.join(', ')}`,
  }),
  ApiVersionNone: entry<{ provider: string }>({
    code: 'api-version-none',
    kind: 'config',
    message: (a) => `${a.provider} has no api_version setting`,
    hint: () => 'remove api_version; only anthropic batches choose an API version',
  }),
  MessageNameRefused: entry<{ provider: string; index: number }>({
    code: 'message-name-refused',
    kind: 'config',
    message: (a) => `${a.provider} messages have no name; remove messages[${a.index}].name`,
    hint: () => 'put who is speaking into the content instead, e.g. "Ada: {{text}}"',
  }),
  SystemAfterTurns: entry<{ provider: string; index: number; role: string }>({
    code: 'system-after-turns',
    kind: 'config',
    message: (a) =>
      `${a.provider} takes system instructions only before the conversation, but messages[${a.index}] (${a.role}) comes after a user or assistant message`,
    hint: () => 'move the system/developer messages to the top',
  }),
  NoUserMessage: entry<{ provider: string }>({
    code: 'no-user-message',
    kind: 'config',
    message: (a) => `${a.provider} needs at least one user message besides the system instructions`,
    hint: () => 'add a message with role: user',
  }),
  PartRefused: entry<{ provider: string; part: string; where: 'system' | 'message' }>({
    code: 'part-refused',
    kind: 'config',
    message: (a) => `${a.provider} cannot take ${a.part} parts in ${a.where === 'system' ? 'system instructions' : 'batch messages'}`,
    hint: (a) => (a.where === 'system' ? 'give system instructions as text' : 'use text or image_url parts'),
  }),
  ImageUrlRefused: entry<{ provider: string; url: string }>({
    code: 'image-url-refused',
    kind: 'config',
    message: (a) => `${a.provider} takes images as base64 data: URLs, not ${q(a.url)}`,
    hint: () => 'render images as data:<media type>;base64,<data>, e.g. "data:image/png;base64,{{image_b64}}"',
  }),
  ImageTypeUnknown: entry<{ provider: string; url?: string }>({
    code: 'image-type-unknown',
    kind: 'config',
    message: (a) =>
      a.url !== undefined
        ? `${a.provider} needs the media type of image ${q(a.url)} and cannot tell it from the name`
        : `${a.provider} needs each image's media type, and a templated url is only known per row`,
    hint: (a) =>
      a.url !== undefined
        ? 'add mime_type (e.g. image/png) beside url in image_url'
        : 'add mime_type beside url in image_url: a constant such as image/jpeg, or a template such as "{{image_type}}"',
  }),
  /** build names the shard it wrote; validate's finding is located at the file it reads */
  FewRecords: entry<{ provider: string; file?: string; records: number; min: number }>({
    code: 'few-records',
    kind: 'data',
    message: (a) =>
      `${a.file !== undefined ? `${a.file} holds` : 'file has'} ${n(a.records)} record(s); a ${a.provider} batch job needs at least ${n(a.min)} by default`,
    hint: () => 'add records, run these requests with InvokeModel directly, or check the "minimum number of records per batch inference job" quota of your account',
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
    message: (a) => `--row ${q(a.row)} is neither a row number, FILE:LINE nor FILE:row N`,
    hint: () => 'give a 1-based row number (--row 14), a source line (--row data/questions.csv:15) or a Parquet row (--row "data/train.parquet:row 15")',
  }),
  PreviewRowNotFound: entry<{ row: string; rows: number }>({
    code: 'preview-row-not-found',
    kind: 'usage',
    message: (a) => `no row ${a.row} in the source (${n(a.rows)} row(s) after source.filter and offset)`,
    hint: () => 'rows are numbered from 1 after source.filter and offset; FILE:LINE names the line a row starts on, FILE:row N row N of a Parquet file',
  }),
  ShardOverTokenBudget: entry<{ file: string; tokens: number; max: number; id: string }>({
    code: 'shard-over-token-budget',
    kind: 'data',
    message: (a) =>
      `shard ${a.file} holds ${n(a.tokens)} input tokens, over output.max_tokens_per_shard (${n(a.max)}): request ${q(a.id)} alone is over the budget`,
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

  // ---- output folder, lifecycle state, locks and OS errors (issue 11: src/stages/shard/output-*.ts, src/util/output-lock.ts, src/errors/io-error.ts) ----
  OutputDirIsFile: entry<{ dir: string }>({
    code: 'output-dir-is-file',
    kind: 'config',
    message: (a) => `output.dir ${a.dir} is a file, not a folder`,
    hint: () => 'point output.dir at a folder (it is created when missing), or move the file away',
  }),
  OutputNotOurs: entry<{ dir: string; files: string[]; more: number }>({
    code: 'output-dir-not-ours',
    kind: 'config',
    message: (a) =>
      `${a.dir} holds files that batchforge did not write (${a.files.join(', ')}${a.more ? ` and ${a.more} more` : ''}) and no batchforge manifest.json; nothing was written`,
    hint: () => 'point output.dir at a new or empty folder: batchforge writes only into folders whose manifest.json it wrote, and never touches other files',
  }),
  OutputManifestNotOurs: entry<{ file: string }>({
    code: 'output-manifest-not-ours',
    kind: 'config',
    message: (a) => `${a.file} was not written by batchforge (it lacks "tool": "batchforge" and a format version); nothing was written`,
    hint: () => 'point output.dir (or --dir) at a folder of its own, such as out/',
  }),
  ManifestFormatNewer: entry<{ file: string; format: string; known: number }>({
    code: 'manifest-format-newer',
    kind: 'config',
    message: (a) => `${a.file} has manifest format ${a.format}; this batchforge reads format ${a.known}`,
    hint: () => 'upgrade batchforge to the version that wrote it (npm install batchforge@latest)',
  }),
  OutputFileNotOurs: entry<{ file: string }>({
    code: 'output-file-not-ours',
    kind: 'config',
    message: (a) => `${a.file} exists and was not written by batchforge, but the build would write a file of that name; nothing was written`,
    hint: () => 'move or rename that file: batchforge never overwrites a file its manifest.json does not list',
  }),
  OutputCommitIncomplete: entry<{ dir: string }>({
    code: 'output-commit-incomplete',
    kind: 'config',
    message: (a) => `the build stopped while replacing files in ${a.dir}: its manifest.json now lists only the files that are intact`,
    hint: () => 'fix the cause above and run `batchforge build` again; submit, collect and retry refuse this output until then',
  }),
  ManifestPartial: entry<{ file: string }>({
    code: 'manifest-partial',
    kind: 'data',
    message: (a) => `${a.file} is from a build that was interrupted while replacing files`,
    hint: () => 'run `batchforge build` again: it finishes the output and removes what the interrupted build left',
  }),
  OutputLocked: entry<{ dir: string; command: string; pid: number; host: string; since: string; lock: string }>({
    code: 'output-locked',
    kind: 'config',
    message: (a) => `${a.dir} is in use by \`batchforge ${a.command}\` (pid ${a.pid} on ${a.host}, since ${a.since}); nothing was done`,
    hint: (a) => `wait for that process to finish; if it no longer runs on ${a.host}, delete ${a.lock}`,
  }),
  Interrupted: entry<{ signal: string }>({
    code: 'interrupted',
    kind: 'data',
    message: (a) => `interrupted by ${a.signal}: temporary files were removed; what was committed before is unchanged`,
  }),
  BuildNoRows: entry<{ files: string[]; out: string }>({
    code: 'build-no-rows',
    kind: 'data',
    message: (a) => `nothing to write: source ${a.files.join(', ')} has no rows; ${a.out} is unchanged`,
    hint: () => 'a CSV needs a header line and at least one data line, ended by \\n or \\r\\n; JSONL needs one object a line',
  }),
  BuildAllFiltered: entry<{ rows: number; out: string }>({
    code: 'build-all-filtered',
    kind: 'data',
    message: (a) => `nothing to write: source.filter and source.offset left none of the ${n(a.rows)} row(s); ${a.out} is unchanged`,
    hint: () => 'source.filter keeps a row when it renders true (any case, blanks around ignored); check it with `batchforge preview`',
  }),
  BuildAllRejected: entry<{ requests: number; first: string; out: string }>({
    code: 'build-all-rejected',
    kind: 'data',
    message: (a) =>
      `nothing to write: every one of the ${n(a.requests)} request(s) was rejected (on_error: skip), the first: ${a.first}; ${a.out} is unchanged`,
    hint: () => 'fix the rows or templates: `batchforge build` with on_error: fail lists the errors with their rows',
  }),
  FilterNotBoolean: entry<{ value: string }>({
    code: 'filter-not-boolean',
    kind: 'data',
    message: (a) => `source.filter rendered ${q(a.value.length > 40 ? `${a.value.slice(0, 40)}…` : a.value)} for this row; it must render true, false or nothing`,
    hint: () => 'make the filter print true for rows to keep and false (or nothing) for the others; case and blanks around are ignored',
  }),
  SourceSkipsOwnFiles: entry<{ pattern: string; dir: string; files: string[] }>({
    code: 'source-skips-own-files',
    kind: 'config',
    message: (a) => `source ${q(a.pattern)} matches ${a.files.length} file(s) inside the output folder ${a.dir}; skipped: ${a.files.join(', ')}`,
    hint: () => 'batchforge never reads its own output and state; narrow the pattern to silence this note',
  }),
  OsNotFound: entry<{ path: string; note: string }>({
    code: 'os-not-found',
    kind: 'config',
    message: (a) => `${a.path} does not exist (ENOENT)${a.note}`,
    hint: () => 'check the path: create the missing folder, or fix its name in the config or on the command line',
  }),
  OsNotFolder: entry<{ path: string; note: string }>({
    code: 'os-not-a-folder',
    kind: 'config',
    message: (a) => `${a.path}: a part of this path is a file, not a folder (ENOTDIR)${a.note}`,
    hint: () => 'point the setting at a folder, or move the file that stands where a folder is needed',
  }),
  OsIsFolder: entry<{ path: string; note: string }>({
    code: 'os-is-a-folder',
    kind: 'config',
    message: (a) => `${a.path} is a folder where a file is needed (EISDIR)${a.note}`,
    hint: () => 'name a file, or move that folder away',
  }),
  OsExists: entry<{ path: string; note: string }>({
    code: 'os-exists',
    kind: 'config',
    message: (a) => `${a.path} already exists (EEXIST)${a.note}`,
    hint: () => 'move or rename it, or choose another name: batchforge does not overwrite what it did not write',
  }),
  OsPermissionDenied: entry<{ path: string; note: string }>({
    code: 'os-permission-denied',
    kind: 'config',
    message: (a) => `permission denied: ${a.path} (EACCES)${a.note}`,
    hint: () => 'give your user access to it (`ls -ld`, chmod, chown), or use a folder you own',
  }),
  OsNotPermitted: entry<{ path: string; note: string }>({
    code: 'os-not-permitted',
    kind: 'config',
    message: (a) => `operation not permitted: ${a.path} (EPERM)${a.note}`,
    hint: () => 'the file may be owned by another user, immutable or open in another program (Windows); close it or use a folder you own',
  }),
  OsReadOnly: entry<{ path: string; note: string }>({
    code: 'os-read-only',
    kind: 'config',
    message: (a) => `${a.path} is on a read-only file system (EROFS)${a.note}`,
    hint: () => 'mount it read-write (a Docker volume without :ro), or point output.dir at a writable folder',
  }),
  OsNoSpace: entry<{ path: string; note: string }>({
    code: 'os-no-space',
    kind: 'config',
    message: (a) => `no space left on the device holding ${a.path} (ENOSPC)${a.note}`,
    hint: () => 'free disk space: a build needs room for its new shards beside the old ones until it commits; or point output.dir at another disk',
  }),
  OsBusy: entry<{ path: string; note: string }>({
    code: 'os-busy',
    kind: 'config',
    message: (a) => `${a.path} is busy (EBUSY): in use by another program, or a mount point${a.note}`,
    hint: () => 'close the programs using it; batchforge never renames or removes output.dir itself, so a mount point works as output.dir',
  }),
  OsCrossDevice: entry<{ path: string; note: string }>({
    code: 'os-cross-device',
    kind: 'config',
    message: (a) => `${a.path} cannot be moved across file systems (EXDEV)${a.note}`,
    hint: () => 'keep the files involved on one file system (one disk or volume)',
  }),

  // ---- templates (src/stages/render): template and partial files ----
  TemplateFileUnreadable: entry<{ file: string; reason: string }>({
    code: 'template-file-unreadable',
    kind: 'config',
    message: (a) => `cannot read template file ${a.file} (${a.reason})`,
    hint: () => 'check that the file is readable by you and is a file, not a folder',
  }),
  TemplateFileEncoding: entry<{ file: string; encoding: string }>({
    code: 'template-file-encoding',
    kind: 'config',
    message: (a) => `template file ${a.file} is not valid ${a.encoding.toUpperCase()}`,
    hint: () => 'save the template as UTF-8 (a byte order mark is fine and is dropped)',
  }),

  // ---- one path (outcomes of a group's rows) ----
  CustomIdTwiceInRow: entry<{ id: string }>({
    code: 'custom-id-twice-in-row',
    kind: 'data',
    message: (a) => `custom_id ${q(a.id)} is used twice by this row (the matrix variants render the same id)`,
    hint: () => 'put a matrix value in the custom_id template, e.g. "{{id}}-{{@matrix.model}}"',
  }),
  CustomIdCollision: entry<{ id: string }>({
    code: 'custom-id-collision',
    kind: 'data',
    message: (a) => `custom_id ${q(a.id)} has the same 64-bit fingerprint as an earlier id (a one-in-billions collision)`,
    hint: () => 'change the custom_id template slightly (e.g. add a prefix): the ids are checked by fingerprint',
  }),
  // ---- validate (src/lint): a batch file's bytes, lines, ids and request bodies ----
  // Findings are located at the file and line (none for the whole file); validate prints no hints.
  FileEmpty: entry({
    code: 'empty-file',
    kind: 'data',
    message: () => 'file is empty (providers reject a batch with no requests)',
  }),
  FileBom: entry({
    code: 'bom',
    kind: 'data',
    message: () => 'file starts with a UTF-8 byte order mark (Azure rejects it); save as UTF-8 without BOM',
  }),
  FileCrlf: entry<{ count: number }>({
    code: 'crlf',
    kind: 'data',
    message: (a) => `CRLF line endings (${n(a.count)} ${a.count === 1 ? 'line' : 'lines'} from here on); providers expect \\n`,
  }),
  LineInvalidUtf8: entry({
    code: 'invalid-utf8',
    kind: 'data',
    message: () => 'line is not valid UTF-8',
  }),
  LineBlank: entry({
    code: 'blank-line',
    kind: 'data',
    message: () => 'blank line (providers read every line as a request)',
  }),
  LineNotJson: entry<{ reason: string }>({
    code: 'not-json',
    kind: 'data',
    message: (a) => `not JSON: ${a.reason}`,
  }),
  /** `got`: the JSON type in words, e.g. "an array" */
  LineNotObject: entry<{ got: string }>({
    code: 'not-object',
    kind: 'data',
    message: (a) => `line is ${a.got}, not a JSON object`,
  }),
  /** a key of the line shape; with `why`, a field the request needs; with `tool`, a tool message's id */
  LineKeyMissing: entry<{ key: string; why?: string; tool?: true }>({
    code: 'missing-key',
    kind: 'data',
    message: (a) =>
      'tool' in a ? `${a.key} is a tool message without "tool_call_id"` : 'why' in a ? `missing ${a.key} (${a.why})` : `missing ${q(a.key)}`,
  }),
  LineWrongType: entry<{ path: string; want: string; got: string }>({
    code: 'wrong-type',
    kind: 'data',
    message: (a) => `${a.path} must be ${a.want}, not ${a.got}`,
  }),
  LineWrongValue: entry<{ path: string; want: string; value: unknown }>({
    code: 'wrong-value',
    kind: 'data',
    message: (a) => `${a.path} must be ${q(a.want)}, not ${JSON.stringify(a.value)}`,
  }),
  LineKeyUnknown: entry<{ key: string; family: string; allowed: readonly string[] }>({
    code: 'unknown-key',
    kind: 'data',
    message: (a) => `unknown key ${q(a.key)} in the ${a.family} line shape (expected ${a.allowed.join(', ')})`,
  }),
  LineEndpointUnknown: entry<{ url: string; provider: string; known: readonly string[] }>({
    code: 'unknown-endpoint',
    kind: 'data',
    message: (a) => `url ${q(a.url)} is not a batch endpoint of ${a.provider} (known: ${a.known.join(', ')})`,
  }),
  LineUrlMismatch: entry<{ url: string; first: string; firstLine: number; provider: string }>({
    code: 'url-mismatch',
    kind: 'data',
    message: (a) => `url ${q(a.url)} differs from ${q(a.first)} on line ${a.firstLine} (${a.provider} takes one url per file)`,
  }),
  LineModelMismatch: entry<{ model: string; first: string; firstLine: number; provider: string }>({
    code: 'model-mismatch',
    kind: 'data',
    message: (a) => `body.model ${q(a.model)} differs from ${q(a.first)} on line ${a.firstLine} (${a.provider} takes one model per file)`,
  }),
  LineStreams: entry({
    code: 'stream-refused',
    kind: 'data',
    message: () => 'body.stream is true; batch requests cannot stream',
  }),
  LineMaxTokensOnReasoning: entry<{ model: string }>({
    code: 'max-completion-tokens',
    kind: 'data',
    message: (a) => `body.max_tokens is not accepted by ${q(a.model)}; use max_completion_tokens`,
  }),
  LineValueEmpty: entry<{ path: string }>({
    code: 'empty-value',
    kind: 'data',
    message: (a) => `${a.path} must not be empty`,
  }),
  /** an OpenAI content part type (`known`), or a provider's content block (`provider`, `want`) */
  LinePartUnknown: entry<{ path: string; type: unknown } & ({ known: readonly string[] } | { provider: string; want: string })>({
    code: 'unknown-part',
    kind: 'data',
    message: (a) =>
      'known' in a
        ? `${a.path} ${JSON.stringify(a.type)} is not a content part type (${a.known.join(', ')})`
        : `${a.path} ${JSON.stringify(a.type)} is not a content block of ${a.provider}: ${a.want}`,
  }),
  LineParamRenamed: entry<{ path: string; provider: string; to: string }>({
    code: 'param-renamed',
    kind: 'data',
    message: (a) => `${a.path} is not a parameter of ${a.provider}, which calls it ${a.to}`,
  }),
  LineOpenAiBody: entry<{ path: string; provider: string; want: string }>({
    code: 'openai-body',
    kind: 'data',
    message: (a) => `${a.path} is an OpenAI chat body, not a ${a.provider} request; ${a.provider} takes ${a.want}`,
  }),
  LineSystemRole: entry<{ path: string; provider: string }>({
    code: 'system-role',
    kind: 'data',
    message: (a) => `${a.path} is a system message; ${a.provider} takes system instructions in the top-level system field`,
  }),
  LineJsonSchemaInResponseSchema: entry<{ path: string; provider: string }>({
    code: 'response-schema-json-schema',
    kind: 'data',
    message: (a) =>
      `${a.path} is JSON Schema, which ${a.provider}'s responseSchema refuses with 400; put the schema in generationConfig.responseJsonSchema`,
  }),
  LineOpenAiTool: entry<{ path: string; provider: string }>({
    code: 'openai-tool',
    kind: 'data',
    message: (a) =>
      `${a.path} is an OpenAI function tool, not a ${a.provider} Tool; give {functionDeclarations: [{name, description, parametersJsonSchema}]}`,
  }),
  FileTooLarge: entry<{ bytes: number; max: number; provider: string }>({
    code: 'file-too-large',
    kind: 'data',
    message: (a) => `file is ${n(a.bytes)} bytes, over the ${a.provider} limit of ${n(a.max)} bytes`,
  }),
  FileTooManyRequests: entry<{ lines: number; max: number; provider: string }>({
    code: 'too-many-requests',
    kind: 'data',
    message: (a) => `file has ${n(a.lines)} requests, over the ${a.provider} limit of ${n(a.max)}`,
  }),
  FileTooManyInputs: entry<{ units: number; max: number; provider: string }>({
    code: 'too-many-inputs',
    kind: 'data',
    message: (a) => `file has ${n(a.units)} embedding inputs across its requests, over the ${a.provider} limit of ${n(a.max)} per batch`,
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

/**
 * The config schema, declared once. The TypeScript types (`ConfigInput`) and the editor JSON
 * Schema (`batch.config.schema.json`, see json-schema.ts) are both derived from this file, so a
 * key's description and default live here and nowhere else.
 */
import { z } from 'zod';
import { SIZE_PATTERN } from '../util/size.js';


const size = z
  .union([z.number().int().positive(), z.string().regex(SIZE_PATTERN, 'a size such as 100MB, 95MiB or 50000000')])
  .describe('A size in bytes: a number, or a string with a unit (KB/MB/GB = 10^3/10^6/10^9 bytes, KiB/MiB/GiB = 2^10/2^20/2^30).');

const template = z.string();

const json = z.json();

const textPart = z.strictObject({
  type: z.literal('text'),
  text: template.describe('Text of the part; a Handlebars template.'),
});
const imagePart = z.strictObject({
  type: z.literal('image_url'),
  image_url: z.strictObject({
    url: template.describe('Image URL or data: URL; a template, e.g. "{{image}}".'),
    detail: z.enum(['auto', 'low', 'high']).optional().describe('Image detail level.'),
    mime_type: template
      .optional()
      .describe('Media type such as image/png; gemini and vertex need it when the URL is a template (ignored by OpenAI-shaped providers).'),
  }),
});
const audioPart = z.strictObject({
  type: z.literal('input_audio'),
  input_audio: z.strictObject({
    data: template.describe('Base64 audio; a template.'),
    format: z.enum(['wav', 'mp3']).describe('Audio format.'),
  }),
});
const filePart = z.strictObject({
  type: z.literal('file'),
  file: z.strictObject({
    file_id: template.optional().describe('An uploaded file id; a template.'),
    file_data: template.optional().describe('Base64 file data; a template.'),
    filename: template.optional().describe('File name; a template.'),
  }),
});
export const contentPart = z
  .discriminatedUnion('type', [textPart, imagePart, audioPart, filePart])
  .describe('A content part: text, image_url, input_audio or file; string values are templates.');

export const message = z
  .strictObject({
    role: z.string().describe('Message role: system, developer, user or assistant (the provider decides which are known).'),
    content: z
      .union([template, z.array(contentPart).min(1)])
      .optional()
      .describe('Inline Handlebars template, or a list of content parts (multimodal). Give content or template, not both.'),
    template: z
      .string()
      .optional()
      .describe('Path of a Handlebars template file, relative to the config file. Give content or template, not both.'),
    name: z.string().optional().describe('Optional participant name sent with the message.'),
  })
  .describe('One chat message; its content is rendered per row.');

export const source = z
  .strictObject({
    path: z
      .union([z.string(), z.array(z.string()).min(1)])
      .describe('Data file(s) relative to the config file; globs allowed (data/*.csv). Files are read in the order given, globs sorted.'),
    format: z
      .enum(['csv', 'tsv', 'jsonl', 'json', 'parquet'])
      .optional()
      .describe('File format; by default from the extension (.csv, .tsv, .jsonl/.ndjson, .json = array of objects, .parquet).'),
    delimiter: z.string().min(1).optional().describe('CSV field delimiter, one or more characters (default "," for csv, tab for tsv).'),
    quote: z.union([z.string(), z.literal(false)]).optional().describe('CSV quote character (default "); false reads quotes as plain text.'),
    escape: z.union([z.string().min(1), z.literal(false)]).optional().describe('CSV character that escapes a quote inside a quoted value (default: the quote itself, as in ""); e.g. "\\\\" for \\".'),
    record_delimiter: z
      .string()
      .min(1)
      .optional()
      .describe('The characters that end a CSV record, e.g. "\\r\\n"; auto (default) takes the first LF, CRLF or CR found.'),
    comment: z.string().min(1).optional().describe('CSV comment character: text from it to the end of the line is ignored (e.g. "#"). Default none.'),
    from_line: z.number().int().positive().optional().describe('First line of a CSV file to read (1-based; the header is the first record from here). Default 1.'),
    to_line: z.number().int().positive().optional().describe('Last line of a CSV file to read. Default: the end.'),
    columns: z
      .union([z.boolean(), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe('CSV column names: true (default) takes them from the first record; a list names them for a file without a header; false names them 0, 1, 2 ….'),
    relax_column_count: z.boolean().optional().describe('Accept CSV records with more or fewer fields than the columns (missing ones absent, extra ones dropped). Default false: such a row is rejected.'),
    relax_quotes: z
      .boolean()
      .optional()
      .describe('Read stray quotes in CSV values as text instead of rejecting the row. Risky: a quote that was meant to open a value can shift values into other columns. Default false.'),
    trim: z.boolean().optional().describe('Remove whitespace around CSV values (outside quotes). Default false.'),
    ltrim: z.boolean().optional().describe('Remove whitespace before CSV values. Default false.'),
    rtrim: z.boolean().optional().describe('Remove whitespace after CSV values. Default false.'),
    skip_empty_lines: z.boolean().optional().describe('Skip empty lines in CSV files. Default true.'),
    encoding: z
      .enum(['utf-8', 'utf-16le', 'utf-16be', 'latin1', 'windows-1252'])
      .optional()
      .describe('Text encoding of the files. Default utf-8; a byte order mark (UTF-8, UTF-16LE/BE) wins over it.'),
    bom: z.boolean().optional().describe('Look for a byte order mark and drop it. Default true.'),
    strict_encoding: z
      .boolean()
      .optional()
      .describe('Bytes that are not valid in the encoding are an error (default: a warning naming the first line that holds them).'),
    filter: template
      .optional()
      .describe('Keep only rows for which this template renders "true", e.g. "{{eq split \'test\'}}".'),
    offset: z.number().int().min(0).default(0).describe('Skip this many rows (after filter).'),
    limit: z.number().int().positive().optional().describe('Take at most this many rows (after filter and offset).'),
  })
  .describe('Where the rows come from.');

/**
 * A batch entry's output merges key by key over the top-level output, so defaults live only on the
 * top-level declaration (`topOutput`): a default here would hide the top-level value.
 */
const outputKeys = {
  max_bytes: size.optional().describe('Largest shard file, counting newlines. Default: 100MB, or the provider maximum when that is lower.'),
  max_lines: z.number().int().positive().optional().describe('Most requests per shard. Default: the provider limit (openai 50000; none for providers without one).'),
  override_limits: z
    .boolean()
    .optional()
    .describe('Allow max_bytes / max_lines above the provider maximum (e.g. a raised account quota): a warning instead of an error.'),
  max_tokens_per_shard: z.number().int().positive().optional().describe('Most input tokens per shard (an enqueued-token budget, counted with the model\'s tokenizer); a third split limit beside max_bytes and max_lines. Default: no limit (tokens are then not counted).'),
};

export const output = z.strictObject(outputKeys).describe('Where and how shards are written; keys not given are taken from the top-level output.');

const topOutput = z
  .strictObject({
    dir: z.string().default('out').describe('Output folder, relative to the config file; shared by every batch.'),
    ...outputKeys,
    override_limits: outputKeys.override_limits.default(false),
  })
  .prefault({})
  .describe('Where and how shards are written.');

/** Keys a batch may set; top-level values are the defaults for every entry of `batches`. */
const batchKeys = {
  provider: z.string().optional().describe('Provider profile: line shape, limits and id rules.'),
  model: z.string().optional().describe('Model name written into every request body.'),
  endpoint: z
    .string()
    .optional()
    .describe('Request URL. Default: the provider\'s chat endpoint (openai /v1/chat/completions), or its input endpoint (/v1/embeddings) when `input` is given.'),
  params: z
    .record(z.string(), json)
    .optional()
    .describe('Fields merged into every request body after model (temperature, max_tokens, response_format, metadata, …). String values are templates.'),
  api_version: z
    .union([z.string(), z.record(z.string(), z.string())])
    .optional()
    .describe(
      'The API version the requests follow (anthropic only), sent by `submit` as the anthropic-version header: one version, or one per provider name ({anthropic: 2023-06-01}) for a matrix over providers. Default 2026-10-21 (the SDK\'s), which refuses temperature, top_p and top_k; 2023-06-01 accepts them.',
    ),
  source: source.optional(),
  custom_id: z
    .union([
      template,
      z.strictObject({
        hash: z.array(z.string()).min(1).describe('Key columns whose values (plus the matrix variant) are hashed into the id.'),
        prefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]{0,40}$/, 'up to 40 of A-Z a-z 0-9 _ -')
          .default('')
          .describe('Text before the hash, e.g. "q-".'),
        length: z.number().int().min(8).max(43).default(16).describe('Hash characters (base64url); 16 = 96 bits.'),
      }),
    ])
    .optional()
    .describe(
      'Request id: a template, or {hash: [columns]} for ids that stay the same when rows are reordered, filtered or appended. Bedrock\'s default is "request{{@index}}", as its record ids take no "-".',
    ),
  matrix: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name of letters, digits and _'), z.array(json).min(1))
    .optional()
    .describe(
      'Fan-out: every row becomes one request per combination of these lists. `provider` and `model` axes replace those keys and partition the shards; a `params` axis holds objects merged into params; any other axis is a template variable. All values are available as {{@matrix.<name>}}.',
    ),
  messages: z.array(message).min(1).optional().describe('Chat messages, rendered per row.'),
  input: z
    .union([template, z.array(template).min(1)])
    .optional()
    .describe('Instead of messages: the input (embeddings, responses) or prompt (completions) template.'),
  on_error: z
    .enum(['fail', 'skip'])
    .optional()
    .describe('fail: any bad row fails the build. skip: bad rows go to rejects.jsonl with their reason.'),
};

export const batchEntry = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit')
      .describe('Batch name: the shard file prefix (<name>-00001.jsonl) and its key in the manifest.'),
    ...batchKeys,
    output: output.optional(),
  })
  .describe('One named batch; keys not given are taken from the top level.');

/**
 * Defaults sit on the top-level keys only: a batch entry takes every key it does not set from the
 * top level, so a default on the entry would hide the top-level value.
 */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    ...batchKeys,
    provider: batchKeys.provider.default('openai'),
    params: batchKeys.params.default({}),
    custom_id: batchKeys.custom_id.default('request-{{@index}}'),
    on_error: batchKeys.on_error.default('fail'),
    output: topOutput,
    base_url: z
      .union([z.string().url(), z.record(z.string(), z.string().url())])
      .optional()
      .describe(
        'API base URL for submit/status/collect: one for every provider, or per provider name ({openai: "http://127.0.0.1:8000/v1"}). Environment variables such as OPENAI_BASE_URL override it.',
      ),
    batches: z
      .array(batchEntry)
      .min(1)
      .default([{ name: 'batch' }])
      .describe('Several named batches sharing the top-level keys as defaults. Without it the config is one batch named "batch".'),
  })
  .describe('batchforge build configuration (batch.config.yaml).');

export type ConfigInput = z.input<typeof configSchema>;
/** The config after the schema: top-level defaults filled in. */
export type ConfigValue = z.output<typeof configSchema>;
export type SourceInput = z.input<typeof source>;

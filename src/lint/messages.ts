/**
 * Every lint finding's wording, in one place. Findings are data about a file, not Problems of a
 * run, so they live here rather than in the error catalogue; each has a permanent code.
 */
import type { Verdict } from './finding.js';

const q = (v: unknown) => JSON.stringify(v);
const n = (x: number) => x.toLocaleString('en-US');
const error = (code: string, message: string): Verdict => ({ code, severity: 'error', message });
const warning = (code: string, message: string): Verdict => ({ code, severity: 'warning', message });

/** `typeof` in words a JSON user knows: null and arrays are not "object". */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'object': return 'an object';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    default: return typeof v;
  }
}

export const M = {
  // ---- bytes and lines ----
  emptyFile: () => error('empty-file', 'file is empty (providers reject a batch with no requests)'),
  bom: () => error('bom', 'file starts with a UTF-8 byte order mark (Azure rejects it); save as UTF-8 without BOM'),
  crlf: (count: number) =>
    warning('crlf', `CRLF line endings (${n(count)} ${count === 1 ? 'line' : 'lines'} from here on); providers expect \\n`),
  invalidUtf8: () => error('invalid-utf8', 'line is not valid UTF-8'),
  blankLine: () => error('blank-line', 'blank line (providers read every line as a request)'),
  notJson: (reason: string) => error('not-json', `not JSON: ${reason}`),
  notObject: (v: unknown) => error('not-object', `line is ${jsonType(v)}, not a JSON object`),

  // ---- line shape ----
  missingKey: (key: string) => error('missing-key', `missing ${q(key)}`),
  wrongType: (path: string, want: string, v: unknown) =>
    error('wrong-type', `${path} must be ${want}, not ${jsonType(v)}`),
  wrongValue: (path: string, want: string, v: unknown) => error('wrong-value', `${path} must be ${q(want)}, not ${q(v)}`),
  unknownKey: (key: string, family: string, allowed: readonly string[]) =>
    warning('unknown-key', `unknown key ${q(key)} in the ${family} line shape (expected ${allowed.join(', ')})`),
  unknownEndpoint: (url: string, provider: string, known: readonly string[]) =>
    error('unknown-endpoint', `url ${q(url)} is not a batch endpoint of ${provider} (known: ${known.join(', ')})`),

  // ---- ids ----
  idEmpty: (key: string) => error('custom-id-empty', `${key} is empty`),
  idTooLong: (key: string, id: string, bytes: number, max: number, provider: string) =>
    error('custom-id-rule', `${key} ${q(id)} is ${n(bytes)} bytes, over the ${provider} limit of ${max}`),
  idPattern: (key: string, id: string, provider: string, rule: string) =>
    error('custom-id-rule', `${key} ${q(id)} breaks the ${provider} rule: ${rule}`),
  idDuplicate: (key: string, id: string, first: number) =>
    error('custom-id-duplicate', `duplicate ${key} ${q(id)} (first on line ${first})`),

  // ---- one url and model per file ----
  urlMismatch: (url: string, first: string, firstLine: number, provider: string) =>
    error('url-mismatch', `url ${q(url)} differs from ${q(first)} on line ${firstLine} (${provider} takes one url per file)`),
  modelMismatch: (model: string, first: string, firstLine: number, provider: string) =>
    error('model-mismatch', `body.model ${q(model)} differs from ${q(first)} on line ${firstLine} (${provider} takes one model per file)`),

  // ---- request bodies ----
  streamRefused: () => error('stream-refused', 'body.stream is true; batch requests cannot stream'),
  maxTokensOnReasoning: (model: string) =>
    warning('max-completion-tokens', `body.max_tokens is not accepted by ${q(model)}; use max_completion_tokens`),
  emptyArray: (path: string) => error('empty-value', `${path} must not be empty`),
  unknownRole: (path: string, role: string, known: readonly string[]) =>
    error('unknown-role', `${path} ${q(role)} is not a chat role (${known.join(', ')})`),
  unknownPart: (path: string, type: unknown, known: readonly string[]) =>
    error('unknown-part', `${path} ${q(type)} is not a content part type (${known.join(', ')})`),
  toolCallIdMissing: (path: string) => error('missing-key', `${path} is a tool message without "tool_call_id"`),
  missingField: (path: string, why: string) => error('missing-key', `missing ${path} (${why})`),

  // ---- request bodies against the provider's declaration (src/providers/declaration.ts) ----
  paramUnknown: (path: string, provider: string, follows: string, suggestion: string | undefined, severity: 'error' | 'warning') =>
    ({ code: 'param-unknown', severity, message: `${path} is not a parameter of ${provider} (${follows})${suggestion ? `; did you mean ${suggestion}?` : ''}` }) satisfies Verdict,
  paramRefused: (path: string, provider: string, follows: string, instead: string) =>
    error('param-refused', `${path} is not accepted by ${provider} (${follows}): ${instead}`),
  paramRenamed: (path: string, provider: string, to: string) => error('param-renamed', `${path} is not a parameter of ${provider}, which calls it ${to}`),
  openAiBody: (path: string, provider: string, want: string) =>
    error('openai-body', `${path} is an OpenAI chat body, not a ${provider} request; ${provider} takes ${want}`),
  systemRole: (path: string, provider: string) =>
    error('system-role', `${path} is a system message; ${provider} takes system instructions in the top-level system field`),
  jsonSchemaInResponseSchema: (path: string, provider: string) =>
    error('response-schema-json-schema', `${path} is JSON Schema, which ${provider}'s responseSchema refuses with 400; put the schema in generationConfig.responseJsonSchema`),
  openAiTool: (path: string, provider: string) =>
    error('openai-tool', `${path} is an OpenAI function tool, not a ${provider} Tool; give {functionDeclarations: [{name, description, parametersJsonSchema}]}`),
  partFor: (path: string, type: string, provider: string, want: string) =>
    error('unknown-part', `${path} ${q(type)} is not a content block of ${provider}: ${want}`),

  // ---- whole file ----
  tooManyBytes: (bytes: number, max: number, provider: string) =>
    error('file-too-large', `file is ${n(bytes)} bytes, over the ${provider} limit of ${n(max)} bytes`),
  tooManyLines: (lines: number, max: number, provider: string) =>
    error('too-many-requests', `file has ${n(lines)} requests, over the ${provider} limit of ${n(max)}`),
  tooManyUnits: (units: number, max: number, provider: string) =>
    error('too-many-inputs', `file has ${n(units)} embedding inputs across its requests, over the ${provider} limit of ${n(max)} per batch`),
  tooFewLines: (lines: number, min: number, provider: string) =>
    warning('few-records', `file has ${n(lines)} record(s); a ${provider} batch job needs at least ${n(min)} by default`),
};

/**
 * JSON.parse's reason, made readable on a long line: V8 quotes the input in some messages
 * ("Unexpected token '}', "{…" is not valid JSON") — drop the quote — and counts from 0
 * ("at position 7") — say column 8 like an editor.
 */
export function jsonReason(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return raw
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position (\d+)/, (_m, p: string) => ` at column ${Number(p) + 1}`)
    .replace(/ after JSON at position (\d+)/, (_m, p: string) => ` after the JSON value at column ${Number(p) + 1}`);
}

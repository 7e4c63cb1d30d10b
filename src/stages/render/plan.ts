/**
 * A batch's render plan, built once: the request spec with template holes, arranged by the
 * provider profile into a line tree, serialized into constant fragments. Per row, only the holes
 * are rendered; the custom_id and message contents are checked as they are filled.
 */
import { filterValue } from './filter-value.js';
import type { ContentSpec, ResolvedBatch, TemplateText } from '../../config/resolved.js';
import { BatchforgeError, E, problem, type Problem } from '../../errors/index.js';
import type { RequestSpec } from '../../providers/profile.js';
import { specProblems } from '../../providers/spec-issues.js';
import type { Row } from '../load/row.js';
import type { RenderEnvironment } from './environment.js';
import { compileFragments, type Fragments } from './fragments.js';
import { hashIdHole } from './hash-id.js';
import { isBlankEscaped, jsonString } from './json-text.js';
import { compileTemplate, isConstant, RowError } from './template.js';
import { Hole, type Json, type Tree } from './tree.js';

export interface RenderedRequest {
  customId: string;
  /** the JSONL line, without newline */
  line: string;
}

export interface RequestPlan {
  fragments: Fragments;
  /** true when the row passes source.filter (always true without a filter) */
  keep(row: Row): boolean;
  render(row: Row): RenderedRequest;
  /**
   * render, with the line written into `buf` from `at` as UTF-8 (no newline) instead of returned:
   * the custom_id and the offset where the line ends. Writing its pieces one by one skips joining
   * them into one string and measuring it (Buffer.byteLength flattens the joined string, then the
   * write encodes it again). Undefined when the line might not fit before buf.length (what was
   * written is then garbage): call render. Throws what render throws.
   */
  renderInto(row: Row, buf: Buffer, at: number): EncodedRequest | undefined;
}

export interface EncodedRequest {
  customId: string;
  /** where the line ends in the buffer (exclusive) */
  end: number;
}

const ID_ROLE = 'custom_id';
/** stops at the first visible character: no copy of the value, unlike trim() */
const NOT_BLANK = /\S/;

/** Compiles every template of a plan, collecting all problems before failing. */
class Compiler {
  readonly problems: Problem[] = [];
  constructor(
    readonly env: RenderEnvironment,
    readonly matrix: Record<string, Json>,
  ) {}

  hole(tpl: TemplateText, role: string): Hole {
    try {
      return compileTemplate(this.env, tpl, role, this.matrix);
    } catch (e) {
      if (!(e instanceof BatchforgeError)) throw e;
      this.problems.push(...e.problems);
      return new Hole(() => '', tpl.name, role);
    }
  }
}

function templateTree(c: Compiler, tpl: TemplateText, role: string): Tree {
  return isConstant(tpl.text) && !tpl.file ? tpl.text : c.hole(tpl, role);
}

/** A JSON value whose string leaves containing {{ }} become holes. */
function jsonTree(c: Compiler, v: Json, owner: TemplateText['location'], name: string): Tree {
  if (typeof v === 'string') {
    return isConstant(v) ? v : c.hole({ text: v, name, location: { ...owner, path: name.split(' ').pop()! } }, name);
  }
  if (Array.isArray(v)) return v.map((x, i) => jsonTree(c, x, owner, `${name}[${i}]`));
  if (v && typeof v === 'object') {
    const out: { [k: string]: Tree } = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonTree(c, x, owner, `${name}.${k}`);
    return out;
  }
  return v;
}

function contentTree(c: Compiler, batch: ResolvedBatch, content: ContentSpec, path: string): Tree {
  if (!Array.isArray(content)) return templateTree(c, content, `${path}.content`);
  const loc = batch.at(['messages']);
  return content.map((part, i) => jsonTree(c, part, loc, `${loc.file} ${path}.content[${i}]`));
}

export function buildPlan(env: RenderEnvironment, batch: ResolvedBatch): RequestPlan {
  const c = new Compiler(env, batch.variant);
  // The id is always a hole, even when constant, so that it can be checked per row.
  const idSpec = batch.customId;
  const idHole = 'hash' in idSpec ? hashIdHole(idSpec, batch.variant) : c.hole(idSpec, ID_ROLE);
  const paramsLoc = batch.at(['params']);
  const params: Record<string, Tree> = {};
  for (const [k, v] of Object.entries(batch.params)) params[k] = jsonTree(c, v, paramsLoc, `${paramsLoc.file} params.${k}`);
  const spec: RequestSpec = { endpoint: batch.endpoint, model: batch.model, params, customId: idHole, ...(batch.apiVersion !== undefined && { apiVersion: batch.apiVersion }) };
  if (batch.messages) {
    spec.messages = batch.messages.map((m) => ({
      role: m.role,
      content: contentTree(c, batch, m.content, m.path),
      ...(m.name !== undefined && { name: m.name }),
    }));
  } else if (batch.input) {
    spec.input = Array.isArray(batch.input)
      ? batch.input.map((t, i) => templateTree(c, t, `input[${i}]`))
      : templateTree(c, batch.input, 'input');
  }
  const filter = batch.source.filter ? c.hole(batch.source.filter, 'source.filter') : undefined;
  if (c.problems.length) throw new BatchforgeError(c.problems);
  // What the provider cannot express (a missing max_tokens, an OpenAI-only param) is a config error, found once.
  const cannot = specProblems(batch.provider, spec, (path) => batch.at(path));
  if (cannot.length) throw new BatchforgeError(cannot);
  const fragments = compileFragments(batch.provider.line(spec));
  const { holes, parts } = fragments;
  // A provider without an id field (vertex) leaves the id out of its line; it is rendered on its own.
  const idInLine = batch.provider.idInLine !== false;
  const idSlot = holes.indexOf(idHole);
  if (idInLine !== idSlot >= 0) throw new Error(`provider ${batch.provider.name} ${idInLine ? 'dropped the custom_id from' : 'put the custom_id in'} its line`);
  // Whole message contents and inputs must not render empty: providers reject those requests.
  const required = holes.map((h) => /(^|\.)content$|^input(\[\d+\])?$/.test(h.role));
  const checkedId = (id: string, row: Row): string => {
    if (id === '') throw new RowError(problem(E.CustomIdEmpty, { template: 'text' in idSpec ? idSpec.text : '' }, row.origin));
    return id;
  };

  const contentEmpty = (i: number, row: Row, customId: string) =>
    new RowError(problem(E.ContentEmpty, { what: holes[i]!.role, id: customId || `row ${row.index + 1}` }, row.origin));
  // How each hole is written: the id as text (it is checked and returned as it is); a template
  // that renders JSON text itself (its constant text escaped once, at compile time); any other
  // value escaped whole.
  const ID = 0;
  const JSON_TEXT = 1;
  const TEXT = 2;
  const kinds = holes.map((h, i) => (i === idSlot ? ID : h.json ? JSON_TEXT : TEXT));
  // U+2028/2029 are valid in JSON but some line readers (Python's str.splitlines) split on them:
  // they are written as \u escapes, in the constant parts once and in each value as it is escaped.
  // A JSON_TEXT hole's quotes join the constant parts around it.
  const texts = parts.map((text) => text.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029')));
  kinds.forEach((kind, i) => {
    if (kind !== JSON_TEXT) return;
    texts[i] += '"';
    texts[i + 1] = '"' + texts[i + 1]!;
  });

  /** the JSON text of a hole other than the id, checked */
  const valueText = (i: number, row: Row, customId: string): string => {
    const hole = holes[i]!;
    if (kinds[i] === JSON_TEXT) {
      const text = hole.json!(row);
      if (required[i] && (hole.blank ? hole.blank(row) : isBlankEscaped(text))) throw contentEmpty(i, row, customId);
      return text;
    }
    const value = hole.render(row);
    if (required[i] && !NOT_BLANK.test(value)) throw contentEmpty(i, row, customId);
    return jsonString(value);
  };
  /** the JSON text of hole i, checked; the id's hole records the custom_id in `id` (render and renderInto share this step) */
  const holeText = (i: number, row: Row, id: { customId: string }): string =>
    i === idSlot ? jsonString((id.customId = checkedId(holes[i]!.render(row), row))) : valueText(i, row, id.customId);
  // the constant parts as UTF-8 once: copying bytes beats encoding the same text for every row
  const textBytes = texts.map((t) => Buffer.from(t));
  const firstBytes = textBytes[0]!.length;

  return {
    fragments,
    keep: filter ? (row) => filterValue(filter.render(row), row) : () => true,
    render(row: Row): RenderedRequest {
      let line = texts[0]!;
      const id = { customId: idInLine ? '' : checkedId(idHole.render(row), row) };
      for (let i = 0; i < holes.length; i++) line += holeText(i, row, id) + texts[i + 1]!;
      return { customId: id.customId, line };
    },
    renderInto(row: Row, buf: Buffer, at: number): EncodedRequest | undefined {
      if (buf.length - at < firstBytes) return undefined;
      let end = copyBytes(textBytes[0]!, buf, at);
      const id = { customId: idInLine ? '' : checkedId(idHole.render(row), row) };
      for (let i = 0; i < holes.length; i++) {
        const text = holeText(i, row, id);
        const after = textBytes[i + 1]!;
        // UTF-8 takes at most 3 bytes for each UTF-16 code unit
        if (buf.length - end < text.length * 3 + after.length) return undefined;
        end += buf.write(text, end);
        end = copyBytes(after, buf, end);
      }
      return { customId: id.customId, end };
    },
  };
}

/** Copies `bytes` into `buf` at `at`; returns where they end. A short copy is a loop: set()'s call costs more. */
function copyBytes(bytes: Buffer, buf: Buffer, at: number): number {
  const n = bytes.length;
  if (n < 32) for (let k = 0; k < n; k++) buf[at + k] = bytes[k]!;
  else buf.set(bytes, at);
  return at + n;
}

export { Hole };

/**
 * A batch's render plan, built once: the request spec with template holes, arranged by the
 * provider profile into a line tree, serialized into constant fragments. Per row, only the holes
 * are rendered; the custom_id and message contents are checked as they are filled.
 */
import type { ContentSpec, ResolvedBatch, TemplateText } from '../../config/resolved.js';
import { E, problem } from '../../errors/index.js';
import type { RequestSpec } from '../../providers/profile.js';
import type { Row } from '../load/row.js';
import type { RenderEnvironment } from './environment.js';
import { compileFragments, type Fragments } from './fragments.js';
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
}

const ID_ROLE = 'custom_id';

function templateTree(env: RenderEnvironment, tpl: TemplateText, role: string): Tree {
  return isConstant(tpl.text) && !tpl.file ? tpl.text : compileTemplate(env, tpl, role);
}

/** A JSON value whose string leaves containing {{ }} become holes. */
function jsonTree(env: RenderEnvironment, v: Json, owner: TemplateText['location'], name: string): Tree {
  if (typeof v === 'string') {
    return isConstant(v) ? v : compileTemplate(env, { text: v, name, location: { ...owner, path: name.split(' ').pop()! } }, name);
  }
  if (Array.isArray(v)) return v.map((x, i) => jsonTree(env, x, owner, `${name}[${i}]`));
  if (v && typeof v === 'object') {
    const out: { [k: string]: Tree } = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonTree(env, x, owner, `${name}.${k}`);
    return out;
  }
  return v;
}

function contentTree(env: RenderEnvironment, batch: ResolvedBatch, c: ContentSpec, path: string): Tree {
  if (!Array.isArray(c)) return templateTree(env, c, `${path}.content`);
  const loc = batch.at(['messages']);
  return c.map((part, i) => jsonTree(env, part, loc, `${loc.file} ${path}.content[${i}]`));
}

export function buildPlan(env: RenderEnvironment, batch: ResolvedBatch): RequestPlan {
  // The id is always a hole, even when constant, so that it can be checked per row.
  const idHole = compileTemplate(env, batch.customId, ID_ROLE);
  const paramsLoc = batch.at(['params']);
  const params: Record<string, Tree> = {};
  for (const [k, v] of Object.entries(batch.params)) params[k] = jsonTree(env, v, paramsLoc, `${paramsLoc.file} params.${k}`);
  const spec: RequestSpec = { endpoint: batch.endpoint, model: batch.model, params, customId: idHole };
  if (batch.messages) {
    spec.messages = batch.messages.map((m) => ({
      role: m.role,
      content: contentTree(env, batch, m.content, m.path),
      ...(m.name !== undefined && { name: m.name }),
    }));
  } else if (batch.input) {
    spec.input = Array.isArray(batch.input)
      ? batch.input.map((t, i) => templateTree(env, t, `input[${i}]`))
      : templateTree(env, batch.input, 'input');
  }
  const fragments = compileFragments(batch.provider.line(spec));
  const { holes, parts } = fragments;
  const idSlot = holes.indexOf(idHole);
  if (idSlot < 0) throw new Error(`provider ${batch.provider.name} dropped the custom_id from its line`);
  // Whole message contents and inputs must not render empty: providers reject those requests.
  const required = holes.map((h) => /(^|\.)content$|^input(\[\d+\])?$/.test(h.role));
  const filter = batch.source.filter ? compileTemplate(env, batch.source.filter, 'source.filter') : undefined;

  return {
    fragments,
    keep: filter ? (row) => filter.render(row).trim() === 'true' : () => true,
    render(row: Row): RenderedRequest {
      let line = parts[0]!;
      let customId = '';
      for (let i = 0; i < holes.length; i++) {
        const value = holes[i]!.render(row);
        if (i === idSlot) {
          customId = value;
          if (value === '') throw new RowError(problem(E.CustomIdEmpty, { template: batch.customId.text }, row.origin));
        } else if (required[i] && value.trim() === '') {
          throw new RowError(problem(E.ContentEmpty, { what: holes[i]!.role, id: customId || `row ${row.index + 1}` }, row.origin));
        }
        line += JSON.stringify(value) + parts[i + 1]!;
      }
      return { customId, line };
    },
  };
}

export { Hole };

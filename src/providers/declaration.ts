/**
 * What one provider's request body accepts at one endpoint, declared as data: every parameter a
 * config may give (in OpenAI's words, as the config's `params` are written), where it goes in the
 * provider's body, or why it is refused and what to use instead. The build translates and refuses
 * params by it, `validate` checks the keys of any line by it, `stats` reads where the output bound
 * lives from it — so the three cannot disagree.
 */
import { E, problem } from '../errors/index.js';
import type { Tree } from '../stages/render/tree.js';
import { suggest } from '../util/suggest.js';
import type { SpecIssue } from './profile.js';

export interface ParamRule {
  /** the provider's key: the config's own name (accepted) or another (translated); a dotted path nests it (generationConfig.topP) */
  to?: string;
  /** why it is refused and what to use instead; set only when `to` is not */
  instead?: string;
}

export interface BodyDeclaration {
  /** the API version or documentation the declaration follows, shown in messages and the README */
  follows: string;
  /** config param → rule; a param not listed is unknown to the provider */
  params: Readonly<Record<string, ParamRule>>;
  /** body keys batchforge writes itself from model, messages and input (never from params) */
  structural: readonly string[];
  /** the body keys (dotted paths) that bound a request's output tokens, first found wins: stats' upper bound */
  outputLimit?: readonly string[];
  /**
   * 'warning' for OpenAI-compatible servers documented to pass extra parameters to the model
   * (vLLM, Together, Fireworks): an unknown key may be theirs, so it is flagged, not refused.
   */
  unknown?: 'error' | 'warning';
}

/** Params the provider takes under the config's own name. */
export function accept(...keys: string[]): Record<string, ParamRule> {
  return Object.fromEntries(keys.map((k) => [k, { to: k }]));
}

/** Params the provider takes under another name: {seed: 'random_seed'}. */
export function rename(map: Record<string, string>): Record<string, ParamRule> {
  return Object.fromEntries(Object.entries(map).map(([k, to]) => [k, { to }]));
}

/** Params the provider refuses, each with what to do instead. */
export function refuse(map: Record<string, string>): Record<string, ParamRule> {
  return Object.fromEntries(Object.entries(map).map(([k, instead]) => [k, { instead }]));
}

/** The top-level body keys a provider's line may carry: structural keys and every param target. */
export function bodyKeys(decl: BodyDeclaration): Set<string> {
  const keys = new Set(decl.structural);
  for (const r of Object.values(decl.params)) if (r.to !== undefined) keys.add(r.to.split('.')[0]!);
  return keys;
}

/**
 * The issues of a config's params against a declaration: unknown keys (with the closest known
 * name), refused keys (with what to use instead) and two keys that land on one target.
 */
export function paramIssues(provider: string, decl: BodyDeclaration, params: Readonly<Record<string, unknown>>): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const known = Object.keys(decl.params).filter((k) => decl.params[k]!.to !== undefined);
  const targets = new Map<string, string>();
  for (const key of Object.keys(params)) {
    const path = ['params', key];
    const rule = Object.hasOwn(decl.params, key) ? decl.params[key]! : undefined;
    if (!rule) {
      // servers that pass extra parameters on (vLLM, Together, Fireworks) get them as given
      if (decl.unknown === 'warning') continue;
      const suggestion = suggest(key, known);
      const p = problem(E.ParamUnknown, { provider, key, follows: decl.follows, ...(suggestion !== undefined && { suggestion }) });
      issues.push({ path, problem: p });
    } else if (rule.to === undefined) {
      issues.push({ path, problem: problem(E.ParamRefused, { provider, key, follows: decl.follows, instead: rule.instead ?? '' }) });
    } else {
      const other = targets.get(rule.to);
      if (other !== undefined) issues.push({ path, problem: problem(E.ParamTwice, { provider, key, other, target: rule.to }) });
      else targets.set(rule.to, key);
    }
  }
  return issues;
}

/** Sets `value` at a dotted path in `body`, creating the objects on the way; false when the path was already set. */
export function setPath(body: Record<string, unknown>, path: string, value: unknown): boolean {
  const keys = path.split('.');
  let at = body;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (at[last] !== undefined) return false;
  at[last] = value;
  return true;
}

/**
 * A translation that changes the value, not only the name: the body paths and values it writes
 * (OpenAI's response_format becomes two generationConfig fields), or undefined after pushing an
 * issue about the value.
 */
export type Convert = (value: Tree, issues: SpecIssue[]) => Record<string, Tree> | undefined;

/**
 * Writes params into `body` under the provider's names. Refused and unknown params are skipped
 * (paramIssues reports them), except where the declaration passes unknown keys on. A path written
 * twice — generationConfig given whole and temperature beside it — is an issue.
 */
export function placeParams(
  decl: BodyDeclaration,
  params: Readonly<Record<string, Tree>>,
  body: { [k: string]: Tree },
  issues: SpecIssue[],
  convert: Readonly<Record<string, Convert>> = {},
): void {
  const targets = new Set<string>();
  for (const [key, v] of Object.entries(params)) {
    const rule = Object.hasOwn(decl.params, key) ? decl.params[key]! : undefined;
    if (rule ? rule.to === undefined : decl.unknown !== 'warning') continue;
    // two params declared onto one target (max_tokens, max_completion_tokens): paramIssues names them
    if (rule?.to !== undefined && targets.has(rule.to)) continue;
    if (rule?.to !== undefined) targets.add(rule.to);
    const writes = Object.hasOwn(convert, key) ? convert[key]!(v, issues) : { [rule?.to ?? key]: v };
    for (const [path, value] of Object.entries(writes ?? {})) {
      if (!setPath(body, path, value)) issues.push({ path: ['params', key], problem: problem(E.ParamSetTwice, { key, target: path }) });
    }
  }
}

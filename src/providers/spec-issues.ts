/**
 * Config-time checks of a request spec against its provider, in one place: the API version, the
 * params by the provider's body declaration (unknown, refused, given twice), then what a
 * translating profile (anthropic, gemini, bedrock, …) finds while it translates — one function
 * does both, so `check` and `line` can never disagree: `check` returns the issues, `line` returns
 * the tree and refuses to guess when there are issues.
 */
import { BatchforgeError, E, problem, type Location, type Problem } from '../errors/index.js';
import type { Tree } from '../stages/render/tree.js';
import { paramIssues } from './declaration.js';
import type { ProviderProfile, RequestSpec, SpecIssue } from './profile.js';

export interface Translation {
  tree: Tree;
  issues: SpecIssue[];
}

export type Translate = (spec: RequestSpec) => Translation;

/** `check` and `line` for a profile from its one translate function. */
export function translatedBy(translate: Translate): Pick<ProviderProfile, 'check' | 'line'> {
  return {
    check: (spec) => translate(spec).issues,
    line: (spec) => {
      const { tree, issues } = translate(spec);
      if (issues.length) throw new BatchforgeError(issues.map((i) => i.problem));
      return tree;
    },
  };
}

/** A spec issue as a config Problem located where `at` puts its key path. */
export function issueProblem(issue: SpecIssue, at?: (path: SpecIssue['path']) => Location): Problem {
  const location = at?.(issue.path);
  return location ? { ...issue.problem, location } : issue.problem;
}

/** A spec issue from a catalogue entry. */
export function issue<A>(path: SpecIssue['path'], entry: Parameters<typeof problem<A>>[0], args: A): SpecIssue {
  return { path, problem: problem(entry, args) };
}

/** Every config-time issue of a spec, unlocated (validate and tests read these). */
export function specIssues(provider: ProviderProfile, spec: RequestSpec): SpecIssue[] {
  const versions = provider.apiVersions;
  if (spec.apiVersion !== undefined) {
    if (!versions) return [issue(['api_version'], E.ApiVersionNone, { provider: provider.name })];
    if (!versions.includes(spec.apiVersion)) {
      return [issue(['api_version'], E.ApiVersionUnknown, { provider: provider.name, version: spec.apiVersion, known: [...versions] })];
    }
  }
  const decl = provider.body(spec.endpoint, spec.apiVersion);
  return [...paramIssues(provider.name, decl, spec.params), ...(provider.check?.(spec) ?? [])];
}

/** Every config-time problem a profile finds in a spec, located in the config. */
export function specProblems(provider: ProviderProfile, spec: RequestSpec, at: (path: SpecIssue['path']) => Location): Problem[] {
  return specIssues(provider, spec).map((i) => issueProblem(i, at));
}

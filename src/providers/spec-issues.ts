/**
 * Translating profiles (anthropic, gemini, bedrock, …) find what they cannot express while they
 * translate; one function does both, so `check` and `line` can never disagree. `check` returns
 * the issues; `line` returns the tree and refuses to guess when there are issues.
 */
import { BatchforgeError, E, problem, type Location, type Problem } from '../errors/index.js';
import type { Tree } from '../stages/render/tree.js';
import type { ProviderProfile, RequestSpec, SpecIssue } from './profile.js';

export interface Translation {
  tree: Tree;
  issues: SpecIssue[];
}

export type Translate = (spec: RequestSpec) => Translation;

/** `check` and `line` for a profile from its one translate function. */
export function translatedBy(provider: string, translate: Translate): Pick<ProviderProfile, 'check' | 'line'> {
  return {
    check: (spec) => translate(spec).issues,
    line: (spec) => {
      const { tree, issues } = translate(spec);
      if (issues.length) throw new BatchforgeError(issues.map((i) => issueProblem(provider, i)));
      return tree;
    },
  };
}

/** A spec issue as a config Problem; `at` maps the issue's key path to a place in the config. */
export function issueProblem(provider: string, issue: SpecIssue, at?: (path: SpecIssue['path']) => Location): Problem {
  return problem(E.ProviderCannotMap, { provider, detail: issue.message, ...(issue.hint !== undefined && { hint: issue.hint }) }, at?.(issue.path));
}

/** Every config-time problem a profile finds in a spec, located in the config. */
export function specProblems(provider: ProviderProfile, spec: RequestSpec, at: (path: SpecIssue['path']) => Location): Problem[] {
  return (provider.check?.(spec) ?? []).map((i) => issueProblem(provider.name, i, at));
}

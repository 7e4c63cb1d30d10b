/**
 * The config rules, in the order a user would fix things, and the one runner that applies each
 * to each config entry once — before the matrix expands, so a 3-variant matrix without a model
 * says "model is not set" once.
 */
import type { Problem } from '../../errors/index.js';
import { configProblem, type ConfigDocument, type KeyPath } from '../document.js';
import type { ConfigEntry } from '../normalize-entries.js';
import { batchNamesUnique } from './batch-names-unique.js';
import { endpointFitsProvider } from './endpoint-fits-provider.js';
import { limitsWithinProvider } from './limits-within-provider.js';
import { matrixAxesFit } from './matrix-axes-fit.js';
import { messageHasOneContent } from './message-has-one-content.js';
import { messagesXorInput } from './messages-xor-input.js';
import { modelIsSet } from './model-is-set.js';
import { noReservedParams } from './no-reserved-params.js';
import { providerIsKnown } from './provider-is-known.js';
import { rolesAreKnown } from './roles-are-known.js';
import type { Rule, RuleContext } from './rule.js';
import { sourceIsSet } from './source-is-set.js';
import { templateFilesExist } from './template-files-exist.js';

export const RULES: readonly Rule[] = [
  matrixAxesFit,
  providerIsKnown,
  modelIsSet,
  sourceIsSet,
  messagesXorInput,
  endpointFitsProvider,
  limitsWithinProvider,
  noReservedParams,
  rolesAreKnown,
  messageHasOneContent,
  templateFilesExist,
];

export interface RuleFindings {
  errors: Problem[];
  warnings: Problem[];
}

export function checkEntries(cd: ConfigDocument, entries: readonly ConfigEntry[], where: { dir: string; cwd: string }): RuleFindings {
  const found: RuleFindings = { errors: [], warnings: [] };
  // entries that take a key from the top level share its location: the same finding once
  const seen = new Set<string>();
  const push = (list: Problem[]) => (p: Problem, path: KeyPath, onKey = false) => {
    const located = configProblem(cd, p, path, onKey);
    const key = `${located.code}\0${located.location?.line}:${located.location?.column}\0${located.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push(located);
  };
  const ctx: RuleContext = { ...where, error: push(found.errors), warn: push(found.warnings) };
  batchNamesUnique(entries, ctx);
  for (const entry of entries) for (const rule of RULES) rule(entry, ctx);
  return { errors: inFileOrder(found.errors), warnings: inFileOrder(found.warnings) };
}

function inFileOrder(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
}

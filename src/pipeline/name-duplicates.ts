/**
 * Duplicate ids are found with 64-bit fingerprints only, so a failing run names the row that used
 * each duplicated id first by reading the group's outcomes once more (an error path only), and
 * only then makes the problems it reports: what a user reads is the final text.
 */
import { E, problem, type Problem } from '../errors/index.js';
import { formatOrigin, type Origin } from '../stages/load/row.js';
import { UniqueIds, type UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { groupOutcomes } from './outcomes.js';
import type { PreparedGroup } from './prepare.js';

/** The origin (`data/x.csv:4`) of each id's first request in the group, for the ids asked about. */
export async function firstUses(group: PreparedGroup, wanted: ReadonlySet<string>, ids: UniqueIdsOptions): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const unique = new UniqueIds(ids);
  try {
    outer: for await (const { outcomes } of groupOutcomes(group, { ids: unique })) {
      for (const o of outcomes) {
        if (o.id === undefined || !wanted.has(o.id) || found.has(o.id)) continue;
        found.set(o.id, formatOrigin(o.row.origin));
        if (found.size === wanted.size) break outer;
      }
    }
  } finally {
    unique.dispose();
  }
  return found;
}

/** A duplicate reported as found (its id's first row unknown yet), at position `at` of the problems shown. */
export interface PendingDuplicate {
  at: number;
  id: string;
  origin: Origin;
}

/** The problems shown, with each pending duplicate replaced by its named problem: a new array. */
export async function nameDuplicates(
  group: PreparedGroup,
  shown: readonly Problem[],
  pending: readonly PendingDuplicate[],
  ids: UniqueIdsOptions,
): Promise<readonly Problem[]> {
  if (pending.length === 0) return shown;
  const first = await firstUses(group, new Set(pending.map((d) => d.id)), ids);
  const named = [...shown];
  for (const d of pending) named[d.at] = duplicateProblem(d.id, d.origin, first.get(d.id));
  return named;
}

/** The problem for a duplicate id at `here`, given where it was first used (if that row was found). */
export function duplicateProblem(id: string, here: Origin, first: string | undefined): Problem {
  if (first === undefined) return problem(E.CustomIdCollision, { id }, here);
  if (first === formatOrigin(here)) return problem(E.CustomIdTwiceInRow, { id }, here);
  return problem(E.CustomIdDuplicate, { id, first }, here);
}

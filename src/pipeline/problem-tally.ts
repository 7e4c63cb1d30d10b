/**
 * The errors a command shows, capped the same way everywhere: distinct ones up to a limit, and
 * the same error at the same place (a template bug hits every row) shown SAME_PROBLEM_SHOWN
 * times, then counted. build stops reading at the cap; stats reads on and only counts.
 */
import { E, formatLocation, problem, type Problem } from '../errors/index.js';

/** distinct errors reported before a failing build stops reading */
export const MAX_PROBLEMS = 20;
/** the same error at the same place is shown this often, then counted */
export const SAME_PROBLEM_SHOWN = 3;

export class ProblemTally {
  private readonly shown: Problem[] = [];
  private readonly same = new Map<string, { count: number; first: Problem }>();
  private capped = false;

  /** `overflow`: what to say once, when an error beyond the limit comes (nothing when undefined) */
  constructor(
    private readonly limit: number,
    private readonly overflow?: Problem,
  ) {}

  /** the errors shown so far */
  get count(): number {
    return this.shown.length;
  }

  /** Counts an error; false once it is past the limit (the caller stops, or only counts on). */
  add(p: Problem): boolean {
    if (this.capped) return false;
    const key = `${p.code} ${p.location ? formatLocation(p.location) : ''}`;
    const seen = this.same.get(key);
    if (seen) {
      if (++seen.count > SAME_PROBLEM_SHOWN) return true;
    } else this.same.set(key, { count: 1, first: p });
    if (this.shown.length >= this.limit) {
      this.capped = true;
      return false;
    }
    this.shown.push(p);
    return true;
  }

  /** What to report, in order: the errors shown, the overflow note, then the counts of repeats. */
  finish(shown: readonly Problem[] = this.shown): Problem[] {
    const out = [...shown];
    if (this.capped && this.overflow) out.push(this.overflow);
    for (const { count, first } of this.same.values()) {
      if (count > SAME_PROBLEM_SHOWN) out.push(problem(E.SameProblemMore, { more: count - SAME_PROBLEM_SHOWN, code: first.code }, first.location));
    }
    return out;
  }

  /** the errors shown, for a caller that replaces some before finish (duplicates named with their first row) */
  get problems(): readonly Problem[] {
    return this.shown;
  }
}

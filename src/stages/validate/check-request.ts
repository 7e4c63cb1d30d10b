/**
 * Per-request checks before a line is written. The request's shape (roles, model, endpoint,
 * params) is fixed by the config and checked once when the config is resolved; what varies per
 * row is the id and the size, checked here.
 */
import { E, problem, type Problem } from '../../errors/index.js';
import type { CustomIdRule } from '../../providers/profile.js';
import type { Origin } from '../load/row.js';
import { UniqueIds } from './unique-ids.js';

export class RequestValidator {
  constructor(
    private readonly provider: string,
    private readonly rule: CustomIdRule,
    private readonly maxBytes: number,
    /** ids must be unique across a whole fan-out: variants share one set */
    readonly ids: UniqueIds = new UniqueIds(),
  ) {}

  /** The id rule and uniqueness; a duplicate's first row is found later (see findFirstRows). */
  checkId(id: string, origin: Origin): Problem | undefined {
    return this.checkIdRule(id, origin) ?? this.checkUnique(id, origin);
  }

  /** The provider's rule for ids (length, characters). */
  checkIdRule(id: string, origin: Origin): Problem | undefined {
    const { rule } = this;
    if (rule.maxBytes !== undefined && (id.length > rule.maxBytes || Buffer.byteLength(id) > rule.maxBytes)) {
      return problem(E.CustomIdRule, { id, provider: this.provider, rule: rule.describe }, origin);
    }
    if (rule.pattern && !rule.pattern.test(id)) {
      return problem(E.CustomIdRule, { id, provider: this.provider, rule: rule.describe }, origin);
    }
    return undefined;
  }

  /** Registers the id; a problem when an earlier request had it. */
  checkUnique(id: string, origin: Origin): Problem | undefined {
    if (!this.ids.add(id)) return problem(E.CustomIdDuplicate, { id, first: 'an earlier row' }, origin);
    return undefined;
  }

  /** A line must fit a shard on its own, newline included. */
  checkSize(id: string, bytes: number, origin: Origin): Problem | undefined {
    if (bytes > this.maxBytes) return problem(E.RequestTooLarge, { id, bytes, max: this.maxBytes }, origin);
    return undefined;
  }
}

/**
 * The provider's unit cap over the whole file (OpenAI: 50,000 embedding inputs across all the
 * requests of an embeddings batch), counted the way the build counts them (src/providers/units.ts).
 */
import { bodyUnits, maxUnits } from '../../providers/units.js';
import { E, problem } from '../../errors/index.js';
import { type RuleFactory, isObject } from './rule.js';

export const checkUnits: RuleFactory = ({ shape, profile }, report) => {
  if (!profile?.limits.maxUnits) return undefined;
  let units = 0;
  let cap: number | undefined;
  return {
    check(line) {
      const body = line[shape.bodyKey];
      const url = typeof line.url === 'string' ? line.url : profile.defaultEndpoint;
      const max = maxUnits(profile, url);
      if (max === undefined || !isObject(body)) return;
      cap = max;
      units += bodyUnits(body);
    },
    finish() {
      if (cap !== undefined && units > cap) report(0, problem(E.FileTooManyInputs, { units, max: cap, provider: profile.name }));
    },
  };
};

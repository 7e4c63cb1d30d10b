/** Top-level keys of a line, from the family's declared shape: present, typed, nothing unknown. */
import { M } from '../messages.js';
import { type RuleFactory, isObject } from './rule.js';

export const checkShape: RuleFactory = ({ shape }, report) => {
  const allowed = shape.fields.map((f) => f.key);
  return {
    check(line, no) {
      for (const f of shape.fields) {
        const v = line[f.key];
        if (v === undefined) {
          if (f.required) report(no, M.missingKey(f.key));
        } else if (f.type === 'object' ? !isObject(v) : typeof v !== 'string') {
          report(no, M.wrongType(f.key, f.type === 'object' ? 'an object' : 'a string', v));
        } else if (f.equals !== undefined && v !== f.equals) {
          report(no, M.wrongValue(f.key, f.equals, v));
        }
      }
      for (const key in line) if (!allowed.includes(key)) report(no, M.unknownKey(key, shape.family, allowed));
    },
  };
};

/** Top-level keys of a line, from the family's declared shape: present, typed, nothing unknown. */
import { E, problem } from '../../errors/index.js';
import { type RuleFactory, isObject, jsonType } from './rule.js';

export const checkShape: RuleFactory = ({ shape }, report) => {
  const allowed = shape.fields.map((f) => f.key);
  return {
    check(line, no) {
      for (const f of shape.fields) {
        const v = line[f.key];
        if (v === undefined) {
          if (f.required) report(no, problem(E.LineKeyMissing, { key: f.key }));
        } else if (f.type === 'object' ? !isObject(v) : typeof v !== 'string') {
          report(no, problem(E.LineWrongType, { path: f.key, want: f.type === 'object' ? 'an object' : 'a string', got: jsonType(v) }));
        } else if (f.equals !== undefined && v !== f.equals) {
          report(no, problem(E.LineWrongValue, { path: f.key, want: f.equals, value: v }));
        }
      }
      for (const key in line) if (!allowed.includes(key)) report(no, problem(E.LineKeyUnknown, { key, family: shape.family, allowed }, undefined, 'warning'));
    },
  };
};

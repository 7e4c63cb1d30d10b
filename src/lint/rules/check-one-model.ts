/**
 * Providers that run one model per batch (profile.oneModelPerFile) reject a file whose lines
 * disagree: every url and body.model must equal the first one seen in the file.
 */
import { E, problem } from '../../errors/index.js';
import { type RuleFactory, isObject } from './rule.js';

export const checkOneModel: RuleFactory = ({ shape, profile }, report) => {
  if (!profile?.oneModelPerFile) return undefined;
  let url: { value: string; line: number } | undefined;
  let model: { value: string; line: number } | undefined;
  return {
    check(line, no) {
      if (shape.family === 'openai' && typeof line.url === 'string') {
        if (!url) url = { value: line.url, line: no };
        else if (line.url !== url.value) report(no, problem(E.LineUrlMismatch, { url: line.url, first: url.value, firstLine: url.line, provider: profile.name }));
      }
      const body = line[shape.bodyKey];
      if (isObject(body) && typeof body.model === 'string') {
        if (!model) model = { value: body.model, line: no };
        else if (body.model !== model.value) report(no, problem(E.LineModelMismatch, { model: body.model, first: model.value, firstLine: model.line, provider: profile.name }));
      }
    },
  };
};

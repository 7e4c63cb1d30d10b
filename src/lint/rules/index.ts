/** The line rules, in the order their findings appear for one line. */
import { checkEndpoint } from './check-endpoint.js';
import { checkOneModel } from './check-one-model.js';
import { checkOpenAiBody } from './check-openai-body.js';
import { checkRequestId } from './check-request-id.js';
import { checkShape } from './check-shape.js';
import type { RuleFactory } from './rule.js';

export type { LineRule, RuleFactory } from './rule.js';

export const lineRules: readonly RuleFactory[] = [checkShape, checkEndpoint, checkRequestId, checkOneModel, checkOpenAiBody];

/** The line rules, in the order their findings appear for one line. */
import { checkBodyDeclaration } from './check-body-keys.js';
import { checkEndpoint } from './check-endpoint.js';
import { checkOneModel } from './check-one-model.js';
import { checkOpenAiBody } from './check-openai-body.js';
import { checkRequestId } from './check-request-id.js';
import { checkShape } from './check-shape.js';
import { checkUnits } from './check-units.js';
import type { RuleFactory } from './rule.js';

export type { LineRule, RuleFactory } from './rule.js';

export const lineRules: readonly RuleFactory[] = [checkShape, checkEndpoint, checkRequestId, checkOneModel, checkOpenAiBody, checkBodyDeclaration, checkUnits];

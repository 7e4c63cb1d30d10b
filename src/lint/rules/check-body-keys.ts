/**
 * Every request body against its provider's declaration (src/providers/declaration.ts), the one
 * the build translates by: a key the provider does not have (named with the closest it has), a
 * key it refuses (with what to use instead), a config name it calls otherwise (seed on Mistral),
 * and a body in the wrong family's shape (an OpenAI chat body on a Gemini line).
 */
import { bodyKeys, type BodyDeclaration } from '../../providers/declaration.js';
import type { ProviderProfile } from '../../providers/profile.js';
import { suggest } from '../../util/suggest.js';
import type { Report } from '../finding.js';
import { E, problem } from '../../errors/index.js';
import { checkClaudeBody } from './body-claude.js';
import { checkGeminiBody } from './body-gemini.js';
import { type RuleFactory, isObject } from './rule.js';

/** Converse's own keys: a Bedrock body with one of them is a Converse request */
const CONVERSE_KEYS = ['inferenceConfig', 'additionalModelRequestFields', 'toolConfig', 'guardrailConfig', 'performanceConfig', 'promptVariables', 'requestMetadata'];

/** The endpoint a line's body is for: its url, or for Bedrock what the body looks like. */
function endpointOf(profile: ProviderProfile, line: Record<string, unknown>, body: Record<string, unknown>): string | undefined {
  if (typeof line.url === 'string') return profile.endpoints.includes(line.url) ? line.url : undefined;
  if (profile.name === 'bedrock') {
    if (body.anthropic_version !== undefined) return 'InvokeModel';
    const first = Array.isArray(body.messages) && isObject(body.messages[0]) && Array.isArray(body.messages[0].content) ? body.messages[0].content[0] : undefined;
    return CONVERSE_KEYS.some((k) => k in body) || (isObject(first) && first.type === undefined) ? 'Converse' : 'InvokeModel';
  }
  return profile.defaultEndpoint;
}

export function checkBodyKeys(body: Record<string, unknown>, prefix: string, provider: string, decl: BodyDeclaration, no: number, report: Report): void {
  const keys = bodyKeys(decl);
  if (!keys.has('messages') && body.messages !== undefined && body.contents === undefined) {
    report(no, problem(E.LineOpenAiBody, { path: prefix, provider, want: 'contents: [{role, parts: [{text}]}] and generationConfig' }));
    return;
  }
  // a body for the job's model: providers whose job names it may still find it in the line (Fireworks, Gemini tolerate no model key)
  const known = [...keys];
  for (const key of Object.keys(body)) {
    // stream: true has its own finding (stream-refused)
    if (keys.has(key) || key === 'model' || key === 'stream') continue;
    const path = `${prefix}.${key}`;
    const rule = Object.hasOwn(decl.params, key) ? decl.params[key]! : undefined;
    if (rule?.to !== undefined) report(no, problem(E.LineParamRenamed, { path, provider, to: rule.to }));
    else if (rule?.instead !== undefined) report(no, problem(E.ParamRefused, { path, provider, follows: decl.follows, instead: rule.instead, key }));
    else {
      const suggestion = suggest(key, known);
      report(no, problem(E.ParamUnknown, { path, provider, follows: decl.follows, key, ...(suggestion !== undefined && { suggestion }) }, undefined, decl.unknown ?? 'error'));
    }
  }
}

export const checkBodyDeclaration: RuleFactory = ({ shape, profile, apiVersion }, report) => {
  if (!profile) return undefined;
  return {
    check(line, no) {
      const body = line[shape.bodyKey];
      if (!isObject(body)) return;
      const endpoint = endpointOf(profile, line, body);
      if (endpoint === undefined) return;
      // the API version the file will be sent with: --api-version, else the provider's default
      const decl = profile.body(endpoint, profile.apiVersions ? apiVersion : undefined);
      checkBodyKeys(body, shape.bodyKey, profile.name, decl, no, report);
      if (profile.name === 'anthropic' || (profile.name === 'bedrock' && endpoint === 'InvokeModel')) checkClaudeBody(body, shape.bodyKey, profile.name, no, report);
      if (profile.family === 'gemini' || profile.family === 'vertex') checkGeminiBody(body, shape.bodyKey, profile.name, no, report);
    },
  };
};

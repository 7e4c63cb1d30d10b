/**
 * Gemini API batch mode (file input): `{key, request}` lines, `request` a GenerateContentRequest
 * (see gemini-request.ts). The job names the model, so a build writes one file set per model.
 * Input files may be up to 2 GB; no request count is documented.
 */
import { geminiBody, geminiRequest } from './gemini-request.js';
import { limitsFor } from './limits.js';
import { OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';
import { translatedBy } from './spec-issues.js';

const body = geminiBody('Gemini API batch mode docs, @google/genai 2.32.0', []);

export const gemini: ProviderProfile = {
  name: 'gemini',
  family: 'gemini',
  title: 'Gemini API batch mode',
  endpoints: ['generateContent'],
  defaultEndpoint: 'generateContent',
  messageEndpoints: ['generateContent'],
  roles: OPENAI_ROLES,
  limits: limitsFor(2_000_000_000),
  customId: { describe: 'any non-empty string, unique in the file' },
  oneModelPerFile: true,
  body: () => body,
  ...translatedBy((spec) => {
    const { tree, issues } = geminiRequest(spec, 'gemini', body);
    return { tree: { key: spec.customId, request: tree }, issues };
  }),
};

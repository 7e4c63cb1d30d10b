/**
 * Vertex AI batch prediction (JSONL input): `{request}` lines with a GenerateContentRequest (see
 * gemini-request.ts). There is no id field — each result echoes its request — so the line leaves
 * the id out (idInLine: false) while the build still renders, checks and records every
 * custom_id in request order, to join results back. 1 GB and 200,000 requests per file are
 * second-hand figures.
 */
import { geminiBody, geminiRequest } from './gemini-request.js';
import { limitsFor } from './limits.js';
import { OPENAI_ROLES } from './openai-shape.js';
import type { ProviderProfile } from './profile.js';
import { translatedBy } from './spec-issues.js';

const body = geminiBody('Vertex AI batch prediction docs, @google/genai 2.32.0', ['labels']);

export const vertex: ProviderProfile = {
  name: 'vertex',
  family: 'vertex',
  title: 'Vertex AI batch prediction',
  endpoints: ['generateContent'],
  defaultEndpoint: 'generateContent',
  messageEndpoints: ['generateContent'],
  roles: OPENAI_ROLES,
  limits: limitsFor(1_000_000_000, 200_000),
  customId: { describe: 'any non-empty string, unique in the build (kept in the manifest, not in the file)' },
  oneModelPerFile: true,
  idInLine: false,
  body: () => body,
  ...translatedBy((spec) => {
    const { tree, issues } = geminiRequest(spec, 'vertex', body);
    return { tree: { request: tree }, issues };
  }),
};

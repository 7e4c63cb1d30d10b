/**
 * A Gemini or Vertex GenerateContentRequest's structured output: `responseSchema` takes only
 * the OpenAPI subset (upper-case type names, no additionalProperties) and the API answers a JSON
 * Schema there with 400 "Unknown name additional_properties"; JSON Schema belongs in
 * `responseJsonSchema`. Tools must be Gemini Tools, not OpenAI function tools.
 */
import type { Report } from '../finding.js';
import { E, problem } from '../../errors/index.js';
import { isObject } from './rule.js';

/** the first JSON Schema habit in a schema that the OpenAPI subset refuses, as a path */
function jsonSchemaHabit(v: unknown, path: string): string | undefined {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = jsonSchemaHabit(v[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(v)) return undefined;
  if ('additionalProperties' in v) return `${path}.additionalProperties`;
  if (typeof v.type === 'string' && v.type !== v.type.toUpperCase()) return `${path}.type`;
  for (const [k, x] of Object.entries(v)) {
    const found = jsonSchemaHabit(x, `${path}.${k}`);
    if (found) return found;
  }
  return undefined;
}

export function checkGeminiBody(body: Record<string, unknown>, prefix: string, provider: string, no: number, report: Report): void {
  const config = body.generationConfig;
  if (isObject(config) && config.responseSchema !== undefined) {
    const habit = jsonSchemaHabit(config.responseSchema, `${prefix}.generationConfig.responseSchema`);
    if (habit) report(no, problem(E.LineJsonSchemaInResponseSchema, { path: habit, provider }));
  }
  if (Array.isArray(body.tools)) {
    body.tools.forEach((t, i) => {
      if (isObject(t) && t.type === 'function') report(no, problem(E.LineOpenAiTool, { path: `${prefix}.tools[${i}]`, provider }));
    });
  }
}

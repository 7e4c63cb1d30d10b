/** The line families, most specific first: detection takes the first whose signature fits. */
import type { LineFamily } from '../../providers/profile.js';
import { anthropicShape } from './anthropic.js';
import { bedrockShape } from './bedrock.js';
import { customIdBodyShape } from './custom-id-body.js';
import { geminiShape } from './gemini.js';
import { openaiShape } from './openai.js';
import type { FamilyShape } from './shape.js';
import { vertexShape } from './vertex.js';

export type { FamilyShape, FieldSpec } from './shape.js';

export const familyShapes: readonly FamilyShape[] = [
  openaiShape,
  anthropicShape,
  customIdBodyShape,
  geminiShape,
  bedrockShape,
  vertexShape,
];

export const familyNames: readonly LineFamily[] = familyShapes.map((s) => s.family);

export function shapeOf(family: LineFamily): FamilyShape {
  const shape = familyShapes.find((s) => s.family === family);
  if (!shape) throw new Error(`no line shape declared for family ${family}`);
  return shape;
}

/** The family a parsed line looks like; undefined when no signature fits. */
export function detectFamily(line: Record<string, unknown>): FamilyShape | undefined {
  return familyShapes.find((s) => s.signatures.some((keys) => keys.every((k) => Object.hasOwn(line, k))));
}

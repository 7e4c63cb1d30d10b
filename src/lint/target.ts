/**
 * What a file is checked against: a line family's shape, plus the provider's profile (endpoints,
 * limits, id rule) when one is registered. `--provider` takes a provider name or a family name;
 * without it each file's first parseable line decides.
 */
import { BatchforgeError, E, problem } from '../errors/index.js';
import type { ProviderProfile } from '../providers/profile.js';
import { getProvider, providerNames } from '../providers/registry.js';
import { suggest } from '../util/suggest.js';
import { type FamilyShape, detectFamily, familyNames, familyShapes, shapeOf } from './families/index.js';

export interface LintTarget {
  /** provider name, or the family name when no profile is registered */
  name: string;
  shape: FamilyShape;
  profile?: ProviderProfile;
  /** --api-version: the bodies are checked against that version's declaration */
  apiVersion?: string;
}

function forShape(shape: FamilyShape): LintTarget {
  const profile = getProvider(shape.defaultProvider);
  return profile && profile.family === shape.family
    ? { name: profile.name, shape, profile }
    : { name: shape.family, shape };
}

/** The target for `--provider NAME`; an unknown name is a usage error with a suggestion. */
export function resolveTarget(name: string): LintTarget {
  const profile = getProvider(name);
  if (profile) return { name: profile.name, shape: shapeOf(profile.family), profile };
  const shape = familyShapes.find((s) => s.family === name);
  if (shape) return forShape(shape);
  const known = [...providerNames, ...familyNames.filter((f) => !providerNames.includes(f))];
  const suggestion = suggest(name, known);
  throw new BatchforgeError(
    problem(E.LintUnknownProvider, suggestion ? { provider: name, known, suggestion } : { provider: name, known }),
  );
}

/** The target a file's first parseable line implies; the OpenAI shape when nothing fits. */
export function detectTarget(firstLine: unknown): LintTarget {
  const shape =
    typeof firstLine === 'object' && firstLine !== null && !Array.isArray(firstLine)
      ? detectFamily(firstLine as Record<string, unknown>)
      : undefined;
  return forShape(shape ?? shapeOf('openai'));
}

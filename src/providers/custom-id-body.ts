/**
 * The `{custom_id, body}` line family (Together, Mistral, Fireworks): the OpenAI line without
 * method and url — the job names the endpoint — and, where the job names the model, a body
 * without `model`.
 */
import { openAiBody } from './openai-shape.js';
import type { RequestSpec } from './profile.js';
import type { Tree } from '../stages/render/tree.js';

export function customIdBodyLine(opts: { modelInBody: boolean }): (spec: RequestSpec) => Tree {
  return (spec) => {
    const body = openAiBody(spec);
    if (!opts.modelInBody) delete body.model;
    return { custom_id: spec.customId, body };
  };
}

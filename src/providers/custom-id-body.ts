/**
 * The `{custom_id, body}` line family (Together, Mistral, Fireworks): the OpenAI line without
 * method and url — the job names the endpoint — and, where the job names the model, a body
 * without `model`.
 */
import { openAiBody } from './openai-shape.js';
import type { ProviderProfile, RequestSpec } from './profile.js';
import type { Tree } from '../stages/render/tree.js';

export function customIdBodyLine(opts: { modelInBody: boolean; body: ProviderProfile['body'] }): (spec: RequestSpec) => Tree {
  return (spec) => {
    const body = openAiBody(spec, opts.body(spec.endpoint, spec.apiVersion));
    if (!opts.modelInBody) delete body.model;
    return { custom_id: spec.customId, body };
  };
}

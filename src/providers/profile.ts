/**
 * A provider profile is a small declarative description of one batch API: its line shape,
 * endpoints, limits and id rule. Stages read profiles; adding a provider is one file in this
 * folder plus its line in registry.ts.
 */
import type { Problem } from '../errors/index.js';
import type { Tree } from '../stages/render/tree.js';
import type { BodyDeclaration } from './declaration.js';

export interface CustomIdRule {
  /** maximum length in bytes (UTF-8) */
  maxBytes?: number;
  /** the id must match this whole */
  pattern?: RegExp;
  /** in words, for messages: "at most 64 bytes of visible ASCII" */
  describe: string;
}

export interface ProviderLimits {
  /** bytes per file when output.max_bytes is not set (100 MB for every provider, capped at max) */
  defaultMaxBytes: number;
  /** the provider's own ceiling per file */
  maxBytes: number;
  /** requests per file; undefined = no documented limit */
  maxLines?: number;
  /**
   * a third per-file limit on units a line carries, by endpoint: OpenAI counts embedding inputs
   * across all requests of a batch (50,000); see lineUnits
   */
  maxUnits?: Readonly<Record<string, number>>;
  /** fewer requests than this in one job: a warning (Bedrock's default per-job minimum) */
  minLines?: number;
}

/** The static shape of one request, before any row is rendered: leaves may be template holes. */
export interface RequestSpec {
  endpoint: string;
  model: string;
  /** constant or templated body parameters, in config order */
  params: Record<string, Tree>;
  /** chat endpoints */
  messages?: Array<{ role: string; content: Tree; name?: string }>;
  /** embeddings / completions / responses */
  input?: Tree;
  /** the custom_id hole */
  customId: Tree;
  /** the config's api_version (anthropic); unset = the provider's default */
  apiVersion?: string;
}

/** Line families: which top-level keys a JSONL line has. */
export type LineFamily =
  /** {custom_id, method, url, body}: openai, azure, groq, doubleword, vllm */
  | 'openai'
  /** {custom_id, body}: together, mistral, fireworks */
  | 'custom-id-body'
  /** {custom_id, params}: anthropic message batches */
  | 'anthropic'
  /** {key, request}: gemini API */
  | 'gemini'
  /** {request}: vertex AI */
  | 'vertex'
  /** {recordId, modelInput}: bedrock */
  | 'bedrock';

export interface ProviderProfile {
  name: string;
  family: LineFamily;
  /** a sentence for the README table and messages */
  title: string;
  endpoints: readonly string[];
  defaultEndpoint: string;
  /** the endpoint used when the config has `input:` and no messages */
  inputEndpoint?: string;
  roles: readonly string[];
  limits: ProviderLimits;
  customId: CustomIdRule;
  /** the provider needs one model (and one url) per file */
  oneModelPerFile: boolean;
  /**
   * Endpoints that take `messages` (the rest take `input`). Unset: the OpenAI rule, endpoints
   * ending in /chat/completions or /responses. See endpointTakesMessages.
   */
  messageEndpoints?: readonly string[];
  /** endpoints whose request fields all come from params (vLLM score/rerank): no messages or input needed */
  paramsOnlyEndpoints?: readonly string[];
  /** custom_id template when the config sets none (default `request-{{@index}}`), for id rules that forbid "-" */
  defaultCustomId?: string;
  /**
   * false: the line carries no id (Vertex AI: results echo the request instead). The plan still
   * renders and checks the custom_id per row, for the manifest's order → custom_id map.
   */
  idInLine?: boolean;
  /**
   * Config-time problems with the request's static shape, e.g. a missing params.max_tokens or a
   * param the provider has no equivalent for. Called once per build before `line`; `line` may
   * assume it found nothing.
   */
  check?(spec: RequestSpec): SpecIssue[];
  /** turn a request spec into the tree of one JSONL line (holes stay holes) */
  line(spec: RequestSpec): Tree;
  /** what the request body accepts at an endpoint (and API version, where the provider has several) */
  body(endpoint: string, apiVersion?: string): BodyDeclaration;
  /** the API versions a config may choose with `api_version`, the default first */
  apiVersions?: readonly string[];
}

/** One problem with a request spec, at a key path relative to the batch: ['params', 'max_tokens']. */
export interface SpecIssue {
  path: Array<string | number>;
  /** a catalogue problem without a location; the plan adds the config location of `path` */
  problem: Problem;
}

/** Whether an endpoint takes chat messages (else input), by the profile's list or the OpenAI rule. */
export function endpointTakesMessages(p: ProviderProfile, endpoint: string): boolean {
  if (p.messageEndpoints) return p.messageEndpoints.includes(endpoint);
  return endpoint.endsWith('/chat/completions') || endpoint.endsWith('/responses');
}

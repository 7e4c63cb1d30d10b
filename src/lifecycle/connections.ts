/**
 * How to reach each provider's batch API: which official SDK, the default base URL, and the
 * environment variables for the key and a base-URL override. Keys come only from the
 * environment and are handed straight to the SDK client: never stored, logged or printed.
 * Precedence for the base URL: environment variable > config `base_url` > default.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { BatchforgeError, E, problem } from '../errors/index.js';

export type Env = Record<string, string | undefined>;

/** SDK client tuning; tests use `{ maxRetries: 0, timeout: 5000 }`. */
export interface ClientTuning {
  maxRetries?: number;
  /** per request, milliseconds */
  timeout?: number;
}

export interface ConnectOptions {
  env: Env;
  /** config `base_url`: one for every provider, or per provider name */
  baseUrl?: string | Readonly<Record<string, string>>;
  sdk?: ClientTuning;
}

interface ConnectionSpec {
  sdk: 'openai' | 'anthropic';
  keyVar: string;
  baseUrlVar?: string;
  defaultBaseUrl: (env: Env) => string;
  /** `purpose` of the uploaded input file */
  purpose: string;
}

function azureBaseUrl(env: Env): string {
  const endpoint = env.AZURE_OPENAI_ENDPOINT;
  if (!endpoint) throw new BatchforgeError(problem(E.AzureEndpointMissing, { variable: 'AZURE_OPENAI_ENDPOINT' }));
  // Azure's v1 API mirrors OpenAI's paths under /openai/v1 and takes the key as a bearer token.
  return `${endpoint.replace(/\/+$/, '')}/openai/v1`;
}

const fixed = (url: string) => () => url;

export const connections: Readonly<Record<string, ConnectionSpec>> = {
  openai: { sdk: 'openai', keyVar: 'OPENAI_API_KEY', baseUrlVar: 'OPENAI_BASE_URL', defaultBaseUrl: fixed('https://api.openai.com/v1'), purpose: 'batch' },
  azure: { sdk: 'openai', keyVar: 'AZURE_OPENAI_API_KEY', defaultBaseUrl: azureBaseUrl, purpose: 'batch' },
  groq: { sdk: 'openai', keyVar: 'GROQ_API_KEY', baseUrlVar: 'GROQ_BASE_URL', defaultBaseUrl: fixed('https://api.groq.com/openai/v1'), purpose: 'batch' },
  doubleword: { sdk: 'openai', keyVar: 'DOUBLEWORD_API_KEY', baseUrlVar: 'DOUBLEWORD_BASE_URL', defaultBaseUrl: fixed('https://api.doubleword.ai/v1'), purpose: 'batch' },
  // Together takes OpenAI-style files and batches, but names the upload purpose `batch-api`.
  together: { sdk: 'openai', keyVar: 'TOGETHER_API_KEY', baseUrlVar: 'TOGETHER_BASE_URL', defaultBaseUrl: fixed('https://api.together.xyz/v1'), purpose: 'batch-api' },
  anthropic: { sdk: 'anthropic', keyVar: 'ANTHROPIC_API_KEY', baseUrlVar: 'ANTHROPIC_BASE_URL', defaultBaseUrl: fixed('https://api.anthropic.com'), purpose: '' },
};

export type Connection =
  | { sdk: 'openai'; provider: string; baseUrl: string; purpose: string; client: OpenAI }
  | { sdk: 'anthropic'; provider: string; baseUrl: string; client: Anthropic };

function configBaseUrl(provider: string, baseUrl: ConnectOptions['baseUrl']): string | undefined {
  if (typeof baseUrl === 'string') return baseUrl;
  return baseUrl && Object.hasOwn(baseUrl, provider) ? baseUrl[provider] : undefined;
}

/** The base URL and key variable a provider would use, without creating a client. */
export function resolveEndpoint(provider: string, opts: ConnectOptions): { baseUrl: string; keyVar: string } {
  const spec = Object.hasOwn(connections, provider) ? connections[provider] : undefined;
  if (!spec) {
    throw new BatchforgeError(problem(E.NoBatchApi, { provider, known: Object.keys(connections) }));
  }
  const fromEnv = spec.baseUrlVar ? opts.env[spec.baseUrlVar] : undefined;
  const baseUrl = fromEnv || configBaseUrl(provider, opts.baseUrl) || spec.defaultBaseUrl(opts.env);
  return { baseUrl, keyVar: spec.keyVar };
}

export function connect(provider: string, opts: ConnectOptions): Connection {
  const { baseUrl, keyVar } = resolveEndpoint(provider, opts);
  const spec = connections[provider]!;
  const apiKey = opts.env[keyVar];
  if (!apiKey) throw new BatchforgeError(problem(E.ApiKeyMissing, { provider, variable: keyVar }));
  const tuning = { maxRetries: opts.sdk?.maxRetries ?? 3, timeout: opts.sdk?.timeout ?? 120_000 };
  if (spec.sdk === 'anthropic') {
    // authToken: null keeps the SDK from picking up ANTHROPIC_AUTH_TOKEN from process.env behind our back.
    const client = new Anthropic({ apiKey, authToken: null, baseURL: baseUrl, ...tuning });
    return { sdk: 'anthropic', provider, baseUrl, client };
  }
  const client = new OpenAI({ apiKey, baseURL: baseUrl, organization: null, project: null, ...tuning });
  return { sdk: 'openai', provider, baseUrl, purpose: spec.purpose, client };
}

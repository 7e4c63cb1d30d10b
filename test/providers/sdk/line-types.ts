/**
 * One JSONL line of each provider, typed with the provider's own SDK request types. The committed
 * built-lines.generated.ts holds lines batchforge built, each as an object literal that
 * `satisfies` its line type, so `npm run typecheck` (tsc) judges every line by the SDK: a missing
 * field, a wrong type or an unknown key (excess property) fails the build of the test suite.
 * Only the outermost wrapper is ours — each provider's batch file format — and each is written
 * from the provider's batch documentation.
 */
import type { BatchCreateParams as MessageBatchCreateParams } from '@anthropic-ai/sdk/resources/messages/batches';
import type { MessageCreateParamsBase, MessageParam, ToolChoice, ToolUnion } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ConverseRequest } from '@aws-sdk/client-bedrock-runtime';
import type { Content, GenerationConfig, SafetySetting, Tool, ToolConfig } from '@google/genai';
import type { ChatCompletionRequest$Outbound } from '@mistralai/mistralai/models/components';
import type { ChatCompletionCreateParamsNonStreaming as GroqChat } from 'groq-sdk/resources/chat/completions';
import type { ChatCompletionCreateParamsNonStreaming as OpenAiChat } from 'openai/resources/chat/completions';
import type { EmbeddingCreateParams } from 'openai/resources/embeddings';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

interface OpenAiLine<Url extends string, Body> {
  custom_id: string;
  method: 'POST';
  url: Url;
  body: Body;
}

export type OpenAiChatLine = OpenAiLine<'/v1/chat/completions', OpenAiChat>;
export type AzureChatLine = OpenAiLine<'/chat/completions', OpenAiChat>;
export type OpenAiResponsesLine = OpenAiLine<'/v1/responses', ResponseCreateParamsNonStreaming>;
export type OpenAiEmbeddingsLine = OpenAiLine<'/v1/embeddings', EmbeddingCreateParams>;
export type GroqChatLine = OpenAiLine<'/v1/chat/completions', GroqChat>;

/** Together: the OpenAI chat body, model included; Fireworks: the same without model (the job names it). */
export type TogetherLine = { custom_id: string; body: OpenAiChat };
export type FireworksLine = { custom_id: string; body: Omit<OpenAiChat, 'model'> };

/**
 * Mistral's body on the wire (`$Outbound`, snake_case). `stream` is required there only because
 * the SDK's schema fills in its default (false); a batch line leaves it out.
 */
export type MistralLine = { custom_id: string; body: Omit<ChatCompletionRequest$Outbound, 'stream'> & { stream?: false } };

/** Anthropic Message Batches: one entry of `requests`, typed as @anthropic-ai/sdk 1.x sends it (API version 2026-10-21). */
export type AnthropicLine = MessageBatchCreateParams.Request;
/** API version 2023-06-01 also takes the sampling parameters the 1.x types dropped (see PROVIDERS.md). */
export type AnthropicLine20230601 = Omit<MessageBatchCreateParams.Request, 'params'> & {
  params: MessageBatchCreateParams.Request['params'] & { temperature?: number; top_p?: number; top_k?: number };
};

/**
 * A type as JSON carries it: bytes as base64 text where the SDK takes a Uint8Array, and a string
 * enum's values as the strings they are (`${FunctionCallingConfigMode}` is "AUTO" | "ANY" | …).
 */
type Wire<T> = T extends Uint8Array
  ? string
  : T extends string
    ? `${T}`
    : T extends Array<infer U>
      ? Array<Wire<U>>
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** The REST GenerateContentRequest, from @google/genai's types of its parts. */
export interface GenerateContentRequest {
  contents: Content[];
  systemInstruction?: Content;
  generationConfig?: GenerationConfig;
  tools?: Tool[];
  toolConfig?: ToolConfig;
  safetySettings?: SafetySetting[];
  cachedContent?: string;
}
export type GeminiLine = { key: string; request: Wire<GenerateContentRequest> };
export type VertexLine = { request: Wire<GenerateContentRequest> & { labels?: Record<string, string> } };


/** Bedrock, Converse invocation type: a Converse request without modelId (the job names the model). */
export type BedrockConverseLine = { recordId: string; modelInput: Wire<Omit<ConverseRequest, 'modelId'>> };

/**
 * Bedrock, InvokeModel with Claude: exactly the keys AWS documents for Claude's Messages body,
 * their value types from @anthropic-ai/sdk.
 */
export type BedrockClaudeLine = {
  recordId: string;
  modelInput: {
    anthropic_version: 'bedrock-2023-05-31';
    anthropic_beta?: string[];
    max_tokens: number;
    system?: MessageCreateParamsBase['system'];
    messages: MessageParam[];
    temperature?: number;
    top_p?: number;
    top_k?: number;
    tools?: ToolUnion[];
    tool_choice?: ToolChoice;
    stop_sequences?: string[];
  };
};

import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/stages/render/tree.js';
import { gemini } from '../../src/providers/gemini.js';
import { mimeTypeOfUrl } from '../../src/providers/gemini-request.js';
import { configProblems, lineOf, system, user } from './helpers.js';

const base = { provider: 'gemini', model: 'gemini-2.5-flash', custom_id: 'request-{{@index}}' };

describe('gemini', () => {
  it('writes {key, request} with contents of parts and no model', () => {
    expect(lineOf({ ...base, messages: [user('Describe the process of {{topic}}.')] }, { topic: 'photosynthesis' })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Describe the process of photosynthesis."}]}]}}',
    );
  });

  it('maps assistant to model and system/developer messages to systemInstruction parts', () => {
    expect(lineOf({ ...base, messages: [system('Be brief.'), { role: 'developer', content: 'Use French.' }, user('Hi'), { role: 'assistant', content: 'Salut' }, user('Why?')] })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Salut"}]},{"role":"user","parts":[{"text":"Why?"}]}],"systemInstruction":{"parts":[{"text":"Be brief."},{"text":"Use French."}]}}}',
    );
  });

  it('maps params into generationConfig in camelCase', () => {
    const params = { temperature: 0.7, top_p: 0.9, top_k: 40, max_tokens: 256, stop: 'END', n: 2, seed: 7, presence_penalty: 0.1, frequency_penalty: 0.2 };
    expect(lineOf({ ...base, params, messages: [user('Hi')] })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"temperature":0.7,"topP":0.9,"topK":40,"maxOutputTokens":256,"stopSequences":["END"],"candidateCount":2,"seed":7,"presencePenalty":0.1,"frequencyPenalty":0.2}}}',
    );
  });

  it('turns a JSON-schema response_format into responseMimeType and responseJsonSchema (JSON Schema as given), json_object into JSON', () => {
    const schema = { type: 'object', properties: { capital: { type: 'string' } }, required: ['capital'] };
    expect(lineOf({ ...base, params: { response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } } }, messages: [user('Hi')] })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"responseMimeType":"application/json","responseJsonSchema":{"type":"object","properties":{"capital":{"type":"string"}},"required":["capital"]}}}}',
    );
    expect(lineOf({ ...base, params: { response_format: { type: 'json_object' } }, messages: [user('Hi')] })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"responseMimeType":"application/json"}}}',
    );
  });

  it('gathers OpenAI function tools into one functionDeclarations tool with JSON Schema parameters, and tool_choice into toolConfig', () => {
    const tools: Json[] = [
      { type: 'function', function: { name: 'lookup', description: 'Look a word up', parameters: { type: 'object', properties: { word: { type: 'string' } }, additionalProperties: false } } },
      { type: 'function', function: { name: 'now' } },
      { googleSearch: {} },
    ];
    expect(lineOf({ ...base, params: { tools, tool_choice: { type: 'function', function: { name: 'lookup' } } }, messages: [user('Hi')] })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"tools":[{"functionDeclarations":[{"name":"lookup","description":"Look a word up","parametersJsonSchema":{"type":"object","properties":{"word":{"type":"string"}},"additionalProperties":false}},{"name":"now"}]},{"googleSearch":{}}],"toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["lookup"]}}}}',
    );
    for (const [choice, mode] of [['auto', 'AUTO'], ['none', 'NONE'], ['required', 'ANY']]) {
      expect(lineOf({ ...base, params: { tool_choice: choice! }, messages: [user('Hi')] })).toContain(`"toolConfig":{"functionCallingConfig":{"mode":"${mode}"}}`);
    }
    expect(configProblems({ ...base, params: { tool_choice: 'sometimes' }, messages: [user('Hi')] })).toEqual([
      ['params.tool_choice', 'params.tool_choice must be auto, none, required or {type: function, function: {name: …}}', 'the README section "Providers" shows each translated parameter with an example'],
    ]);
  });

  it('names a setting given both as an OpenAI param and inside generationConfig', () => {
    expect(configProblems({ ...base, params: { temperature: 0, generationConfig: { temperature: 1 } }, messages: [user('Hi')] })).toEqual([
      ['params.generationConfig', 'params.generationConfig sets generationConfig.temperature a second time', "give each setting once: either in the provider's own object or as an OpenAI-style param"],
    ]);
  });

  it('passes generationConfig and Gemini request fields through as given', () => {
    const params = { temperature: 0, generationConfig: { thinkingConfig: { thinkingBudget: 0 } }, safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }] };
    expect(lineOf({ ...base, params, messages: [user('Hi')] })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"temperature":0,"thinkingConfig":{"thinkingBudget":0}},"safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]}}',
    );
  });

  it('turns images into fileData parts: the media type given, or from a constant URL\'s extension; constant data: URLs into inlineData', () => {
    const content = [
      { type: 'text', text: 'Compare.' },
      { type: 'image_url', image_url: { url: 'gs://bucket/a.JPG' } },
      { type: 'image_url', image_url: { url: '{{b}}', mime_type: '{{b_type}}' } },
      { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGRg==' } },
    ];
    expect(lineOf({ ...base, messages: [{ role: 'user', content }] }, { b: 'https://example.com/b', b_type: 'image/png' })).toBe(
      '{"key":"request-0","request":{"contents":[{"role":"user","parts":[{"text":"Compare."},{"fileData":{"mimeType":"image/jpeg","fileUri":"gs://bucket/a.JPG"}},{"fileData":{"mimeType":"image/png","fileUri":"https://example.com/b"}},{"inlineData":{"mimeType":"image/webp","data":"UklGRg=="}}]}]}}',
    );
    expect(mimeTypeOfUrl('https://x.com/p.png?size=2')).toBe('image/png');
    expect(mimeTypeOfUrl('https://x.com/photo')).toBeUndefined();
  });

  it('asks for mime_type when an image\'s media type cannot be known before rendering', () => {
    const content = [{ type: 'image_url', image_url: { url: '{{img}}' } }, { type: 'image_url', image_url: { url: 'https://x.com/photo' } }];
    expect(configProblems({ ...base, messages: [{ role: 'user', content }] })).toEqual([
      ['messages[0].content[0].image_url.url', "gemini needs each image's media type, and a templated url is only known per row", 'add mime_type beside url in image_url: a constant such as image/jpeg, or a template such as "{{image_type}}"'],
      ['messages[0].content[1].image_url.url', 'gemini needs the media type of image "https://x.com/photo" and cannot tell it from the name', 'add mime_type (e.g. image/png) beside url in image_url'],
    ]);
  });

  it('names params it cannot map and a response_format it cannot read', () => {
    expect(configProblems({ ...base, params: { logit_bias: { 1: 2 }, response_format: '{{fmt}}' }, messages: [user('Hi')] })).toEqual([
      ['params.logit_bias', 'params.logit_bias is not accepted by gemini (Gemini API batch mode docs, @google/genai 2.32.0)', 'Gemini has no logit_bias; remove it'],
      ['params.response_format', 'params.response_format must be {type: json_schema, json_schema: {schema: …}}, {type: json_object} or {type: text}', 'the README section "Providers" shows each translated parameter with an example'],
    ]);
  });

  it('allows 2 GB files, one model per job, and any unique key', () => {
    expect(gemini.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 2_000_000_000 });
    expect(gemini.oneModelPerFile).toBe(true);
    expect(gemini.endpoints).toEqual(['generateContent']);
  });
});

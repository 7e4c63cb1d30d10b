#!/usr/bin/env node
// Workloads (b)-(f) of bench/workloads.mjs as a careful engineer would hand-write them in Node: the hand-rolled
// CSV parser (or JSON.parse per JSONL line) over 64 KB decoded chunks, template literals, JSON.stringify per
// request, lines batched into buffered writes, one shard series per matrix partition.
// Usage: node bench/jobs/node-jobs.mjs --job b --src records.jsonl --out DIR [--max-bytes N] [--max-lines N]
import { createReadStream, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRecords } from './csv-records.mjs';
import { ShardWriter } from './shard-files.mjs';

const system = (topic) => `You are a patient tutor for ${topic}. Answer in at most three sentences and cite the context when you use it.`;
const user = (r) => `Topic: ${r.topic}\nQuestion: ${r.question}\nContext: ${r.context}`;
const chat = (custom_id, body) => ({ custom_id, method: 'POST', url: '/v1/chat/completions', body });
const SHOTS = [['What is entropy?', 'definition'], ['Why does ice float?', 'explanation'],
  ['When did the Silk Road close?', 'history'], ['Show a prime number.', 'example']];
const SHOT_TEXT = SHOTS.map(([q, label]) => `Q: ${q} => ${label}\n`).join('');

/** job → (row, emit(partition, request)) */
const JOBS = {
  b(r, emit) {
    const m = r.meta;
    let text = m.hint ? `Hint: ${m.hint}\n` : '';
    text += `Topic: ${m.topic.toUpperCase()} (level ${m.level}; tags: ${r.tags.join(', ')})\n`;
    r.examples.forEach((ex, i) => (text += `Example ${i}: ${ex.q} → ${ex.a}\n`));
    text += `Question: ${r.question}\nContext: ${r.context}`;
    emit('batch', chat(`r-${r.id}`, {
      model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 256,
      messages: [{ role: 'system', content: `You answer questions about ${m.topic}.` }, { role: 'user', content: text }],
    }));
  },
  c(r, emit) {
    const sys = `You sort questions about ${r.topic} into one of: definition, explanation, history, example.\n${SHOT_TEXT}Answer with the label only.`;
    emit('batch', chat(`c-${r.id}`, {
      model: 'gpt-4o-mini', temperature: 0, max_tokens: 5,
      messages: [{ role: 'system', content: sys }, { role: 'user', content: `${r.question}\n${r.context}` }],
    }));
  },
  d(r, emit) {
    for (const model of ['gpt-4o-mini', 'gpt-4.1-mini']) {
      for (const temperature of [0, 0.7]) {
        emit(`batch.${model}`, chat(`q-${r.id}-${model}-${temperature}`, {
          model, max_tokens: 256, temperature,
          messages: [{ role: 'system', content: system(r.topic) }, { role: 'user', content: user(r) }],
        }));
      }
    }
  },
  e(r, emit) {
    emit('batch', { custom_id: `q-${r.id}`, params: {
      model: 'claude-3-5-haiku-latest', max_tokens: 256, system: system(r.topic),
      messages: [{ role: 'user', content: user(r) }],
    } });
  },
  f(r, emit) {
    emit('batch', { custom_id: `e-${r.id}`, method: 'POST', url: '/v1/embeddings', body: {
      model: 'text-embedding-3-small', dimensions: 512, input: [`${r.topic}: ${r.question}`, r.context],
    } });
  },
};

const { values } = parseArgs({
  options: {
    job: { type: 'string' },
    src: { type: 'string' },
    out: { type: 'string' },
    'max-bytes': { type: 'string', default: '100000000' },
    'max-lines': { type: 'string', default: '50000' },
  },
});
const job = JOBS[values.job];
if (!job) throw new Error(`--job must be one of ${Object.keys(JOBS).join(', ')}`);
mkdirSync(values.out, { recursive: true });
const writers = new Map();
const emit = (name, request) => {
  let w = writers.get(name);
  if (!w) writers.set(name, (w = new ShardWriter(values.out, Number(values['max-bytes']), Number(values['max-lines']), name)));
  w.add(JSON.stringify(request));
};
const drain = () => Promise.all([...writers.values()].map((w) => w.drain()));

const input = createReadStream(values.src, { highWaterMark: 1 << 16 });
input.setEncoding('utf8');
let rest = '';
if (values.src.endsWith('.csv')) {
  let columns = null;
  const onRecord = (fields) => {
    if (!columns) return void (columns = fields);
    const row = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = fields[i];
    job(row, emit);
  };
  for await (const chunk of input) {
    const text = rest + chunk;
    rest = text.slice(parseRecords(text, false, onRecord));
    await drain();
  }
  parseRecords(rest, true, onRecord);
} else {
  for await (const chunk of input) {
    const text = rest + chunk;
    let at = 0;
    for (let nl; (nl = text.indexOf('\n', at)) !== -1; at = nl + 1) if (nl > at) job(JSON.parse(text.slice(at, nl)), emit);
    rest = text.slice(at);
    await drain();
  }
  if (rest.trim()) job(JSON.parse(rest), emit);
}
await Promise.all([...writers.values()].map((w) => w.end()));

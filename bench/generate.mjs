#!/usr/bin/env node
// Writes a deterministic synthetic question set: DIR/questions.csv and DIR/questions.jsonl with the same rows.
// The rows are shaped to exercise a CSV reader honestly: commas and doubled quotes in most contexts, a quoted
// newline in about 1 row in 40, and some non-ASCII text so byte counts differ from character counts.
// With the `records` format also DIR/records.jsonl: the same rows nested, with tags and few-shot examples.
// Usage: node bench/generate.mjs [--rows 1000000] [--out bench/data/1000000] [--seed 42] [--formats csv,jsonl,records]
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const TOPICS = ['algebra', 'biology', 'chemistry', 'economics', 'geography', 'history', 'linguistics',
  'music theory', 'physics', 'statistics', 'astronomy', 'philosophy', 'café culture', 'Zürich transit',
  'naïve set theory', 'São Paulo history', 'Łódź architecture'];
const ASK = ['What is', 'Why does', 'How would you explain', 'When did', 'Who first described',
  'Where can we observe', 'Which factors affect'];
const SUBJECTS = ['the boiling point of water', 'compound interest', 'the French Revolution', 'plate tectonics',
  'a Fourier transform', 'the Krebs cycle', 'supply and demand', 'a minor seventh chord', 'the Doppler effect',
  'Bayes\' theorem', 'photosynthesis', 'the Silk Road', 'entropy', 'a prime number', 'the café au lait spot'];
const TAILS = ['in simple terms', 'for a ten-year-old', 'with one example', 'compared to its opposite',
  'in under fifty words', 'as a historian would', 'without formulas'];
const WORDS = ('according to the textbook however the measured value which was recorded at noon differs by ' +
  'a small margin from earlier estimates and several reviewers noted that the method assumes steady ' +
  'conditions résumé naïve façade über déjà vu coöperate').split(' ');
const QUOTES = ['approximately right', 'the usual caveat', 'see chapter 3 — not 4', 'not proven', 'café, not cafe'];

/** mulberry32: tiny, fast, and the same sequence on every machine for a given seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRow(id, rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const sentence = (n) => {
    const words = [];
    for (let i = 0; i < n; i++) words.push(pick(WORDS));
    return words.join(' ');
  };
  const question = `${pick(ASK)} ${pick(SUBJECTS)}, ${pick(TAILS)}?`;
  let context = `${sentence(8)}, ${sentence(6)}; the source says "${pick(QUOTES)}", and ${sentence(7)}.`;
  context += rand() < 0.025 ? `\n${sentence(9)}.` : ` ${sentence(9)}, ${sentence(5)}.`;
  return { id, topic: pick(TOPICS), question, context };
}

const HINTS = ['start from the definition', 'think of an everyday example', 'compare two cases', 'mind the units'];
const ANSWERS = ['It depends on pressure.', 'Money grows on money.', 'Rising prices meet falling demand.',
  'Plates move a few cm a year.', 'A sum of sines.', 'Energy spreads out.'];

/** The nested shape of workload (b): meta object, optional hint, tag list and few-shot examples. */
function makeRecord(row, rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const tags = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(TOPICS));
  const examples = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => ({ q: `${pick(ASK)} ${pick(SUBJECTS)}?`, a: pick(ANSWERS) }));
  const hint = rand() < 0.5 ? pick(HINTS) : null;
  return { id: row.id, meta: { topic: row.topic, level: 1 + Math.floor(rand() * 5), hint }, question: row.question, context: row.context, tags, examples };
}

const csvField = (s) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

async function write(stream, text) {
  if (!stream.write(text)) await once(stream, 'drain');
}

export async function generate({ rows, out, seed = 42, formats = ['csv', 'jsonl'] }) {
  mkdirSync(out, { recursive: true });
  const open = (name) => createWriteStream(join(out, name), { highWaterMark: 1 << 20 });
  const csv = formats.includes('csv') ? open('questions.csv') : null;
  const jsonl = formats.includes('jsonl') ? open('questions.jsonl') : null;
  const records = formats.includes('records') ? open('records.jsonl') : null;
  const rand = prng(seed);
  // a second sequence for the records' extra fields, so questions.* stay the same whichever formats are written
  const rand2 = prng(seed + 1);
  let recChunk = '';
  // Batch rows into ~1 MB strings: one stream.write per row would dominate the run time.
  let csvChunk = 'id,topic,question,context\n';
  let jsonChunk = '';
  for (let id = 1; id <= rows; id++) {
    const row = makeRow(id, rand);
    if (csv) csvChunk += `${id},${csvField(row.topic)},${csvField(row.question)},${csvField(row.context)}\n`;
    if (jsonl) jsonChunk += JSON.stringify(row) + '\n';
    if (records) recChunk += JSON.stringify(makeRecord(row, rand2)) + '\n';
    if (csvChunk.length + jsonChunk.length + recChunk.length > 1 << 20 || id === rows) {
      if (csv) await write(csv, csvChunk);
      if (jsonl) await write(jsonl, jsonChunk);
      if (records) await write(records, recChunk);
      csvChunk = '';
      jsonChunk = '';
      recChunk = '';
    }
  }
  if (csv && rows === 0) await write(csv, csvChunk);
  await Promise.all([csv, jsonl, records].filter(Boolean).map((s) => new Promise((resolve, reject) => {
    s.on('error', reject);
    s.end(resolve);
  })));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '42' },
      formats: { type: 'string', default: 'csv,jsonl' },
    },
  });
  const rows = Number(values.rows);
  await generate({
    rows,
    out: values.out ?? join('bench', 'data', String(rows)),
    seed: Number(values.seed),
    formats: values.formats.split(','),
  });
}

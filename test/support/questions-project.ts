/**
 * The small project the output-folder tests build again and again: a CSV of questions `id,q`
 * rendered one request a row, so each test states only what it changes.
 */
export const QUESTIONS_CONFIG = `model: gpt-4o-mini
params: { max_tokens: 20 }
source:
  path: data/q.csv
custom_id: "q-{{id}}"
messages:
  - role: user
    content: "{{q}}"
`;

/** `rows` questions, `${word} ${n}` each */
export const questionsCsv = (rows: number, word = 'question number') =>
  ['id,q', ...Array.from({ length: rows }, (_, i) => `${i + 1},${word} ${i + 1}`)].join('\n') + '\n';

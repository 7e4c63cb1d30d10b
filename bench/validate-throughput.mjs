// Throughput of `batchforge validate` on a generated file of realistic chat lines.
// Usage: npm run build && node bench/validate-throughput.mjs [MB=200] [--ascii]
// The file is written to bench/data/ (git-ignored) and reused.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFiles } from '../dist/lint/index.js';

const mb = Number(process.argv[2] ?? 200);
const ascii = process.argv.includes('--ascii');
const dir = fileURLToPath(new URL('./data/', import.meta.url));
const file = path.join(dir, `validate-chat-${mb}mb${ascii ? '-ascii' : ''}.jsonl`);

const words = `the quick brown fox jumps over lazy dog review product customer support ${ascii ? 'cafe naive resume nihon' : 'café naïve résumé 日本'} data batch model answer question summary`.split(' ');
if (!fs.existsSync(file)) {
  fs.mkdirSync(dir, { recursive: true });
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(' ');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let buf = [];
  for (let i = 0; bytes < mb * 1e6; i++) {
    const line = `${JSON.stringify({
      custom_id: `req-${String(i).padStart(7, '0')}`, method: 'POST', url: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 400, messages: [
        { role: 'system', content: 'You are a helpful assistant that summarises customer reviews in one sentence.' },
        { role: 'user', content: `Review #${i}: ${sentence(40 + Math.floor(rnd() * 60))}\n\nSummarise it.` },
      ] },
    })}\n`;
    buf.push(line);
    bytes += Buffer.byteLength(line);
    if (buf.length >= 10_000) { fs.writeSync(fd, buf.join('')); buf = []; }
  }
  fs.writeSync(fd, buf.join(''));
  fs.closeSync(fd);
}

const t0 = performance.now();
const { files, findings } = await lintFiles([file], { provider: 'doubleword' }, process.cwd());
const s = (performance.now() - t0) / 1000;
const f = files[0];
console.log(`${path.basename(file)}: ${f.lines.toLocaleString('en-US')} lines, ${(f.bytes / 1e6).toFixed(0)} MB in ${s.toFixed(2)} s = ${(f.bytes / 1e6 / s).toFixed(0)} MB/s, ${findings.length} findings, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

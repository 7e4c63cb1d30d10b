/**
 * A worker thread of a threaded group run (pipeline/thread-outcomes.ts). It gets the group as
 * plain data once, then parts of the source files cut at record boundaries: it parses a part with
 * the loader (the same readers, told where the part starts), says which rows pass source.filter,
 * and, once the build thread has placed the part's rows in the offset/limit window, drafts their
 * requests with the one per-row function (outcomes.ts `draft`: render, the id rule, the size).
 * Uniqueness and everything after are settled by the build thread, in row order.
 *
 * A part that cannot be read apart from the rest of its file is refused, and the build reads the
 * group again on one thread: bytes invalid in UTF-8, a CSV row that is faulty (after a stray
 * quote, where a record ends depends on everything before it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { draft, lanesOf, type Lane } from '../pipeline/outcomes.js';
import { passesFilter } from '../pipeline/rows.js';
import { readRows, type ReadOptions, type Row } from '../stages/load/index.js';
import { SourceDecoder } from '../stages/load/decode-text.js';
import { UniqueIds } from '../stages/validate/unique-ids.js';
import { EARLY, LINE, TOO_LARGE, type DraftChunk, type ParseReply, type ParseRequest, type RenderRequest, type ThreadInit } from './messages.js';
import { fromPlain } from './plain-group.js';

const init = workerData as ThreadInit;
const group = fromPlain(init.group);
// ids are registered by the build thread: these lanes only use the id rule and the size
const lanes = lanesOf(group, new UniqueIds());
const first = group.variants[0]!;
const held = new Map<number, Row[]>();
const port = parentPort!;

// messages are handled one after the other, in the order sent (parsing is async)
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ParseRequest | RenderRequest) => {
  queue = queue.then(async () => {
    try {
      if (m.type === 'parse') {
        const reply = await parse(m);
        port.postMessage(reply, [reply.passes.buffer as ArrayBuffer]);
      } else {
        const chunk = render(m);
        port.postMessage(chunk, [chunk.lines.buffer as ArrayBuffer, chunk.kinds.buffer as ArrayBuffer, chunk.bytes.buffer as ArrayBuffer, chunk.encoded.buffer as ArrayBuffer]);
      }
    } catch (e) {
      const err = e as Error;
      port.postMessage({ seq: m.seq, error: { message: err.message, ...(err.stack !== undefined && { stack: err.stack }) } });
    }
  });
});

async function parse(m: ParseRequest): Promise<ParseReply> {
  const file = group.files[m.file]!;
  const refuse = (why: string): ParseReply => ({ seq: m.seq, passes: new Uint8Array(0), refuse: `${file.display}: ${why}` });
  // a BOM only at the start of the file (later, U+FEFF is text); the encoding is UTF-8 (eligible)
  const decoder = new SourceDecoder({ encoding: 'utf-8', bom: m.first && file.decoding?.bom !== false });
  const text = decoder.decode(m.bytes, true);
  if (decoder.invalidAt !== undefined || decoder.encoding !== 'utf-8') return refuse('bytes that are not UTF-8');
  const opts: ReadOptions = {
    ...(first.batch.source.csv && { csv: first.batch.source.csv }),
    part: { line: m.line, ...(m.header && { header: m.header, recordDelimiter: m.crlf ? '\r\n' : '\n' }) },
    text: async function* () {
      yield text;
    },
    chunkRows: Number.MAX_SAFE_INTEGER,
  };
  const rows: Row[] = [];
  for await (const chunk of readRows([file], opts)) for (const row of chunk) rows.push(row);
  const csv = file.format === 'csv' || file.format === 'tsv';
  const passes = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (csv && row.fault) return refuse(`line ${row.origin.line} is faulty`);
    passes[i] = passesFilter(first.plan, row) ? 1 : 0;
  }
  held.set(m.seq, rows);
  return { seq: m.seq, passes };
}

function render(m: RenderRequest): DraftChunk {
  const rows = held.get(m.seq) ?? [];
  held.delete(m.seq);
  const { indices } = m;
  let admitted = 0;
  for (let i = 0; i < rows.length; i++) if (indices[i]! >= 0) admitted++;
  const n = admitted * lanes.length;
  const out: DraftChunk = {
    seq: m.seq,
    lines: new Int32Array(admitted),
    kinds: new Uint8Array(n),
    ids: new Array<string | null>(n),
    encoded: new Uint8Array(0),
    bytes: new Int32Array(n),
    problems: [],
    rows: [],
  };
  const text: string[] = [];
  let total = 0;
  let r = 0;
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const index = indices[i]!;
    if (index < 0) continue;
    const row = rows[i]!;
    row.index = index;
    out.lines[r] = row.origin.line;
    let troubled = false;
    for (const lane of lanes as Lane[]) {
      const d = draft(lane, row);
      out.ids[k] = d.id ?? null;
      if (d.problem) {
        out.kinds[k] = EARLY;
        out.problems.push(d.problem);
        troubled = true;
      } else if (d.tooLarge) {
        out.kinds[k] = TOO_LARGE;
        out.bytes[k] = d.bytes;
        out.problems.push(d.tooLarge);
        troubled = true;
      } else {
        out.kinds[k] = LINE;
        out.bytes[k] = d.bytes;
        total += d.bytes;
        text.push(d.line);
      }
      k++;
    }
    // the fields travel only with a problem: the rejects file shows them (as JSON: exact numbers stay exact)
    if (troubled) out.rows.push([r, row.fault ? null : JSON.stringify(row.data), row.raw ?? null, row.fault ?? null]);
    r++;
  }
  // one buffer of the chunk's lines, transferred: this thread encodes, the build thread only copies
  const buf = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const line of text) {
    at += buf.write(line, at);
    buf[at++] = 0x0a;
  }
  out.encoded = buf;
  return out;
}

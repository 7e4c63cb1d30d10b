/**
 * A worker thread of a threaded group run (pipeline/thread-outcomes.ts). It gets the group as
 * plain data once, then parts of the source files cut at record boundaries. It parses a part with
 * the loader (the same readers, told where the part starts) and drafts the requests of its
 * admitted rows with the one per-row function (outcomes.ts `draft`: render, the id rule, the size);
 * uniqueness and everything after are settled by the build thread, in row order. Without a
 * source.filter the build thread sends each row's @index with the part and rows are drafted as
 * they are read (they die young); with one, the worker first says which rows pass, and drafts once
 * the build thread has placed them in the offset/limit window.
 *
 * A part that cannot be read apart from the rest of its file is refused, and the build reads the
 * group again on one thread: bytes invalid in UTF-8, a faulty CSV row (after a stray quote, where
 * a record ends depends on everything before it), or a row count other than the build thread's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LineBuffer } from '../pipeline/line-buffer.js';
import { draft, lanesOf } from '../pipeline/outcomes.js';
import { passesFilter, readOptionsOf } from '../pipeline/rows.js';
import { readRows, type ReadOptions, type Row } from '../stages/load/index.js';
import { SourceDecoder } from '../stages/load/decode-text.js';
import { UniqueIds } from '../stages/validate/unique-ids.js';
import { EARLY, LINE, TOO_LARGE, type DraftChunk, type ParseReply, type ParseRequest, type Recycle, type RenderRequest, type ThreadInit } from './messages.js';
import { DECODE_PIECE } from './cut-parts.js';
import { fromPlain } from './plain-group.js';

const init = workerData as ThreadInit;
const group = fromPlain(init.group);
// ids are registered by the build thread: these lanes only use the id rule and the size
const lanes = lanesOf(group, new UniqueIds());
const first = group.variants[0]!;
/** parsed parts waiting for their window (filter runs) */
const held = new Map<number, Row[]>();
/** line buffers the build thread gave back */
const spare: ArrayBuffer[] = [];
const port = parentPort!;
/** rows per loader array: a small live set, so rows are collected young */
const CHUNK_ROWS = 256;

class Refused extends Error {}

// messages are handled one after the other, in the order sent (parsing is async)
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ParseRequest | RenderRequest | Recycle) => {
  if (m.type === 'recycle') {
    if (spare.length < 2) spare.push(m.buffer);
    return;
  }
  queue = queue.then(async () => {
    try {
      const reply = m.type === 'render' ? render(m) : await read(m);
      port.postMessage(reply, transfers(reply));
    } catch (e) {
      if (e instanceof Refused) {
        const reply: ParseReply = { seq: m.seq, passes: new Uint8Array(0), refuse: e.message };
        port.postMessage(reply);
        return;
      }
      const err = e as Error;
      port.postMessage({ seq: m.seq, error: { message: err.message, ...(err.stack !== undefined && { stack: err.stack }) } });
    }
  });
});

function transfers(r: ParseReply | DraftChunk): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  if (r.spent) list.push(r.spent);
  if ('kinds' in r) list.push(r.lines.buffer as ArrayBuffer, r.idLengths.buffer as ArrayBuffer, r.kinds.buffer as ArrayBuffer, r.bytes.buffer as ArrayBuffer, r.encoded.buffer as ArrayBuffer);
  else list.push(r.passes.buffer as ArrayBuffer);
  return list;
}

async function read(m: ParseRequest): Promise<ParseReply | DraftChunk> {
  const file = group.files[m.file]!;
  const refuse = (why: string) => new Refused(`${file.display}: ${why}`);
  // a BOM only at the start of the file (later, U+FEFF is text); the encoding is UTF-8 (eligible)
  const decoder = new SourceDecoder({ encoding: 'utf-8', bom: m.first && file.decoding?.bom !== false });
  const bytes = m.bytes;
  const spent = bytes.buffer as ArrayBuffer;
  // The text goes to the reader in pieces of at most DECODE_PIECE bytes, as a file's blocks do: a piece
  // stays an ordinary young object that dies with its rows (32K characters are 64 KiB at most);
  // the whole part's text, over V8's 128 KiB large-object size, was promoted and kept until a
  // full collection: 12–21 MB of dead text per worker (1M rows of workload (a): 4.5–5.0 s and
  // 174–186 MB peak RSS before, 4.2–4.5 s and 162 MB after).
  const valid = (piece: string): string => {
    if (decoder.invalidAt !== undefined || decoder.encoding !== 'utf-8') throw refuse('bytes that are not UTF-8');
    return piece;
  };
  const text = async function* (): AsyncGenerator<string> {
    // stream mode decodes about 30% faster than a final decode; end() finishes the part
    for (let at = 0; at < bytes.length; at += DECODE_PIECE) yield valid(decoder.decode(bytes.subarray(at, at + DECODE_PIECE)));
    yield valid(decoder.end());
  };
  // the batch's own read options (csv dialect), told where the part starts and handed its text
  const opts: ReadOptions = {
    ...readOptionsOf(first.batch, { scanned: 0, skipped: 0 }),
    part: { line: m.line, ...(m.header && { header: m.header, recordDelimiter: m.crlf ? '\r\n' : '\n' }) },
    text,
    chunkRows: CHUNK_ROWS,
  };
  const csv = file.format === 'csv' || file.format === 'tsv';
  const drafts = m.type === 'draft' ? new Drafts(m.seq) : undefined;
  const kept: Row[] = [];
  const passes: number[] = [];
  let n = 0;
  for await (const rows of readRows([file], opts)) {
    for (const row of rows) {
      if (csv && row.fault) throw refuse(`line ${row.origin.line} is faulty`);
      if (n >= m.rows) throw refuse(`more rows than counted (${m.rows})`);
      if (drafts) {
        const index = m.indices![n];
        if (index! >= 0) {
          row.index = index!;
          drafts.add(row);
        }
      } else {
        passes.push(passesFilter(first.plan, row) ? 1 : 0);
        kept.push(row);
      }
      n++;
    }
  }
  if (n !== m.rows) throw refuse(`${n} rows where ${m.rows} were counted`);
  if (drafts) return drafts.finish(spent);
  held.set(m.seq, kept);
  return { seq: m.seq, passes: Uint8Array.from(passes), spent };
}

function render(m: RenderRequest): DraftChunk {
  const rows = held.get(m.seq) ?? [];
  held.delete(m.seq);
  const drafts = new Drafts(m.seq);
  for (let i = 0; i < rows.length; i++) {
    const index = m.indices[i]!;
    if (index < 0) continue;
    rows[i]!.index = index;
    drafts.add(rows[i]!);
  }
  return drafts.finish();
}

/** A part's drafts, packed as they are made: each line is encoded at once, into one buffer. */
class Drafts {
  private readonly lines: number[] = [];
  private readonly kinds: number[] = [];
  private ids = '';
  private readonly idLengths: number[] = [];
  private readonly bytes: number[] = [];
  private readonly problems: DraftChunk['problems'] = [];
  private readonly rows: DraftChunk['rows'] = [];
  private readonly out: LineBuffer;

  constructor(private readonly seq: number) {
    const b = spare.pop();
    this.out = new LineBuffer(b ? Buffer.from(b) : Buffer.allocUnsafeSlow(256 * 1024));
  }

  add(row: Row): void {
    const r = this.lines.length;
    this.lines.push(row.origin.line);
    let troubled = false;
    for (const lane of lanes) {
      const d = draft(lane, row, this.out.target());
      if (d.id === undefined) this.idLengths.push(-1);
      else {
        this.ids += d.id;
        this.idLengths.push(d.id.length);
      }
      if (d.problem) {
        this.kinds.push(EARLY);
        this.bytes.push(0);
        this.problems.push(d.problem);
        troubled = true;
      } else if (d.tooLarge) {
        this.kinds.push(TOO_LARGE);
        this.bytes.push(d.bytes);
        this.problems.push(d.tooLarge);
        troubled = true;
      } else {
        this.kinds.push(LINE);
        this.bytes.push(d.bytes);
        this.out.keep(d);
      }
    }
    // the fields travel only with a problem: the rejects file shows them (as JSON: exact numbers stay exact)
    if (troubled) this.rows.push([r, row.fault ? null : JSON.stringify(row.data), row.raw ?? null, row.fault ?? null]);
  }

  finish(spent?: ArrayBuffer): DraftChunk {
    return {
      seq: this.seq,
      lines: Int32Array.from(this.lines),
      kinds: Uint8Array.from(this.kinds),
      ids: this.ids,
      idLengths: Int32Array.from(this.idLengths),
      encoded: new Uint8Array(this.out.buf.buffer, this.out.buf.byteOffset, this.out.used),
      bytes: Int32Array.from(this.bytes),
      problems: this.problems,
      rows: this.rows,
      ...(spent && { spent }),
    };
  }
}

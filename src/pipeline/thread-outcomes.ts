/**
 * groupOutcomes on several cores: the same outcome stream, in the same order, with the row work
 * spread over worker threads. This thread cuts the sources into parts at record boundaries and
 * counts each part's rows (threads/cut-parts.ts). Without a source.filter it gives every row its
 * @index at once, through the offset/limit window the one-thread stream uses (RowWindow), and the
 * worker reads and drafts the part in one go; with a filter the worker first says which rows pass,
 * and the window runs over those answers in part order. A worker drafts with the one per-row
 * function (outcomes.ts `draft`: render, the id rule, the size) and this thread settles the drafts
 * in row order (`settle`: uniqueness across the fan-out, then the size). What only a read in order
 * can decide makes the run throw OneThreadNeeded, and the build reads the group again on one
 * thread: a faulty CSV row, bytes invalid in UTF-8, a duplicate custom_id (its first row is named
 * by a one-thread read anyway), a record over MAX_RECORD; and a failing build that stops at its
 * error budget, whose counts end where one thread stops reading.
 *
 * test/pipeline/thread-outcomes.test.ts holds the two streams to the same bytes.
 */
import type { Problem } from '../errors/index.js';
import { fastPathServes, parseDialect } from '../stages/load/csv-options.js';
import type { Row } from '../stages/load/row.js';
import { UniqueIds } from '../stages/validate/unique-ids.js';
import { cutParts, PartBuffers, type Part } from '../threads/cut-parts.js';
import { GroupThreads } from '../threads/group-threads.js';
import { EARLY, LINE, type DraftChunk, type ParseReply } from '../threads/messages.js';
import { OneThreadNeeded } from '../threads/one-thread-needed.js';
import { toPlain } from '../threads/plain-group.js';
import { lanesOf, settle, type Accepted, type Draft, type Outcome, type OutcomeChunk, type OutcomeOptions } from './outcomes.js';
import type { PreparedGroup } from './prepare.js';
import { RowWindow } from './rows.js';

/** parts per worker sent ahead of the one being settled: enough to keep every worker busy */
const AHEAD = 3;
/** a part's bytes: 256 KiB at most (several hundred rows; divided by the matrix variants), smaller for small sources so every worker gets some */
const MAX_PART = 256 * 1024;
const MIN_PART = 64;

/** Why the group cannot be read in parts (undefined when it can). */
export function threadsRefuse(group: PreparedGroup): string | undefined {
  const { source } = group.variants[0]!.batch;
  if (group.variants.some((v) => v.batch.maxTokensPerShard !== undefined)) return 'output.max_tokens_per_shard is set';
  const decoding = source.decoding;
  if (decoding?.encoding !== undefined && decoding.encoding !== 'utf-8') return `source.encoding is ${decoding.encoding}`;
  const csv = source.csv ?? {};
  const other = Object.keys(csv).find((k) => k !== 'delimiter' && k !== 'relax_column_count');
  for (const f of group.files) {
    if (f.format !== 'csv' && f.format !== 'tsv' && f.format !== 'jsonl') return `${f.display} is ${f.format}`;
    if (f.format === 'jsonl') continue;
    if (other !== undefined) return `source.${other} is set`;
    if (!fastPathServes(parseDialect(csv, f.format === 'tsv' ? '\t' : ','))) return 'the CSV dialect is not the default one';
  }
  return undefined;
}

const NO_FIELDS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

interface InFlight {
  part: Part;
  worker: number;
  /** the window's verdict per row (its @index, or < 0), once the parts before it had theirs */
  indices?: Int32Array;
  drafted: Promise<DraftChunk | ParseReply>;
}

export async function* threadOutcomes(group: PreparedGroup, sourceBytes: number, threads: number, opts: OutcomeOptions = {}): AsyncGenerator<OutcomeChunk> {
  const lanes = lanesOf(group, opts.ids ?? new UniqueIds());
  const first = group.variants[0]!;
  const counts = opts.counts ?? { scanned: 0, skipped: 0 };
  const window = new RowWindow(first.batch.source, counts);
  const filtered = first.batch.source.filter !== undefined;
  const pool = new GroupThreads(threads, { group: toPlain(group) });
  // a part's drafts grow with the variants: a four-variant part reads a quarter of the bytes
  const target = Math.max(MIN_PART, Math.min(Math.floor(MAX_PART / group.variants.length), Math.floor(sourceBytes / (threads * 16))));
  const buffers = new PartBuffers(2 * target);
  const parts = cutParts(group.files, target, first.batch.source.csv ?? {}, buffers, opts.onBytes);
  const queue: InFlight[] = [];
  /** with a filter the window runs over the parts as their answers come, in order */
  let windowed: Promise<unknown> = Promise.resolve();
  let seq = 0;
  let reading = true;

  const send = (part: Part): InFlight => {
    const worker = seq % pool.count;
    const s = seq++;
    const base = { seq: s, file: part.file, bytes: part.bytes, line: part.line, first: part.first, rows: part.rows, ...(part.header && { header: part.header, crlf: part.crlf! }) };
    const transfer = [part.bytes.buffer as ArrayBuffer];
    const f: InFlight = { part, worker, drafted: undefined as never };
    if (!filtered) {
      // every row passes: the window is known now, and the worker drafts as it reads
      const indices = new Int32Array(part.rows);
      for (let i = 0; i < indices.length; i++) indices[i] = window.admit(true);
      f.indices = indices;
      f.drafted = pool.request<DraftChunk | ParseReply>(worker, { type: 'draft', ...base, indices }, transfer);
    } else {
      const parsed = pool.request<ParseReply>(worker, { type: 'parse', ...base }, transfer);
      const verdict = windowed
        .then(() => parsed)
        .then((reply) => {
          if (reply.spent) buffers.give(reply.spent);
          if (reply.refuse !== undefined) return reply;
          const indices = new Int32Array(reply.passes.length);
          for (let i = 0; i < indices.length; i++) indices[i] = window.admit(reply.passes[i] === 1);
          f.indices = indices;
          return undefined;
        });
      windowed = verdict.catch(() => undefined);
      f.drafted = verdict.then((refused): Promise<DraftChunk | ParseReply> | ParseReply => refused ?? pool.request<DraftChunk>(worker, { type: 'render', seq: s, indices: f.indices! }));
    }
    // settled in order below; until then a failure must not count as unhandled
    f.drafted.catch(() => undefined);
    return f;
  };

  try {
    for (;;) {
      while (reading && queue.length < pool.count * AHEAD && !window.full) {
        const next = await parts.next();
        if (next.done) reading = false;
        else queue.push(send(next.value));
      }
      const f = queue.shift();
      if (!f) break;
      const reply = await f.drafted;
      if (reply.spent) buffers.give(reply.spent);
      if (reply.refuse !== undefined) throw new OneThreadNeeded(reply.refuse);
      if (!('kinds' in reply)) continue;
      const chunk = settleChunk(group, lanes, f, reply);
      if (chunk.rows.length) yield chunk;
      // written out: the lines' buffer goes back to be filled again
      const { buffer } = reply.encoded;
      pool.post(f.worker, { type: 'recycle', buffer: buffer as ArrayBuffer }, [buffer as ArrayBuffer]);
    }
  } finally {
    await parts.return(undefined);
    await pool.close();
  }
}

/** The part's drafts as outcomes, in row order, each request settled (a duplicate needs one thread). */
function settleChunk(group: PreparedGroup, lanes: ReturnType<typeof lanesOf>, f: InFlight, d: DraftChunk): OutcomeChunk {
  const display = group.files[f.part.file]!.display;
  const indices = f.indices!;
  const troubled = new Map(d.rows.map(([r, json, raw, fault]) => [r, { json, raw, fault }]));
  const rows: Row[] = [];
  // a row whose requests were all accepted is not looked at again (a duplicate id sends the group
  // to one thread): it shares one stand-in; a row with a problem is itself, fields and all
  let standIn: Row | undefined;
  for (let i = 0, r = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (index < 0) continue;
    const t = troubled.get(r);
    if (!t) {
      rows.push((standIn ??= { data: NO_FIELDS, origin: { file: display, line: d.lines[r]! }, index }));
      r++;
      continue;
    }
    const row: Row = { data: t.json ? (JSON.parse(t.json) as Record<string, unknown>) : NO_FIELDS, origin: { file: display, line: d.lines[r]! }, index };
    if (t.fault) row.fault = t.fault;
    if (t.raw !== null) row.raw = t.raw;
    rows.push(row);
    r++;
  }
  const outcomes: Outcome[] = new Array<Outcome>(d.kinds.length);
  const encoded = Buffer.from(d.encoded.buffer, d.encoded.byteOffset, d.encoded.byteLength);
  let at = 0;
  let idAt = 0;
  let problem = 0;
  for (let k = 0; k < outcomes.length; k++) {
    const lane = lanes[k % lanes.length]!;
    const row = rows[(k / lanes.length) | 0]!;
    const kind = d.kinds[k];
    const idLength = d.idLengths[k]!;
    const id = idLength < 0 ? null : d.ids.slice(idAt, (idAt += idLength));
    let draft: Draft;
    if (kind === LINE) draft = { id: id!, line: '', bytes: d.bytes[k]! };
    else if (kind === EARLY) draft = id === null ? { problem: d.problems[problem++]! } : { id: id!, problem: d.problems[problem++]! };
    else draft = { id: id!, line: '', bytes: d.bytes[k]!, tooLarge: d.problems[problem++] as Problem };
    const o = settle(lane, row, draft);
    if (o.duplicate) throw new OneThreadNeeded(`custom_id ${JSON.stringify(o.id)} is used twice`);
    if (kind === LINE) {
      (o as Accepted).at = at;
      at += d.bytes[k]!;
    }
    outcomes[k] = o;
  }
  return { rows, outcomes, encoded };
}

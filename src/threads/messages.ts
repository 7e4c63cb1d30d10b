/** What the build thread and a group's worker threads say to each other (group-thread.ts). */
import type { Problem } from '../errors/index.js';
import type { PlainGroup } from './plain-group.js';

export interface ThreadInit {
  group: PlainGroup;
}

/** A part of a source file, cut at a record boundary: parse it and say which rows pass the filter. */
export interface ParseRequest {
  type: 'parse';
  seq: number;
  /** index into the group's files */
  file: number;
  /** the part's bytes (transferred) */
  bytes: Uint8Array;
  /** the file's line the part starts on */
  line: number;
  /** the part starts the file: a byte order mark is looked for */
  first: boolean;
  /** CSV: the header's names, read by the build thread */
  header?: string[];
  /** CSV: the file's records end with CRLF (else LF) */
  crlf?: boolean;
}

export interface ParseReply {
  seq: number;
  /** per row read: 1 when it passes source.filter (or is faulty), else 0 */
  passes: Uint8Array;
  /** the part cannot be read apart from the rest of the file: the group is built on one thread */
  refuse?: string;
}

/** Draft the requests of a parsed part's rows: `indices[i]` is row i's @index, or < 0 when it is not admitted. */
export interface RenderRequest {
  type: 'render';
  seq: number;
  indices: Int32Array;
}

/** what a draft says, per request */
export const LINE = 0;
/** a problem found before the id was registered (unreadable row, rendering, the id rule) */
export const EARLY = 1;
/** the line is too large: its id still counts for uniqueness */
export const TOO_LARGE = 2;

/**
 * The drafts of a part's admitted rows, rows × lanes of them in that order, packed as arrays
 * (one structured clone of a few arrays costs far less than one of an object per request).
 */
export interface DraftChunk {
  seq: number;
  /** per admitted row: its line in the file */
  lines: Int32Array;
  /** per request: LINE, EARLY or TOO_LARGE */
  kinds: Uint8Array;
  /** per request: its custom_id, null when rendering did not get that far */
  ids: Array<string | null>;
  /** the LINE requests' lines in order, as UTF-8, each with its newline (transferred, then copied into a shard) */
  encoded: Uint8Array;
  /** per request: UTF-8 bytes of the line and its newline (LINE and TOO_LARGE) */
  bytes: Int32Array;
  /** per EARLY or TOO_LARGE request, in order */
  problems: Problem[];
  /** admitted rows with a problem: [row position, JSON of its fields, raw text and fault when unreadable] */
  rows: Array<[number, string | null, string | null, Problem | null]>;
}

export type ThreadReply = ParseReply | DraftChunk | { seq: number; error: { message: string; stack?: string } };

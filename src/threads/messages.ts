/** What the build thread and a group's worker threads say to each other (group-thread.ts). */
import type { Problem } from '../errors/index.js';
import type { PlainGroup } from './plain-group.js';

export interface ThreadInit {
  group: PlainGroup;
}

/**
 * A part of a source file, cut at a record boundary. `parse`: read its rows and say which pass
 * source.filter (their @index depends on it), then wait for a RenderRequest. `draft`: without a
 * filter the build thread knows every row's @index already (`indices`): read and draft at once.
 */
export interface ParseRequest {
  type: 'parse' | 'draft';
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
  /** the rows the part holds, as the build thread counted them */
  rows: number;
  /** draft: each row's @index, or < 0 when it is not admitted */
  indices?: Int32Array;
}

/** A buffer of drafted lines the build thread has written out, given back to be filled again (no reply). */
export interface Recycle {
  type: 'recycle';
  buffer: ArrayBuffer;
}

export interface ParseReply {
  seq: number;
  /** per row read: 1 when it passes source.filter (or is faulty), else 0 */
  passes: Uint8Array;
  /** the part cannot be read apart from the rest of the file: the group is built on one thread */
  refuse?: string;
  /** the part's buffer, read and given back */
  spent?: ArrayBuffer;
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
  /** the requests' custom_ids, one after the other (one string clones faster than thousands) */
  ids: string;
  /** per request: the length of its custom_id in `ids`, -1 when rendering did not get that far */
  idLengths: Int32Array;
  /** the LINE requests' lines in order, as UTF-8, each with its newline (transferred, then copied into a shard) */
  encoded: Uint8Array;
  /** per request: UTF-8 bytes of the line and its newline (LINE and TOO_LARGE) */
  bytes: Int32Array;
  /** per EARLY or TOO_LARGE request, in order */
  problems: Problem[];
  /** admitted rows with a problem: [row position, JSON of its fields, raw text and fault when unreadable] */
  rows: Array<[number, string | null, string | null, Problem | null]>;
  /** the part's buffer, read and given back (draft requests) */
  spent?: ArrayBuffer;
  refuse?: undefined;
}

export type ThreadReply = ParseReply | DraftChunk | { seq: number; error: { message: string; stack?: string } };

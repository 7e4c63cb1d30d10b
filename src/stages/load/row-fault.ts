/** Rows that could not be read still travel down the pipeline, carrying the reason and the text. */
import { E, problem } from '../../errors/index.js';
import type { Row } from './row.js';

const RAW_MAX = 200;

/** the offending text, cut to a size that fits a message or a rejects line */
export function clipRaw(raw: string): string {
  return raw.length > RAW_MAX ? raw.slice(0, RAW_MAX) + '…' : raw;
}

export function malformedRow(file: string, line: number, index: number, detail: string, raw: string): Row {
  return {
    data: {},
    origin: { file, line },
    index,
    fault: problem(E.SourceRowMalformed, { detail }, { file, line }),
    raw: clipRaw(raw),
  };
}

export function notObjectRow(file: string, line: number, index: number, value: unknown, raw: string): Row {
  return {
    data: {},
    origin: { file, line },
    index,
    fault: problem(E.SourceRowNotObject, { got: describeJson(value) }, { file, line }),
    raw: clipRaw(raw),
  };
}

/** `an array`, `a number`, `null` … for messages about JSON values */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rows that could not be read still travel down the pipeline, carrying the reason and the text. */
import { E, problem, type Problem } from '../../errors/index.js';
import type { CsvFaultKind } from './csv-fault.js';
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

const csvFaults = {
  'quote-not-closed': E.CsvQuoteNotClosed,
  'quote-closes-early': E.CsvQuoteClosesEarly,
  'quote-in-field': E.CsvQuoteInField,
} as const;

/** the problem for a CSV record csv-parse refuses; `column` is the 1-based field number */
export function faultProblem(kind: CsvFaultKind, column: number, file: string, line: number): Problem {
  return problem(csvFaults[kind], { column }, { file, line });
}

export function csvFaultRow(file: string, line: number, index: number, kind: CsvFaultKind, column: number, raw: string): Row {
  return { data: {}, origin: { file, line }, index, fault: faultProblem(kind, column, file, line), raw: clipRaw(raw) };
}

export function overflowRow(file: string, line: number, index: number, number: string, raw: string): Row {
  return { data: {}, origin: { file, line }, index, fault: problem(E.SourceNumberOverflow, { number }, { file, line }), raw: clipRaw(raw) };
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

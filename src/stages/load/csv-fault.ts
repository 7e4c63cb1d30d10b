/**
 * The ways a CSV record can need a guess to be read, named after csv-parse's strict errors:
 * the same names come out of both parsers, so the differential test can compare them.
 */
export type CsvFaultKind =
  /** csv-parse CSV_QUOTE_NOT_CLOSED: a quoted field runs to the end of the file */
  | 'quote-not-closed'
  /** csv-parse CSV_INVALID_CLOSING_QUOTE (and, with rtrim or trim, CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE): a closing quote followed by something other than a delimiter or line end */
  | 'quote-closes-early'
  /** csv-parse INVALID_OPENING_QUOTE: a quote inside a field that did not start with one */
  | 'quote-in-field';

const byCsvParseCode: Record<string, CsvFaultKind> = {
  CSV_QUOTE_NOT_CLOSED: 'quote-not-closed',
  CSV_INVALID_CLOSING_QUOTE: 'quote-closes-early',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'quote-closes-early',
  INVALID_OPENING_QUOTE: 'quote-in-field',
};

export function faultOfCsvParseCode(code: string): CsvFaultKind | undefined {
  return byCsvParseCode[code];
}

/** Exit codes, as documented in the README. */
export const EXIT = {
  ok: 0,
  /** data or validation errors: bad rows, stale output, invalid batch files */
  data: 1,
  /** usage or config errors */
  config: 2,
  /** a bug in batchforge: please report it */
  internal: 3,
} as const;

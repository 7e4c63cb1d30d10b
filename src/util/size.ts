/** `100MB`, `95 MiB`, `50000000`: the config schema validates sizes with it too */
export const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$/i;

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** "100MB" → 100000000 (MB = 10^6), "95MiB" → 99614720; numbers pass through. */
export function parseSize(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = SIZE_PATTERN.exec(v);
  if (!m) throw new Error(`not a size: ${v}`);
  return Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
}

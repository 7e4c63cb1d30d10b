/**
 * A count with thousands separators, as `toLocaleString('en-US')` writes it (1,234,567). The first
 * toLocaleString of a process sets up ICU's number formatting, about 11 ms of every build that
 * prints a summary; whole numbers, which is what counts are, need none of it.
 */
export function formatCount(x: number): string {
  if (!Number.isSafeInteger(x)) return x.toLocaleString('en-US');
  const digits = String(Math.abs(x));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = digits.slice(Math.max(0, end - 3), end) + (out ? ',' + out : '');
  return x < 0 ? '-' + out : out;
}

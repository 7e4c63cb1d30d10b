/**
 * Numbers in JSON and JSONL sources as they are written. JSON.parse rounds an integer beyond
 * 2^53 to the nearest double (9007199254740993 → …992; two different 19-digit ids become one) and
 * turns 1e400 into Infinity. Node 20 has no JSON.parse source access, so the text is parsed as
 * usual and its numbers looked at: only a value whose magnitude is beyond 2^53 (rounded, or
 * Infinity) sends the text to the slower exact parse, which keeps such integers as ExactNumber
 * (their digits) and refuses a number that overflows. Looking at the parsed numbers costs less
 * than any scan of the text (a regular expression for 16-digit runs took 40 ms per 27 MB).
 */

/** An integer outside the safe range, kept as its digits. Renders as its digits in templates. */
export class ExactNumber {
  /** any ExactNumber ever made: until then stringifyJson is plain JSON.stringify */
  static made = false;

  constructor(readonly digits: string) {
    ExactNumber.made = true;
  }

  toString(): string {
    return this.digits;
  }

  /** plain JSON.stringify gets the digits as a string, never a rounded number; stringifyJson writes them as a number */
  toJSON(): string {
    return this.digits;
  }
}

/** A number too large for a double (1e400): it cannot be read without a guess. */
export class NumberOverflow extends Error {
  constructor(readonly token: string) {
    super(`number ${token.length > 40 ? token.slice(0, 37) + '...' : token} is too large to read exactly`);
  }
}

/** marks, inside the rewritten text, a string that was an unsafe integer */
const MARK = '\u0000batchforge-exact:';

/** JSON.parse, with unsafe integers kept exact and overflowing numbers refused (NumberOverflow). */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!hasLargeNumber(value)) return value;
  const rewritten = markUnsafeNumbers(text);
  if (rewritten === text) return value;
  return JSON.parse(rewritten, (_key, v: unknown) => (typeof v === 'string' && v.startsWith(MARK) ? new ExactNumber(v.slice(MARK.length)) : v));
}

/** a number beyond ±2^53 anywhere in a parsed value: it may have been rounded, or be Infinity */
function hasLargeNumber(v: unknown): boolean {
  if (typeof v === 'number') return v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER;
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (hasLargeNumber(v[i])) return true;
    return false;
  }
  for (const k in v) if (hasLargeNumber((v as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * The text with each integer outside the safe range turned into a marked string; throws
 * NumberOverflow for a number that is infinite as a double. Strings are skipped as JSON reads
 * them; text that is not JSON is left for JSON.parse to refuse.
 */
function markUnsafeNumbers(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
      continue;
    }
    if (c !== 45 /* - */ && (c < 48 || c > 57)) continue;
    const start = i;
    let integer = true;
    for (i++; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d >= 48 && d <= 57) continue;
      if (d === 46 /* . */ || d === 101 /* e */ || d === 69 /* E */ || d === 43 /* + */ || d === 45 /* - */) {
        integer = false;
        continue;
      }
      break;
    }
    const token = text.slice(start, i);
    i--;
    const n = Number(token);
    if (!Number.isFinite(n)) {
      if (Number.isNaN(n)) continue;
      throw new NumberOverflow(token);
    }
    if (integer && !Number.isSafeInteger(n)) {
      out += text.slice(copied, start) + JSON.stringify(MARK + token);
      copied = start + token.length;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** JSON.stringify that writes an ExactNumber as the number it is (what {{json}} needs). */
export function stringifyJson(value: unknown, indent?: number): string {
  if (!ExactNumber.made) return JSON.stringify(value, null, indent);
  let found = false;
  const text = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      if (raw instanceof ExactNumber) {
        found = true;
        return MARK + raw.digits;
      }
      return v;
    },
    indent,
  );
  if (!found) return text;
  return text.replace(/"\\u0000batchforge-exact:(-?\d+)"/g, '$1');
}

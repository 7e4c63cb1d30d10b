/**
 * Numbers in JSON and JSONL sources as they are written. JSON.parse rounds an integer beyond
 * 2^53 to the nearest double (9007199254740993 → …992; two different 19-digit ids become one) and
 * turns 1e400 into Infinity. Node 20 has no JSON.parse source access, so a line is first checked
 * with one regular expression for what could lose digits (a run of 16 digits, or a 3-digit
 * exponent); only such lines take the slower exact parse, which keeps those integers as
 * ExactNumber (their digits) and refuses a number that overflows.
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

/** what could lose digits: 16 digits in a row (also inside strings: the check is only a filter), or an exponent of 3 digits */
const MAY_LOSE = /\d{16}|\d[eE][+-]?\d{3}/;

/** marks, inside the rewritten text, a string that was an unsafe integer */
const MARK = '\u0000batchforge-exact:';

/** JSON.parse, with unsafe integers kept exact and overflowing numbers refused (NumberOverflow). */
export function parseJson(text: string): unknown {
  if (!MAY_LOSE.test(text)) return JSON.parse(text);
  const rewritten = markUnsafeNumbers(text);
  if (rewritten === text) return JSON.parse(text);
  return JSON.parse(rewritten, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(MARK) ? new ExactNumber(value.slice(MARK.length)) : value,
  );
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

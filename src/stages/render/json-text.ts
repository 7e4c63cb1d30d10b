/**
 * Text as it appears inside a JSONL line: exactly `JSON.stringify(text)`, except that U+2028 and
 * U+2029 are written as `\u2028`/`\u2029` (valid JSON either way, but some line readers, Python's
 * str.splitlines among them, split on them). One pass does both.
 *
 * Node 20's JSON.stringify costs about 3.6 ns a character on a string, escapes or not; a regex
 * that finds the characters to escape, with the common case (only `"` to escape) left to the
 * native replaceAll, costs 1–2 ns. Any surrogate sends the text to JSON.stringify itself, whose
 * rule for lone surrogates (`\udXXX`) is the one to keep.
 */

/** What needs more than `"` → `\"`: backslash, controls, the separators, any surrogate. */
const SPECIAL = /[\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;
const ESCAPABLE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/g;

/** JSON.stringify's escapes for the controls (lowercase hex, short forms where JSON has them). */
const CONTROL: string[] = [];
for (let c = 0; c < 0x20; c++) CONTROL[c] = '\\u' + c.toString(16).padStart(4, '0');
CONTROL[0x08] = '\\b';
CONTROL[0x09] = '\\t';
CONTROL[0x0a] = '\\n';
CONTROL[0x0c] = '\\f';
CONTROL[0x0d] = '\\r';

/** The escaped text, without quotes; undefined when it holds a surrogate (JSON.stringify decides those). */
function escapeWithoutSurrogates(text: string): string | undefined {
  if (!SPECIAL.test(text)) return text.includes('"') ? text.replaceAll('"', '\\"') : text;
  ESCAPABLE.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = ESCAPABLE.exec(text)) !== null) {
    const i = m.index;
    const c = text.charCodeAt(i);
    let escaped: string;
    if (c < 0x20) escaped = CONTROL[c]!;
    else if (c === 0x22) escaped = '\\"';
    else if (c === 0x5c) escaped = '\\\\';
    else if (c === 0x2028) escaped = '\\u2028';
    else if (c === 0x2029) escaped = '\\u2029';
    else return undefined;
    out += text.slice(last, i) + escaped;
    last = i + 1;
  }
  return out + text.slice(last);
}

const SEPARATORS = /[\u2028\u2029]/g;
const separator = (c: string) => (c === '\u2028' ? '\\u2028' : '\\u2029');

/** `JSON.stringify(text)` with U+2028/2029 escaped: the quoted string as it goes into a line. */
export function jsonString(text: string): string {
  const inner = escapeWithoutSurrogates(text);
  if (inner !== undefined) return '"' + inner + '"';
  return JSON.stringify(text).replace(SEPARATORS, separator);
}

/**
 * Thrown by jsonInner for text that starts with a low surrogate or ends with a high one: escaped
 * on its own it could differ from the escape of the joined text (two halves that meet make a
 * pair, which JSON.stringify leaves as it is), so the caller escapes the joined text instead.
 */
export const SPLIT_SURROGATE = new Error('a surrogate pair may be split between two pieces of text');

/**
 * jsonString without the quotes, for one piece of a longer text: the escaped pieces, joined, are
 * the escape of the joined text (throws SPLIT_SURROGATE where that may not hold).
 */
export function jsonInner(text: string): string {
  const inner = escapeWithoutSurrogates(text);
  if (inner !== undefined) return inner;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if ((first >= 0xdc00 && first <= 0xdfff) || (last >= 0xd800 && last <= 0xdbff)) throw SPLIT_SURROGATE;
  return jsonString(text).slice(1, -1);
}

/**
 * Whether text escaped by jsonInner was blank (only white space, as `/\S/` sees it) before
 * escaping: raw white space, and the escapes of `\t \n \v \f \r` and U+2028/2029. Anchored, so
 * the `n` of an escaped newline is not taken for a letter; it stops at the first visible character.
 */
const BLANK_ESCAPED = /^(?:\s|\\[ntfr]|\\u(?:000b|2028|2029))*$/;

export function isBlankEscaped(escaped: string): boolean {
  return BLANK_ESCAPED.test(escaped);
}

/**
 * The one place template and partial files are read. Editors on Windows save UTF-8 with a byte
 * order mark, which would otherwise reach the model as U+FEFF at the start of the prompt; UTF-16
 * files (with their BOM) are decoded as such; bytes that are not valid UTF-8 are an error naming
 * the file and line, never replaced silently.
 */
import { readFileSync } from 'node:fs';
import { E, problem, type Problem } from '../../errors/index.js';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function encodingOf(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; skip: number } {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return { encoding: 'utf-8', skip: 0 };
}

/** The 1-based line of the first byte that is not valid UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // the longest valid prefix, by halving: decoding is all-or-nothing
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      // streaming: a character cut at the end of the prefix is not an error
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  let line = 1;
  for (let i = 0; i < lo; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * `display` is the path as the user knows it, for messages. Returns the text, or the problem
 * (unreadable file, invalid encoding) located at the file.
 */
export function readTemplateFile(file: string, display: string): { text: string } | { problem: Problem } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: problem(E.TemplateFileMissing, { file: display }, { file: display }) };
    return { problem: problem(E.TemplateFileUnreadable, { file: display, reason: code ?? String(e) }, { file: display }) };
  }
  const { encoding, skip } = encodingOf(bytes);
  const body = bytes.subarray(skip);
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const line = encoding === 'utf-8' ? firstBadLine(body) : undefined;
    return { problem: problem(E.TemplateFileEncoding, { file: display, encoding }, { file: display, ...(line !== undefined && { line }) }) };
  }
}

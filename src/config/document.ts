/**
 * The config text parsed with positions: yaml's parseDocument + LineCounter, so that any key
 * path (`messages[1].content`) maps back to `file:line:column` and a code frame.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document, type ErrorCode, type Node } from 'yaml';
import { E, problem, codeFrame, type Location, type Problem } from '../errors/index.js';

export type KeyPath = ReadonlyArray<string | number>;

export interface ConfigDocument {
  /** path as shown to the user */
  display: string;
  text: string;
  doc: Document;
  /** where the config object sits inside the document: [] or ['batchforge'] for package.json */
  root: KeyPath;
  lines: LineCounter;
}

export function parseConfigText(text: string, display: string, root: KeyPath = []): ConfigDocument | Problem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return doc.errors.map((err) => {
      const pos = lines.linePos(err.pos[0]);
      const p = syntaxProblem(err.code, err.message, text.slice(err.pos[0]));
      p.location = { file: display, line: pos.line, column: pos.col };
      p.frame = codeFrame(text, pos.line, pos.col);
      return p;
    });
  }
  return { display, text, doc, root, lines };
}

/**
 * The YAML mistakes people make in a config get their own words; yaml's own message covers the
 * rest (for several documents it would advise calling YAML.parseAllDocuments(), which a user cannot).
 */
function syntaxProblem(code: ErrorCode, message: string, rest: string): Problem {
  if (code === 'DUPLICATE_KEY') return problem(E.ConfigKeyTwice, { key: /^["']?([^"':\n]*)/.exec(rest)![1]!.trim() });
  if (code === 'MULTIPLE_DOCS') return problem(E.ConfigManyDocuments, {});
  if (code === 'TAB_AS_INDENT') return problem(E.ConfigTabIndent, {});
  return problem(E.ConfigSyntax, { detail: message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') });
}

export function formatKeyPath(path: KeyPath): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s;
}

/** Location of a key path; `onKey` points at the key itself rather than its value. */
export function locate(cd: ConfigDocument, path: KeyPath, onKey = false): Location {
  const full = [...cd.root, ...path];
  let node: unknown = cd.doc.contents;
  let pos: number | undefined = (node as Node | null)?.range?.[0];
  for (let i = 0; i < full.length; i++) {
    const k = full[i]!;
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && it.key.value === k);
      if (!pair) break;
      const last = i === full.length - 1;
      const keyNode = pair.key as Node;
      node = pair.value;
      pos = last && onKey ? keyNode.range?.[0] : ((pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0]);
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: unknown[] }).items[k as number] as Node | undefined;
      if (!item) break;
      node = item;
      pos = item.range?.[0];
    } else break;
  }
  const loc: Location = { file: cd.display };
  if (pos !== undefined) {
    const lp = cd.lines.linePos(pos);
    loc.line = lp.line;
    loc.column = lp.col;
  }
  if (path.length) loc.path = formatKeyPath(path);
  return loc;
}

/** A config problem at a key path, with a code frame. */
export function configProblem(cd: ConfigDocument, p: Problem, path: KeyPath, onKey = false): Problem {
  p.location = locate(cd, path, onKey);
  if (p.location.line !== undefined) p.frame = codeFrame(cd.text, p.location.line, p.location.column ?? 1);
  return p;
}

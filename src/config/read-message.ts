/**
 * A config message as the renderer takes it, its `template:` file read through the renderer's one
 * reader (BOMs, UTF-16, invalid UTF-8). The rules have checked that the file exists and that the
 * message has content or template, not both.
 */
import path from 'node:path';
import type { Problem } from '../errors/index.js';
import { readTemplateFile } from '../stages/render/read-template-file.js';
import type { Json } from '../stages/render/tree.js';
import { displayPath } from '../util/paths.js';
import { formatKeyPath, locate, type ConfigDocument, type KeyPath } from './document.js';
import type { MessageValue } from './normalize-entries.js';
import type { ContentSpec, ResolvedMessage } from './resolved.js';

export function readMessage(x: { cd: ConfigDocument; dir: string; cwd: string }, m: MessageValue, p: KeyPath): ResolvedMessage | { problem: Problem } {
  const { cd } = x;
  let content: ContentSpec;
  if (m.template !== undefined) {
    const file = path.resolve(x.dir, m.template);
    const name = displayPath(file, x.cwd);
    const read = readTemplateFile(file, name);
    if ('problem' in read) return read;
    content = { text: read.text, name, file, location: { file: name } };
  } else if (typeof m.content === 'string') {
    content = { text: m.content, name: `${cd.display} ${formatKeyPath([...p, 'content'])}`, location: locate(cd, [...p, 'content']) };
  } else {
    content = m.content as Array<Record<string, Json>>;
  }
  return { role: m.role, content, ...(m.name !== undefined && { name: m.name }), path: formatKeyPath(p) };
}

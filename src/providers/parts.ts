/**
 * Reading a message's content as the config gives it — a template (string or Hole) or a list of
 * OpenAI-style parts — so translating profiles can rebuild it in their own shape. Only the static
 * structure is read: part types are constants in the config; urls and texts may be holes.
 */
import { Hole, isPlainObject, type Tree } from '../stages/render/tree.js';

export type Part =
  | { kind: 'text'; text: Tree }
  | { kind: 'image'; url: Tree; detail?: Tree; mimeType?: Tree }
  | { kind: 'other'; type: string };

/** The parts of a content list; undefined when the content is one template. */
export function partsOf(content: Tree): Part[] | undefined {
  return Array.isArray(content) ? content.map(readPart) : undefined;
}

function readPart(p: Tree): Part {
  if (!isPlainObject(p)) return { kind: 'other', type: typeof p };
  const o = p as { [k: string]: Tree };
  if (o.type === 'text') return { kind: 'text', text: o.text ?? '' };
  if (o.type === 'image_url' && isPlainObject(o.image_url)) {
    const img = o.image_url as { [k: string]: Tree };
    return {
      kind: 'image',
      url: img.url ?? '',
      ...(img.detail !== undefined && { detail: img.detail }),
      ...(img.mime_type !== undefined && { mimeType: img.mime_type }),
    };
  }
  return { kind: 'other', type: String(o.type) };
}

/** A scalar leaf that renders as a string: a constant or a hole. */
export function isText(t: Tree | undefined): t is string | Hole {
  return typeof t === 'string' || t instanceof Hole;
}

/** `stop: "x"` and `stop: ["x", "y"]` as a list tree; undefined when it is neither. */
export function asList(t: Tree): Tree[] | undefined {
  if (isText(t)) return [t];
  return Array.isArray(t) ? t : undefined;
}

/** A constant `data:<type>;base64,<data>` URL split in its parts. */
export function splitDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const m = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/s.exec(url);
  return m ? { mediaType: m[1]!, data: m[2]! } : undefined;
}

/** Messages with role system or developer: instructions, which some providers keep outside the turns. */
export function isSystemRole(role: string): boolean {
  return role === 'system' || role === 'developer';
}

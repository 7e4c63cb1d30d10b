/**
 * Providers that take images only as base64 (Bedrock) need a data: URL split into its media type
 * and data. A constant URL is split once; a templated one becomes two derived holes that split
 * the rendered URL per row and reject the row when it is not a data: URL.
 */
import { E, problem } from '../errors/index.js';
import { RowError } from '../stages/render/template.js';
import { Hole, type Tree } from '../stages/render/tree.js';
import type { Row } from '../stages/load/row.js';
import { splitDataUrl } from './parts.js';

export interface DataUrlTrees {
  /** `image/png` */
  mediaType: Tree;
  /** `png`: the media subtype, Bedrock Converse's image format */
  format: Tree;
  /** the base64 text */
  data: Tree;
}

/** The data: URL's pieces as trees; undefined for a constant that is not a data: URL. */
export function dataUrlTrees(url: Tree, provider: string): DataUrlTrees | undefined {
  if (typeof url === 'string') {
    const d = splitDataUrl(url);
    return d && { mediaType: d.mediaType, format: subtype(d.mediaType), data: d.data };
  }
  if (!(url instanceof Hole)) return undefined;
  const split = (row: Row) => {
    const value = url.render(row);
    const d = splitDataUrl(value);
    if (!d) throw new RowError(problem(E.ImageNotDataUrl, { provider, url: value }, row.origin));
    return d;
  };
  return {
    mediaType: new Hole((row) => split(row).mediaType, url.name, `${url.role} media type`),
    format: new Hole((row) => subtype(split(row).mediaType), url.name, `${url.role} format`),
    data: new Hole((row) => split(row).data, url.name, `${url.role} data`),
  };
}

function subtype(mediaType: string): string {
  return mediaType.slice(mediaType.indexOf('/') + 1);
}

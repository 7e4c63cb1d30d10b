/**
 * Source bytes → text in the file's encoding. The byte order mark decides when there is one
 * (UTF-8, UTF-16LE, UTF-16BE: Excel's "Unicode text" is UTF-16LE with a BOM); otherwise
 * `source.encoding` does (default UTF-8). Bytes that are not valid in that encoding are never
 * replaced silently: the decoder notes the first block that held one, and the reader reports its
 * line (a warning, or an error with `strict_encoding: true`).
 *
 * Detecting them costs nothing on valid text: a block's text is searched once for U+FFFD (what
 * TextDecoder puts in place of an invalid sequence) and compared with the U+FFFD the bytes really
 * hold; windows-1252 has five bytes with no character (0x81 0x8D 0x8F 0x90 0x9D), found with
 * indexOf. Latin-1 maps every byte.
 */
export const SOURCE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'latin1', 'windows-1252'] as const;
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number];

export interface TextOptions {
  encoding?: SourceEncoding;
  /** false: a BOM is not looked for (it stays in the text as U+FEFF, csv-parse's `bom: false`) */
  bom?: boolean;
}

const REPLACEMENT = '\ufffd';
/** U+FFFD as bytes, per encoding: a real one in the file is no sign of trouble */
const REPLACEMENT_BYTES: Partial<Record<SourceEncoding, Buffer>> = {
  'utf-8': Buffer.from([0xef, 0xbf, 0xbd]),
  'utf-16le': Buffer.from([0xfd, 0xff]),
  'utf-16be': Buffer.from([0xff, 0xfd]),
};
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

export class SourceDecoder {
  /** the encoding in use (known once the first bytes are seen) */
  encoding: SourceEncoding;
  /** the file's first invalid bytes: the text index in the chunk decode() returned for them */
  invalidAt: number | undefined;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  /** bytes held back until a BOM can be told apart (at most 2) */
  private head: Buffer | undefined = Buffer.alloc(0);
  /** the last bytes of the previous block, for a U+FFFD split across blocks */
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly opts: TextOptions = {}) {
    this.encoding = opts.encoding ?? 'utf-8';
    if (opts.bom === false) this.start(0);
  }

  /** the text of the next block ('' while the BOM is still undecided) */
  decode(block: Uint8Array, final = false): string {
    let bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
    if (this.head !== undefined) {
      bytes = this.head.length ? Buffer.concat([this.head, bytes]) : bytes;
      if (bytes.length < 3 && !final && !(bytes.length === 2 && isUtf16Bom(bytes))) {
        this.head = Buffer.from(bytes);
        return '';
      }
      const skip = this.sniff(bytes);
      bytes = bytes.subarray(skip);
    }
    const text = this.text(bytes, final);
    if (this.invalidAt === undefined) this.check(bytes, text, final);
    return text;
  }

  /** what is left at the end of the file */
  end(): string {
    if (this.head !== undefined) return this.decode(new Uint8Array(0), true);
    const text = this.text(Buffer.alloc(0), true);
    if (this.invalidAt === undefined && text.includes(REPLACEMENT)) this.invalidAt = text.indexOf(REPLACEMENT);
    return text;
  }

  private sniff(bytes: Buffer): number {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return this.start(3, 'utf-8');
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return this.start(2, 'utf-16le');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return this.start(2, 'utf-16be');
    return this.start(0);
  }

  private start(skip: number, bom?: SourceEncoding): number {
    if (bom) this.encoding = bom;
    this.head = undefined;
    const e = this.encoding;
    // latin1 is not WHATWG's "latin1" (that is windows-1252): Buffer decodes it byte for byte
    if (e !== 'latin1') this.decoder = new TextDecoder(e, { ignoreBOM: true });
    return skip;
  }

  private text(bytes: Buffer, final: boolean): string {
    if (this.decoder === undefined) return bytes.toString('latin1');
    return this.decoder.decode(bytes, { stream: !final });
  }

  private check(bytes: Buffer, text: string, final: boolean): void {
    const e = this.encoding;
    if (e === 'windows-1252') {
      for (const b of UNDEFINED_1252) {
        const at = bytes.indexOf(b);
        // single-byte: the text index is the byte index
        if (at !== -1 && (this.invalidAt === undefined || at < this.invalidAt)) this.invalidAt = at;
      }
      return;
    }
    const mark = REPLACEMENT_BYTES[e];
    if (mark === undefined) return;
    const first = text.indexOf(REPLACEMENT);
    if (first !== -1) {
      const seen = Buffer.concat([this.tail, bytes]);
      let real = 0;
      for (let at = seen.indexOf(mark); at !== -1; at = seen.indexOf(mark, at + 1)) real++;
      let replaced = 0;
      for (let at = first; at !== -1; at = text.indexOf(REPLACEMENT, at + 1)) replaced++;
      if (replaced > real) this.invalidAt = first;
    }
    // a U+FFFD split across blocks: its first bytes come again, never a whole one
    if (!final) this.tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - (mark.length - 1))));
  }
}

function isUtf16Bom(b: Buffer): boolean {
  return (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
}

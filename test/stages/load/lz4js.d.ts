// lz4js ships no types: the two functions the Parquet fixtures use (test/stages/load/read-parquet.test.ts)
declare module 'lz4js' {
  /** the largest size `n` bytes can take as an LZ4 block */
  export function compressBound(n: number): number;
  /** writes src[sIndex, sIndex + sLength) to dst as one LZ4 block; returns its size */
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
}

// Two of JSZip's own internal classes, typed here because JSZip ships types for its public API only. pack-zip.ts
// uses them to hand JSZip entries whose bytes arrive while the archive is being written. Same module instances as
// JSZip's own: in Node `jszip` is lib/index.js, and the extension build resolves it there too
// (scripts/vite/jszip-for-extension.ts). JSZip is pinned; unit tests compare the result with JSZip's own output.

declare module 'jszip/lib/stream/DataWorker.js' {
  /** Emits the bytes a promise resolves to, in 16 KiB chunks, once the archive reaches its entry. */
  class DataWorker {
    constructor(data: Promise<Uint8Array>);
    /** Sets a field of the stream info (sizes, CRC-32, compression) that the zip writer reads after the data. */
    withStreamInfo(key: string, value: unknown): this;
    /** The data once its promise resolved (null before and after). */
    protected data: Uint8Array | null;
    /** Next byte to emit, and the data's length. */
    protected index: number;
    protected max: number;
    protected isPaused: boolean;
    protected isFinished: boolean;
    /** Emits the next chunk (or ends the stream at the end of the data); called once per scheduled tick. */
    protected _tick(): boolean | undefined;
    protected push(chunk: { data: Uint8Array; meta: { percent: number } }): void;
    protected end(): boolean;
  }
  export = DataWorker;
}

declare module 'jszip/lib/compressedObject.js' {
  import type DataWorker from 'jszip/lib/stream/DataWorker.js';
  /** The STORE or DEFLATE method object of jszip/lib/compressions. */
  interface CompressionMethod {
    magic: string;
  }
  /** An entry already in its stored form with known sizes and CRC-32 (what JSZip makes when it reads a zip). */
  class CompressedObject {
    constructor(compressedSize: number, uncompressedSize: number, crc32: number, compression: CompressionMethod, data: Uint8Array);
    /** The worker that emits the stored bytes with sizes and CRC-32 in its stream info. */
    getCompressedWorker(): DataWorker;
  }
  export = CompressedObject;
}

declare module 'jszip/lib/compressions.js' {
  export const STORE: { magic: string };
  export const DEFLATE: { magic: string };
}

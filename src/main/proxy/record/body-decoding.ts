/**
 * Decodes captured bodies for display, on demand: the proxy relays raw bytes untouched and only the
 * inspector pays for decompression. A body cut at the capture cap decodes as far as it goes.
 */
import * as zlib from 'node:zlib';
import type { BodyDecodeState } from '../../../shared/model/proxy';

/** Never inflate a (possibly hostile) body to more than this for display. */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;

export interface DecodedBody {
  decoded: Buffer | null;
  state: BodyDecodeState;
}

type Decoder = (input: Buffer, partial: boolean) => Buffer;

const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer, o?: object) => Buffer })
  .zstdDecompressSync;

const DECODERS: Record<string, Decoder | undefined> = {
  gzip: (b, partial) =>
    zlib.gunzipSync(b, {
      finishFlush: partial ? zlib.constants.Z_SYNC_FLUSH : undefined,
      maxOutputLength: MAX_DECODED_BYTES,
    }),
  'x-gzip': (b, partial) => DECODERS.gzip!(b, partial),
  deflate: (b, partial) => {
    const options = {
      finishFlush: partial ? zlib.constants.Z_SYNC_FLUSH : undefined,
      maxOutputLength: MAX_DECODED_BYTES,
    };
    // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: accept both.
    try {
      return zlib.inflateSync(b, options);
    } catch {
      return zlib.inflateRawSync(b, options);
    }
  },
  br: (b, partial) =>
    zlib.brotliDecompressSync(b, {
      finishFlush: partial ? zlib.constants.BROTLI_OPERATION_FLUSH : undefined,
      maxOutputLength: MAX_DECODED_BYTES,
    }),
  zstd: zstd ? (b) => zstd(b, { maxOutputLength: MAX_DECODED_BYTES }) : undefined,
};

/** Splits a Content-Encoding header into its codings, in the order they were applied. */
export function parseContentEncodings(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0 && v !== 'identity');
}

export function decodeBody(raw: Buffer, encodings: readonly string[], truncated: boolean): DecodedBody {
  if (encodings.length === 0) return { decoded: null, state: 'identity' };
  let data = raw;
  // Codings are listed in the order applied, so they are undone from last to first.
  for (let i = encodings.length - 1; i >= 0; i--) {
    const decoder = DECODERS[encodings[i]];
    if (!decoder) return { decoded: null, state: 'unsupported' };
    try {
      data = decoder(data, truncated);
    } catch {
      return { decoded: null, state: 'error' };
    }
  }
  return { decoded: data, state: truncated ? 'partial' : 'decoded' };
}

/**
 * Streams a body from one side to the other, letting `onChunk` see every chunk (for the capped
 * recording) and honouring backpressure, so a 50 MB download never sits in the proxy's memory.
 */
import type { Readable, Writable } from 'node:stream';

export interface RelayCallbacks {
  onChunk(chunk: Buffer): void;
  onEnd(): void;
  onError(error: Error): void;
}

export function relay(source: Readable, sink: Writable, callbacks: RelayCallbacks): void {
  let finished = false;
  const finish = (error: Error | null) => {
    if (finished) return;
    finished = true;
    if (error) callbacks.onError(error);
    else callbacks.onEnd();
  };
  source.on('data', (chunk: Buffer) => {
    callbacks.onChunk(chunk);
    if (!sink.write(chunk)) {
      source.pause();
      sink.once('drain', () => source.resume());
    }
  });
  source.once('end', () => {
    sink.end();
    finish(null);
  });
  // 'on', not 'once': a stream may emit a second error, and an unheard one would crash the process.
  source.on('error', (e) => finish(e));
  // A source that closes without 'end' was cut off (e.g. the upstream socket reset mid-body).
  source.once('close', () => {
    if (!source.readableEnded) finish(new Error('The stream closed before its end.'));
  });
  sink.on('error', (e) => {
    source.destroy();
    finish(e);
  });
}

/**
 * Keeps the first `limit` bytes of a streamed body and counts the rest. Chunks are collected and
 * joined once (never Buffer.concat in a loop: that is quadratic on big bodies).
 */
export class BodyCapture {
  private chunks: Buffer[] = [];
  private kept = 0;
  private joined: Buffer | null = null;
  size = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept >= this.limit) return;
    const room = this.limit - this.kept;
    // subarray shares memory with the socket's chunk; copy the small tail so a huge chunk is not retained.
    const piece = chunk.length <= room ? chunk : Buffer.from(chunk.subarray(0, room));
    this.chunks.push(piece);
    this.kept += piece.length;
    this.joined = null;
  }

  /** Replaces the content wholesale (HAR import). */
  setAll(bytes: Buffer, size = bytes.length): void {
    this.chunks = [bytes.subarray(0, this.limit)];
    this.kept = this.chunks[0].length;
    this.size = size;
    this.joined = null;
  }

  get capturedSize(): number {
    return this.kept;
  }

  get truncated(): boolean {
    return this.size > this.kept;
  }

  bytes(): Buffer {
    if (!this.joined) {
      this.joined = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.kept);
      this.chunks = [this.joined];
    }
    return this.joined;
  }
}

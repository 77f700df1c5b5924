/**
 * Server-pushed event streams. Producers publish single items; subscribers receive batches, flushed
 * at most once per `flushIntervalMs` per topic, so a capture at 100k packets/s costs the transport a
 * few dozen messages per second, not 100k.
 */
import type { EventItem, EventTopic } from '../../shared/api/contract';

export type BatchListener<T extends EventTopic> = (items: EventItem<T>[]) => void;

export class EventBus {
  private readonly listeners = new Map<EventTopic, Set<BatchListener<EventTopic>>>();
  private readonly pending = new Map<EventTopic, unknown[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly flushIntervalMs = 16) {}

  publish<T extends EventTopic>(topic: T, item: EventItem<T>): void {
    if (!this.listeners.get(topic)?.size) return;
    let queue = this.pending.get(topic);
    if (!queue) {
      queue = [];
      this.pending.set(topic, queue);
    }
    queue.push(item);
    this.timer ??= setTimeout(() => this.flush(), this.flushIntervalMs);
  }

  subscribe<T extends EventTopic>(topic: T, listener: BatchListener<T>): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener as BatchListener<EventTopic>);
    return () => {
      set.delete(listener as BatchListener<EventTopic>);
    };
  }

  /** Delivers everything queued now (also used on shutdown so nothing published is lost). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const [topic, items] of batches) {
      for (const listener of this.listeners.get(topic) ?? []) {
        listener(items as EventItem<EventTopic>[]);
      }
    }
  }

  close(): void {
    this.flush();
    this.listeners.clear();
  }
}

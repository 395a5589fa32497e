/** A place in a {@link JobQueue}; `remove()` takes the item out in O(1) (an aborted call). */
export interface QueueHandle {
  /** Returns false when the item already left the queue. */
  remove(): boolean;
}

/** Priority queue of waiting calls: lower priority value first, arrival order within a priority. */
export interface JobQueue<T> {
  readonly size: number;
  push(item: T, priority: number): QueueHandle;
  peek(): T | undefined;
}

interface Node<T> {
  readonly item: T;
  prev: Node<T> | undefined;
  next: Node<T> | undefined;
  queued: boolean;
}

interface Bucket<T> {
  head: Node<T> | undefined;
  tail: Node<T> | undefined;
}

/**
 * Creates a queue with `levels` priorities (0 .. levels-1). One doubly linked list per level,
 * so push and cancellation are O(1) and a peek scans at most `levels` lists.
 *
 * @example
 * const q = createJobQueue<string>(10);
 * const h = q.push('a', 5); h.remove();
 */
export function createJobQueue<T>(levels: number): JobQueue<T> {
  const buckets: Bucket<T>[] = Array.from({ length: levels }, () => ({ head: undefined, tail: undefined }));
  let size = 0;

  return {
    get size() {
      return size;
    },
    push(item, priority) {
      const level = Math.min(levels - 1, Math.max(0, Math.trunc(priority) || 0));
      const bucket = buckets[level] as Bucket<T>;
      const node: Node<T> = { item, prev: bucket.tail, next: undefined, queued: true };
      if (bucket.tail === undefined) bucket.head = node;
      else bucket.tail.next = node;
      bucket.tail = node;
      size++;
      return {
        remove() {
          if (!node.queued) return false;
          if (node.prev === undefined) bucket.head = node.next;
          else node.prev.next = node.next;
          if (node.next === undefined) bucket.tail = node.prev;
          else node.next.prev = node.prev;
          node.prev = node.next = undefined;
          node.queued = false;
          size--;
          return true;
        },
      };
    },
    peek() {
      for (const bucket of buckets) if (bucket.head !== undefined) return bucket.head.item;
      return undefined;
    },
  };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJobQueue, type JobQueue, type QueueHandle } from '../../src/limit/job-queue';

/** A queue whose head can be taken off: the limiter's use (peek the head, then remove it by its handle). */
function withShift<T>(queue: JobQueue<T>) {
  const handles = new Map<T, QueueHandle>();
  return {
    get size() {
      return queue.size;
    },
    peek: () => queue.peek(),
    push(item: T, priority: number): QueueHandle {
      const handle = queue.push(item, priority);
      handles.set(item, handle);
      return handle;
    },
    shift(): T | undefined {
      const item = queue.peek();
      if (item !== undefined) handles.get(item)?.remove();
      return item;
    },
  };
}

function drain<T>(queue: { shift(): T | undefined }): T[] {
  const out: T[] = [];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) out.push(item);
  return out;
}

describe('createJobQueue', () => {
  it('serves lower priorities first and arrival order within one', () => {
    const queue = withShift(createJobQueue<string>(10));
    queue.push('n1', 5);
    queue.push('late', 9);
    queue.push('n2', 5);
    queue.push('urgent', 0);
    expect(queue.peek()).toBe('urgent');
    expect(queue.size).toBe(4);
    expect(drain(queue)).toEqual(['urgent', 'n1', 'n2', 'late']);
    expect(queue.size).toBe(0);
  });

  it('clamps priorities outside the range and truncates fractions', () => {
    const queue = withShift(createJobQueue<string>(10));
    queue.push('high', 42);
    queue.push('low', -3);
    queue.push('mid', 2.7);
    queue.push('nan', Number.NaN);
    queue.push('minus-infinity', Number.NEGATIVE_INFINITY);
    expect(drain(queue)).toEqual(['low', 'nan', 'minus-infinity', 'mid', 'high']);
  });

  it('removes an item from anywhere, once', () => {
    const queue = withShift(createJobQueue<string>(3));
    const a = queue.push('a', 1);
    const b = queue.push('b', 1);
    const c = queue.push('c', 1);
    expect(b.remove()).toBe(true);
    expect(b.remove()).toBe(false);
    expect(queue.size).toBe(2);
    expect(a.remove()).toBe(true);
    expect(drain(queue)).toEqual(['c']);
    expect(c.remove()).toBe(false);
  });

  it('behaves like a sorted list under any mix of push, shift and remove', () => {
    type Op = { kind: 'push'; priority: number } | { kind: 'shift' } | { kind: 'remove'; pick: number };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), priority: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('shift' as const) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops: Op[]) => {
        const queue = withShift(createJobQueue<number>(4));
        const model: { id: number; priority: number }[] = [];
        const handles = new Map<number, { remove(): boolean }>();
        let next = 0;
        for (const step of ops) {
          if (step.kind === 'push') {
            const id = next++;
            handles.set(id, queue.push(id, step.priority));
            model.push({ id, priority: step.priority });
          } else if (step.kind === 'shift') {
            const sorted = [...model].sort((x, y) => x.priority - y.priority || x.id - y.id);
            const expected = sorted[0];
            expect(queue.shift()).toBe(expected?.id);
            if (expected !== undefined) model.splice(model.indexOf(expected), 1);
          } else if (handles.size > 0) {
            const ids = [...handles.keys()];
            const id = ids[step.pick % ids.length] as number;
            const inModel = model.findIndex((m) => m.id === id);
            expect(handles.get(id)?.remove()).toBe(inModel >= 0);
            if (inModel >= 0) model.splice(inModel, 1);
          }
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });
});

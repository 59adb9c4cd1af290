/** Something due at a time; among equal times, the lower `order` comes first. */
export interface Due {
  at: number;
  order: number;
}

const before = (a: Due, b: Due) => a.at < b.at || (a.at === b.at && a.order < b.order);

/**
 * The clock's wake-ups, earliest first (a binary heap): a run holds thousands at once (every
 * caller asleep, every answer held), and the clock looks at the earliest after every event.
 */
export class TimerQueue<T extends Due> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The earliest, left in place. */
  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const heap = this.heap;
    heap.push(item);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index], heap[parent])) break;
      [heap[index], heap[parent]] = [heap[parent], heap[index]];
      index = parent;
    }
  }

  /** Takes the earliest out. */
  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      this.sink(0);
    }
    return top;
  }

  private sink(start: number): void {
    const heap = this.heap;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let first = index;
      if (left < heap.length && before(heap[left], heap[first])) first = left;
      if (right < heap.length && before(heap[right], heap[first])) first = right;
      if (first === index) return;
      [heap[index], heap[first]] = [heap[first], heap[index]];
      index = first;
    }
  }
}

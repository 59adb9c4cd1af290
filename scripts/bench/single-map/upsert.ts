import { failure, type Failure } from '../../../src/failure';
import { ok, err, type Result } from '../../../src/result';
import type { MapItemStore } from './map-item-store';

export interface UpsertPolicy {
  /** Read-modify-write rounds before giving up (each lost race costs one). */
  maxRounds: number;
  deadline: number;
  now: () => number;
}

/**
 * Optimistic read-modify-write of one Sync item. A write that loses a race (the revision moved,
 * or someone created the key first) is re-read and re-applied, so concurrent events all land.
 * `mutate` must be pure and idempotent: it is called again after every lost race.
 */
export async function upsertItem<T extends object>(
  store: MapItemStore<T>,
  key: string,
  mutate: (current: T | undefined) => { item: T; changed: boolean },
  policy: UpsertPolicy,
): Promise<Result<{ changed: boolean; rounds: number }, Failure>> {
  for (let round = 1; round <= policy.maxRounds; round += 1) {
    if (policy.now() >= policy.deadline) break;
    const current = await store.fetch(key);
    if (!current.ok) return current;
    const { item, changed } = mutate(current.value?.data);
    if (current.value && !changed) return ok({ changed: false, rounds: round });
    const written = current.value
      ? await store.update(key, item, current.value.revision)
      : await store.create(key, item);
    if (!written.ok) return written;
    if (typeof written.value === 'object') return ok({ changed: true, rounds: round });
  }
  return err(
    failure(
      'recording-log-unavailable',
      `Sync item ${key} could not be written within its rounds or time budget`,
      { transient: true },
    ),
  );
}

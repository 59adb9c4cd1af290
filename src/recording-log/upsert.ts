import { errorMessage, RecordingLogUnavailable } from '../errors';
import type { MapItemStore } from './map-item-store';

export interface UpsertPolicy {
  /** Read-modify-write rounds before giving up (each lost race costs one). */
  maxRounds: number;
  deadline: number;
  now: () => number;
}

export type UpsertOutcome = { stored: true; changed: boolean; rounds: number };

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
): Promise<UpsertOutcome> {
  for (let round = 1; round <= policy.maxRounds; round += 1) {
    if (policy.now() >= policy.deadline) break;
    try {
      const current = await store.fetch(key);
      const { item, changed } = mutate(current?.data);
      if (current && !changed) return { stored: true, changed: false, rounds: round };
      const written = current
        ? await store.update(key, item, current.revision)
        : await store.create(key, item);
      if (written.ok) return { stored: true, changed: true, rounds: round };
    } catch (error) {
      throw new RecordingLogUnavailable(`Sync could not be written: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
  throw new RecordingLogUnavailable(
    `Sync item ${key} could not be written within its rounds or time budget`,
  );
}

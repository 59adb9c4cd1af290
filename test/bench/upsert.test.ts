import type { MapItemStore, StoredItem } from '../../scripts/bench/single-map/map-item-store';
import { upsertItem } from '../../scripts/bench/single-map/upsert';
import { failure } from '../../src/failure';
import { err, ok } from '../../src/result';

type Data = { values: number[] };

/**
 * An in-memory map with Sync's optimistic-concurrency rules (revision check on update, create
 * fails when the key exists), which lets a test interleave writers deterministically.
 */
class RevisionedMap implements MapItemStore<Data> {
  items = new Map<string, StoredItem<Data>>();
  beforeWrite: (() => void) | undefined;
  writes = 0;

  async fetch(key: string) {
    const item = this.items.get(key);
    return ok(item && { data: structuredClone(item.data), revision: item.revision });
  }
  async create(key: string, data: Data) {
    this.interleave();
    if (this.items.has(key)) return ok('already-exists' as const);
    return this.put(key, data);
  }
  async update(key: string, data: Data, revision: string) {
    this.interleave();
    if (this.items.get(key)?.revision !== revision) return ok('revision-mismatch' as const);
    return this.put(key, data);
  }
  async list() {
    return ok([...this.items].map(([key, item]) => ({ key, ...item })));
  }
  private interleave() {
    const hook = this.beforeWrite;
    this.beforeWrite = undefined;
    hook?.();
  }
  private put(key: string, data: Data) {
    this.writes += 1;
    const item = { data: structuredClone(data), revision: String(this.writes) };
    this.items.set(key, item);
    return ok(item as StoredItem<Data>);
  }
}

const adding = (value: number) => (current: Data | undefined) =>
  current?.values.includes(value)
    ? { item: current, changed: false }
    : { item: { values: [...(current?.values ?? []), value] }, changed: true };

const policy = () => ({ maxRounds: 5, deadline: Date.now() + 5000, now: () => Date.now() });

describe('upsertItem', () => {
  it('creates, then updates, then recognises a duplicate without writing', async () => {
    const map = new RevisionedMap();
    await expect(upsertItem(map, 'k', adding(1), policy())).resolves.toMatchObject({
      ok: true,
      value: { changed: true, rounds: 1 },
    });
    await expect(upsertItem(map, 'k', adding(2), policy())).resolves.toMatchObject({
      ok: true,
      value: { changed: true },
    });
    await expect(upsertItem(map, 'k', adding(2), policy())).resolves.toMatchObject({
      ok: true,
      value: { changed: false },
    });
    expect(map.items.get('k')?.data.values).toEqual([1, 2]);
    expect(map.writes).toBe(2);
  });

  it('re-applies after losing a create race, so both writers land', async () => {
    const map = new RevisionedMap();
    map.beforeWrite = () => void map.items.set('k', { data: { values: [7] }, revision: 'other' });
    const outcome = await upsertItem(map, 'k', adding(1), policy());
    expect(outcome.ok && outcome.value.rounds).toBe(2);
    expect(map.items.get('k')?.data.values).toEqual([7, 1]);
  });

  it('re-applies after a revision mismatch', async () => {
    const map = new RevisionedMap();
    await upsertItem(map, 'k', adding(1), policy());
    map.beforeWrite = () =>
      void map.items.set('k', { data: { values: [1, 9] }, revision: 'moved' });
    await upsertItem(map, 'k', adding(2), policy());
    expect(map.items.get('k')?.data.values).toEqual([1, 9, 2]);
  });

  it('gives up after its rounds, saying so', async () => {
    const map = new RevisionedMap();
    await upsertItem(map, 'k', adding(1), policy());
    const alwaysMoved: MapItemStore<Data> = {
      ...map,
      fetch: (key) => map.fetch(key),
      create: async () => ok('already-exists' as const),
      update: async () => ok('revision-mismatch' as const),
      list: async () => ok([]),
    };
    await expect(upsertItem(alwaysMoved, 'k', adding(2), policy())).resolves.toMatchObject({
      ok: false,
      error: { code: 'recording-log-unavailable' },
    });
  });

  it('passes a store failure on', async () => {
    const unavailable = failure('recording-log-unavailable', 'Sync: Service Unavailable');
    const failing: MapItemStore<Data> = {
      fetch: async () => err(unavailable),
      create: async () => ok('already-exists' as const),
      update: async () => ok('revision-mismatch' as const),
      list: async () => ok([]),
    };
    await expect(upsertItem(failing, 'k', adding(1), policy())).resolves.toEqual(err(unavailable));
  });

  it('stops when its time budget is spent', async () => {
    const map = new RevisionedMap();
    await expect(
      upsertItem(map, 'k', adding(1), { maxRounds: 5, deadline: 0, now: () => 1 }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'recording-log-unavailable' } });
  });
});

import type { Twilio } from 'twilio';
import type { Failure } from '../../../src/failure';
import { err, ok, type Result } from '../../../src/result';
import { retry, send, type Budget } from '../../../src/retry';
import {
  classifySyncError,
  isAlreadyStored,
  isMissingObject,
  isNameTaken,
  SYNC_ERRORS,
} from '../../../src/recording-log/sync-errors';

/** A stored item and the revision Sync gave it (sent back as If-Match on update). */
export interface StoredItem<T> {
  data: T;
  revision: string;
}

/** The Sync Map operations a read-modify-write log needs, one REST request each. */
export interface MapItemStore<T> {
  fetch(key: string): Promise<Result<StoredItem<T> | undefined, Failure>>;
  /** 'already-exists' when another writer created the key first. */
  create(key: string, data: T): Promise<Result<StoredItem<T> | 'already-exists', Failure>>;
  /** 'revision-mismatch' when the item changed since `revision` was read. */
  update(
    key: string,
    data: T,
    revision: string,
  ): Promise<Result<StoredItem<T> | 'revision-mismatch', Failure>>;
  /** Every item, in key order, up to `limit`. */
  list(limit: number): Promise<Result<Array<StoredItem<T> & { key: string }>, Failure>>;
}

export interface SyncMapOptions {
  serviceSid: string;
  mapName: string;
  /** Seconds an item lives after its last write; 0 keeps it. */
  itemTtlSeconds: number;
}

type Item = { key: string; data: unknown; revision: string };

/**
 * The MapItemStore over one Twilio Sync Map (twilio-node), every request inside `within`. The
 * map is created on first use; a create race on the map itself is harmless.
 */
export function syncMapItemStore<T extends object>(
  client: Twilio,
  options: SyncMapOptions,
  within: Budget,
): MapItemStore<T> {
  const service = client.sync.v1.services(options.serviceSid);
  const items = () => service.syncMaps(options.mapName).syncMapItems;
  const ttl = options.itemTtlSeconds > 0 ? { itemTtl: options.itemTtlSeconds } : {};
  const request = <R>(operation: () => Promise<R>) =>
    retry(within, () => send(within, operation, classifySyncError));
  const stored = (item: Item): StoredItem<T> => ({ data: item.data as T, revision: item.revision });
  /** Runs `operation`, creating the map first when it does not exist yet. */
  const withMap = async <R>(operation: () => Promise<Result<R, Failure>>) => {
    const first = await operation();
    if (first.ok || !isMissingObject(first.error)) return first;
    const made = await request(() => service.syncMaps.create({ uniqueName: options.mapName }));
    if (!made.ok && !isNameTaken(made.error)) return made;
    return operation();
  };
  return {
    fetch: (key) =>
      withMap(async (): Promise<Result<StoredItem<T> | undefined, Failure>> => {
        const got = await request(() => items()(key).fetch());
        if (got.ok) return ok(stored(got.value));
        return Number(got.error.detail) === SYNC_ERRORS.ITEM_NOT_FOUND ? ok(undefined) : got;
      }),
    create: (key, data) =>
      withMap(async (): Promise<Result<StoredItem<T> | 'already-exists', Failure>> => {
        const made = await request(() => items().create({ key, data, ...ttl }));
        if (made.ok) return ok(stored(made.value));
        return isAlreadyStored(made.error) ? ok('already-exists' as const) : err(made.error);
      }),
    update: (key, data, revision) =>
      withMap(async (): Promise<Result<StoredItem<T> | 'revision-mismatch', Failure>> => {
        const changed = await request(() =>
          items()(key).update({ data, ifMatch: revision, ...ttl }),
        );
        if (changed.ok) return ok(stored(changed.value));
        const mismatch =
          Number(changed.error.detail) === SYNC_ERRORS.REVISION_MISMATCH ||
          changed.error.detail === '412';
        return mismatch ? ok('revision-mismatch' as const) : err(changed.error);
      }),
    list: (limit) =>
      withMap(async () => {
        const listed = await request(() => items().list({ limit, pageSize: Math.min(limit, 100) }));
        if (!listed.ok) return listed;
        return ok(listed.value.map((item) => ({ key: item.key, ...stored(item) })));
      }),
  };
}

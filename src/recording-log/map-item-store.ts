import type { Twilio } from 'twilio';
import { err, ok, type Result } from '../result';
import {
  createMapUnlessExists,
  httpStatus,
  isAlreadyStored,
  isMissingObject,
  SYNC_ERRORS,
  syncErrorCode,
  syncRequest,
  type LogBudget,
} from './sync-request';

/** A stored item and the revision Sync gave it (sent back as If-Match on update). */
export interface StoredItem<T> {
  data: T;
  revision: string;
}

/** The Sync Map operations a read-modify-write log needs, one REST request each. */
export interface MapItemStore<T> {
  fetch(key: string): Promise<StoredItem<T> | undefined>;
  /** Fails with 'already-exists' when another writer created the key first. */
  create(key: string, data: T): Promise<Result<StoredItem<T>, 'already-exists'>>;
  /** Fails with 'revision-mismatch' when the item changed since `revision` was read. */
  update(
    key: string,
    data: T,
    revision: string,
  ): Promise<Result<StoredItem<T>, 'revision-mismatch'>>;
  /** Every item, in key order, up to `limit`. */
  list(limit: number): Promise<Array<StoredItem<T> & { key: string }>>;
}

export interface SyncMapOptions {
  serviceSid: string;
  mapName: string;
  /** Seconds an item lives after its last write; 0 keeps it. */
  itemTtlSeconds: number;
}

/**
 * The MapItemStore over one Twilio Sync Map (twilio-node), every request inside `budget`. The
 * map is created on first use, so a fresh service needs no setup; a create race on the map
 * itself is harmless.
 */
export function syncMapItemStore<T extends object>(
  client: Twilio,
  options: SyncMapOptions,
  budget: LogBudget,
): MapItemStore<T> {
  const service = client.sync.v1.services(options.serviceSid);
  const items = () => service.syncMaps(options.mapName).syncMapItems;
  const ttl = options.itemTtlSeconds > 0 ? { itemTtl: options.itemTtlSeconds } : {};
  const request = <R>(send: () => Promise<R>) => syncRequest(budget, send);

  const ensureMap = () =>
    createMapUnlessExists(
      (uniqueName) => service.syncMaps.create({ uniqueName }),
      options.mapName,
      budget,
    );
  const withMap = async <R>(operation: () => Promise<R>): Promise<R> => {
    try {
      return await operation();
    } catch (error) {
      if (!isMissingObject(error)) throw error;
      await ensureMap();
      return operation();
    }
  };

  return {
    fetch: (key) =>
      withMap(async () => {
        try {
          const item = await request(() => items()(key).fetch());
          return { data: item.data as T, revision: item.revision };
        } catch (error) {
          if (syncErrorCode(error) === SYNC_ERRORS.ITEM_NOT_FOUND) return undefined;
          throw error;
        }
      }),
    create: (key, data) =>
      withMap(async () => {
        try {
          const item = await request(() => items().create({ key, data, ...ttl }));
          return ok({ data: item.data as T, revision: item.revision });
        } catch (error) {
          if (isAlreadyStored(error)) return err('already-exists' as const);
          throw error;
        }
      }),
    update: (key, data, revision) =>
      withMap(async () => {
        try {
          const item = await request(() =>
            items()(key).update({ data, ifMatch: revision, ...ttl }),
          );
          return ok({ data: item.data as T, revision: item.revision });
        } catch (error) {
          const code = syncErrorCode(error);
          if (code === SYNC_ERRORS.REVISION_MISMATCH || httpStatus(error) === 412)
            return err('revision-mismatch' as const);
          throw error;
        }
      }),
    list: (limit) =>
      withMap(async () => {
        const listed = await request(() => items().list({ limit, pageSize: Math.min(limit, 100) }));
        return listed.map((item) => ({
          key: item.key,
          data: item.data as T,
          revision: item.revision,
        }));
      }),
  };
}

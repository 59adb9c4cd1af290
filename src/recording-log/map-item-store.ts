import type { Twilio } from 'twilio';
import { err, ok, type Result } from '../result';

/** A stored item and the revision Sync gave it (sent back as If-Match on update). */
export interface StoredItem<T> {
  data: T;
  revision: string;
}

/** The Sync Map operations the recording log needs, one REST request each (plus map creation). */
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

// Sync error codes (twilio.com/docs/api/errors).
const MAP_NOT_FOUND = 54200;
const ITEM_NOT_FOUND = 54201;
const REVISION_MISMATCH = 54205;
const ITEM_ALREADY_EXISTS = 54208;
const MAP_ALREADY_EXISTS = 54301;

function errorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

export interface SyncMapOptions {
  serviceSid: string;
  mapName: string;
  /** Seconds an item lives after its last write; 0 keeps it. */
  itemTtlSeconds: number;
}

/**
 * The MapItemStore over Twilio Sync (twilio-node). The map is created on first use, so a fresh
 * service needs no setup; a create race on the map itself is harmless.
 */
export function syncMapItemStore<T extends object>(
  client: Twilio,
  options: SyncMapOptions,
): MapItemStore<T> {
  const service = client.sync.v1.services(options.serviceSid);
  const map = () => service.syncMaps(options.mapName);
  const ttl = options.itemTtlSeconds > 0 ? { ttl: options.itemTtlSeconds } : {};

  const ensureMap = async () => {
    try {
      await service.syncMaps.create({ uniqueName: options.mapName });
    } catch (error) {
      if (errorCode(error) !== MAP_ALREADY_EXISTS && httpStatus(error) !== 409) throw error;
    }
  };
  const withMap = async <R>(operation: () => Promise<R>): Promise<R> => {
    try {
      return await operation();
    } catch (error) {
      if (errorCode(error) !== MAP_NOT_FOUND) throw error;
      await ensureMap();
      return operation();
    }
  };

  return {
    fetch: (key) =>
      withMap(async () => {
        try {
          const item = await map().syncMapItems(key).fetch();
          return { data: item.data as T, revision: item.revision };
        } catch (error) {
          if (errorCode(error) === ITEM_NOT_FOUND) return undefined;
          throw error;
        }
      }),
    create: (key, data) =>
      withMap(async () => {
        try {
          const item = await map().syncMapItems.create({ key, data, ...ttl });
          return ok({ data: item.data as T, revision: item.revision });
        } catch (error) {
          if (errorCode(error) === ITEM_ALREADY_EXISTS || httpStatus(error) === 409)
            return err('already-exists' as const);
          throw error;
        }
      }),
    update: (key, data, revision) =>
      withMap(async () => {
        try {
          const item = await map()
            .syncMapItems(key)
            .update({ data, ifMatch: revision, ...ttl });
          return ok({ data: item.data as T, revision: item.revision });
        } catch (error) {
          if (errorCode(error) === REVISION_MISMATCH || httpStatus(error) === 412)
            return err('revision-mismatch' as const);
          throw error;
        }
      }),
    list: (limit) =>
      withMap(async () => {
        const items = await map().syncMapItems.list({ limit, pageSize: Math.min(limit, 100) });
        return items.map((item) => ({
          key: item.key,
          data: item.data as T,
          revision: item.revision,
        }));
      }),
  };
}

import type { Twilio } from 'twilio';
import type { LogSettings } from '../config/settings';
import type { Failure } from '../failure';
import { err, ok, type Result } from '../result';
import type { Budget } from '../retry';
import { foldCallLog, type CallLog } from './call-history';
import { callPrefix, entryKey, type LogEntry } from './entries';
import { shardMapName } from './shard-names';
import {
  isAlreadyStored,
  isMissingItem,
  isMissingObject,
  isNameTaken,
  syncRequest,
} from './sync-errors';

export { shardMapName } from './shard-names';

/** One entry as it is stored: the Map it is in and its key there. */
export interface StoredEntry {
  map: string;
  key: string;
  entry: LogEntry;
}

/** How the log is kept in Sync: one entry stored, one call read, each inside a budget. */
export interface LogStore {
  /** Stores one entry; `duplicate` when it was stored before (a second delivery). */
  append(entry: LogEntry, within: Budget): Promise<Result<{ duplicate: boolean }, Failure>>;
  /** Everything logged about one call. */
  readCall(callSid: string, within: Budget): Promise<Result<CallLog, Failure>>;
  /** A call's entries as stored, in every layout the settings name (for an erasure). */
  readEntries(callSid: string, within: Budget): Promise<Result<StoredEntry[], Failure>>;
  /** Removes one entry; `removed: false` when it was gone already. */
  remove(stored: StoredEntry, within: Budget): Promise<Result<{ removed: boolean }, Failure>>;
}

/** What this layout reads of a page of map items (twilio-node's Page, narrowed). */
interface ItemPage {
  instances: Array<{ key: string; data: unknown }>;
  nextPageUrl?: string;
  nextPage(): Promise<ItemPage> | undefined;
}

/** Most items one list request returns (ListSyncMapItem's PageSize maximum). */
const PAGE_SIZE = 100;

/**
 * The recording log spread over many Sync Maps, one entry per event.
 *
 * Why (twilio.com/docs/sync/limits): Sync allows 20 reads/s and 20 writes/s per object, and a
 * write to any item counts against its Map. One Map for a whole account's calls caps the log at
 * about 20 events/s. Here each call's entries live in one of `shards` Maps, chosen by a hash of
 * the CallSid, so the load divides evenly: at 200 calls/s and 4 writes per call, 64 shards see
 * 12.5 writes/s each. The maps are created once (on first use), so object creation stays far
 * below Sync's 20/s, which one Map or Document per call would exceed.
 *
 * Writing an entry is one create request, never a read: an entry never changes, and a second
 * delivery of an event hits the same key and is refused (54208) as a duplicate. Reading a call
 * is one list request from the call's key prefix in its shard (more only for a call with over a
 * hundred entries), whatever the size of the log.
 *
 * The shard count is part of each map's name, so changing RECORDING_LOG_SHARDS starts new maps
 * and never moves an entry: list the old count in RECORDING_LOG_FORMER_SHARDS and lookups read
 * both (one more read per former count) until the old entries' TTL has passed.
 */
export function openLog(client: Twilio, settings: LogSettings): LogStore {
  const service = client.sync.v1.services(settings.syncService);
  const ttl = settings.ttlSeconds > 0 ? { itemTtl: settings.ttlSeconds } : {};
  const mapOf = (callSid: string, shards = settings.shards) =>
    shardMapName(settings.mapPrefix, shards, callSid);

  /** Creates a Map by its unique name; one that another writer created first is just as good. */
  const createMap = async (uniqueName: string, within: Budget) => {
    const made = await syncRequest(within, () => service.syncMaps.create({ uniqueName }));
    return made.ok || isNameTaken(made.error) ? ok(undefined) : made;
  };

  const append = async (entry: LogEntry, within: Budget) => {
    const map = mapOf(entry.callSid);
    const create = () =>
      syncRequest(within, () =>
        service.syncMaps(map).syncMapItems.create({ key: entryKey(entry), data: entry, ...ttl }),
      );
    let created = await create();
    // The map is made on first use, so a fresh service needs no setup.
    if (!created.ok && isMissingObject(created.error)) {
      const made = await createMap(map, within);
      if (!made.ok) return made;
      created = await create();
    }
    if (created.ok) return ok({ duplicate: false });
    return isAlreadyStored(created.error) ? ok({ duplicate: true }) : err(created.error);
  };

  const readEntries = async (callSid: string, within: Budget) => {
    const entries: StoredEntry[] = [];
    for (const shards of [settings.shards, ...settings.formerShards]) {
      const read = await readShard(service, mapOf(callSid, shards), callSid, within);
      if (!read.ok) return read;
      entries.push(...read.value);
    }
    return ok(entries);
  };

  const readCall = async (callSid: string, within: Budget) => {
    const read = await readEntries(callSid, within);
    if (!read.ok) return read;
    return ok(
      foldCallLog(
        callSid,
        read.value.map((stored) => stored.entry),
      ),
    );
  };

  // Deleting an item is a write to its Map, limited as any other (54009 is retried). The key is
  // a path segment there, and twilio-node puts it in the path as it is: its slashes are encoded.
  const remove = async (stored: StoredEntry, within: Budget) => {
    const removed = await syncRequest(within, () =>
      service.syncMaps(stored.map).syncMapItems(encodeURIComponent(stored.key)).remove(),
    );
    if (removed.ok) return ok({ removed: true });
    return isMissingItem(removed.error) ? ok({ removed: false }) : err(removed.error);
  };

  return { append, readCall, readEntries, remove };
}

type SyncService = ReturnType<Twilio['sync']['v1']['services']>;

/** A call's entries in one shard: a range read from the call's key prefix, page by page. */
async function readShard(
  service: SyncService,
  map: string,
  callSid: string,
  within: Budget,
): Promise<Result<StoredEntry[], Failure>> {
  const prefix = callPrefix(callSid);
  const items = service.syncMaps(map).syncMapItems;
  const first = await syncRequest(within, () =>
    items.page({ from: prefix, bounds: 'inclusive', order: 'asc', pageSize: PAGE_SIZE }),
  );
  // A shard no one has written to yet holds nothing of this call.
  if (!first.ok) return isMissingObject(first.error) ? ok([]) : first;
  const entries: StoredEntry[] = [];
  let page: ItemPage = first.value;
  for (;;) {
    const mine = page.instances.filter((item) => item.key.startsWith(prefix));
    entries.push(...mine.map((item) => ({ map, key: item.key, entry: item.data as LogEntry })));
    // Keys sort by call first: past the first key of another call, this call has no more.
    if (mine.length < page.instances.length || !page.nextPageUrl) return ok(entries);
    const current = page;
    const next = await syncRequest(within, async () => current.nextPage());
    if (!next.ok) return next;
    if (!next.value) return ok(entries);
    page = next.value;
  }
}

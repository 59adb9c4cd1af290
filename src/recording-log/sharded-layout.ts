import type { Twilio } from 'twilio';
import { errorMessage, RecordingLogUnavailable } from '../errors';
import type { CallLog } from './call-log';
import { foldCallLog } from './call-log';
import { callPrefix, entryKey, type LogEntry } from './log-entries';
import type { RecordingLogLayout } from './recording-log-layout';
import { syncMapItemStore } from './map-item-store';
import { isMissingObject, syncRequest, type LogBudget } from './sync-request';

export interface ShardedLayoutOptions {
  serviceSid: string;
  /** The maps are named `${mapPrefix}-${shards}-${index}`. */
  mapPrefix: string;
  shards: number;
  /** Shard counts used before: their maps are still read, never written. */
  formerShards: number[];
  /** Seconds an entry lives; 0 keeps it. */
  ttlSeconds: number;
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
export class ShardedLayout implements RecordingLogLayout {
  constructor(
    private readonly client: Twilio,
    private readonly options: ShardedLayoutOptions,
  ) {}

  async append(entry: LogEntry, budget: LogBudget): Promise<{ duplicate: boolean }> {
    const store = syncMapItemStore<LogEntry>(
      this.client,
      {
        serviceSid: this.options.serviceSid,
        mapName: shardMapName(this.options.mapPrefix, this.options.shards, entry.callSid),
        itemTtlSeconds: this.options.ttlSeconds,
      },
      budget,
    );
    try {
      const created = await store.create(entryKey(entry), entry);
      return { duplicate: !created.ok };
    } catch (error) {
      throw unavailable('written', error);
    }
  }

  async readCall(callSid: string, budget: LogBudget): Promise<CallLog> {
    const entries: LogEntry[] = [];
    try {
      for (const shards of [this.options.shards, ...this.options.formerShards]) {
        entries.push(...(await this.readShard(callSid, shards, budget)));
      }
    } catch (error) {
      throw unavailable('read', error);
    }
    return foldCallLog(callSid, entries);
  }

  private async readShard(callSid: string, shards: number, budget: LogBudget): Promise<LogEntry[]> {
    const prefix = callPrefix(callSid);
    const items = this.service().syncMaps(
      shardMapName(this.options.mapPrefix, shards, callSid),
    ).syncMapItems;
    const entries: LogEntry[] = [];
    let page: ItemPage;
    try {
      page = await syncRequest(budget, () =>
        items.page({ from: prefix, bounds: 'inclusive', order: 'asc', pageSize: PAGE_SIZE }),
      );
    } catch (error) {
      // A shard no one has written to yet holds nothing of this call.
      if (isMissingObject(error)) return entries;
      throw error;
    }
    for (;;) {
      const mine = page.instances.filter((item) => item.key.startsWith(prefix));
      entries.push(...mine.map((item) => item.data as LogEntry));
      // Keys sort by call first: past the first key of another call, this call has no more.
      if (mine.length < page.instances.length || !page.nextPageUrl) return entries;
      const current = page;
      const next = await syncRequest(budget, async () => current.nextPage());
      if (!next) return entries;
      page = next;
    }
  }

  private service() {
    return this.client.sync.v1.services(this.options.serviceSid);
  }
}

function unavailable(doing: 'read' | 'written', error: unknown): RecordingLogUnavailable {
  if (error instanceof RecordingLogUnavailable) return error;
  return new RecordingLogUnavailable(`Sync could not be ${doing}: ${errorMessage(error)}`, {
    cause: error,
  });
}

/** The map a call's entries live in, for a given shard count. */
export function shardMapName(prefix: string, shards: number, callSid: string): string {
  const index = fnv1a(callSid) % shards;
  return `${prefix}-${shards}-${String(index).padStart(String(shards - 1).length, '0')}`;
}

/** FNV-1a, 32 bits: stable across versions and platforms, and even enough for SIDs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

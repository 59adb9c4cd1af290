import type { Twilio } from 'twilio';
import type { LogSettings } from '../config/settings';
import type { Failure } from '../failure';
import { ok, type Result } from '../result';
import type { Budget } from '../retry';
import type { LogEntry } from './entries';
import { shardName } from './shard-names';
import { isMissingObject, syncRequest } from './sync-errors';

/** One stored entry met on the way through the log. */
export interface ScannedEntry {
  map: string;
  key: string;
  entry: LogEntry;
}

/** What this scan reads of a page of map items (twilio-node's Page, narrowed). */
interface ItemPage {
  instances: Array<{ key: string; data: unknown }>;
  nextPageUrl?: string;
  nextPage(): Promise<ItemPage> | undefined;
}

/** Most items one list request returns (ListSyncMapItem's PageSize maximum). */
const PAGE_SIZE = 100;

/** How far a scan got: the Maps and pages read, the entries met. */
export interface ScanCount {
  maps: number;
  pages: number;
  entries: number;
}

/**
 * Every Map the log may use, in every layout the settings name (the shard count, then each
 * former one): the names are made from the settings, so no list of the service's Maps is needed.
 */
export function logMaps(settings: LogSettings): string[] {
  return [settings.shards, ...settings.formerShards].flatMap((shards) =>
    Array.from({ length: shards }, (_, index) => shardName(settings.mapPrefix, shards, index)),
  );
}

/**
 * Reads the whole log: every Map, page after page (ListSyncMapItem, 100 items a page, in key
 * order), handing each page's entries to `onPage` as it comes. A Map that was never created
 * holds nothing. Each page is one Sync read, retried on 54009 inside its own budget
 * (`pageBudget`), so a scan of any length never runs out of time as a whole. Meant to collect
 * what to do first and act afterwards: Sync's page tokens are positions, which removals move.
 */
export async function scanLog(
  client: Twilio,
  settings: LogSettings,
  pageBudget: () => Budget,
  onPage: (entries: ScannedEntry[]) => void,
  maps: readonly string[] = logMaps(settings),
): Promise<Result<ScanCount, Failure>> {
  const service = client.sync.v1.services(settings.syncService);
  const count: ScanCount = { maps: 0, pages: 0, entries: 0 };
  for (const map of maps) {
    const items = service.syncMaps(map).syncMapItems;
    const first = await syncRequest(pageBudget(), () =>
      items.page({ order: 'asc', pageSize: PAGE_SIZE }),
    );
    if (!first.ok) {
      if (isMissingObject(first.error)) continue;
      return first;
    }
    count.maps += 1;
    let page: ItemPage | undefined = first.value;
    while (page) {
      count.pages += 1;
      const entries = page.instances.map((item) => ({
        map,
        key: item.key,
        entry: item.data as LogEntry,
      }));
      count.entries += entries.length;
      onPage(entries);
      if (!page.nextPageUrl) break;
      const current: ItemPage = page;
      const next = await syncRequest(pageBudget(), async () => current.nextPage());
      if (!next.ok) return next;
      page = next.value;
    }
  }
  return ok(count);
}

import type { Clock } from '../clock';
import type { Params } from './openapi';
import { SyncLimits, writeUnits } from './sync-limits';
import { newSid, TwilioApiError } from './twilio-error';

const MAX_DATA_BYTES = 16 * 1024;

interface Item {
  key: string;
  data: unknown;
  revision: number;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

interface SyncMap {
  sid: string;
  uniqueName?: string;
  items: Map<string, Item>;
}

// Twilio documents 54200 for a Map SID that does not exist and 54300 for a unique name that
// names no object; both pages give no HTTP status, and the stand-in assumes 404 as for 20404.
const mapNotFound = (name: string) =>
  /^MP[0-9a-f]{32}$/.test(name)
    ? new TwilioApiError(404, 54200, `Map ${name} not found`)
    : new TwilioApiError(404, 54300, `Unique name ${name} not found`);
const itemNotFound = (key: string) => new TwilioApiError(404, 54201, `Map Item ${key} not found`);

function ttlSeconds(params: Params, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = params[name];
    if (typeof raw === 'string' && raw !== '') return Number(raw);
  }
  return undefined;
}

/** Most items one page of a list holds (ListSyncMapItem's PageSize maximum). */
const MAX_PAGE_SIZE = 100;

/**
 * Twilio Sync Maps and Map Items with Sync's rules: revisions, If-Match, TTL, error codes, and
 * its rate limits (see sync-limits.ts). Every read and write of a map or its items counts
 * against the map; every map created counts against the service.
 */
export class SyncMaps {
  private readonly maps = new Map<string, SyncMap>();
  readonly serviceSid = newSid('IS');
  /** Sync requests the stand-in answered, by kind, for the benchmarks. */
  readonly counts = { reads: 0, writes: 0 };

  constructor(
    private readonly accountSid: string,
    private readonly clock: Clock,
    readonly limits: SyncLimits,
  ) {}

  private read(map: SyncMap): void {
    this.limits.take('read', map.sid);
    this.counts.reads += 1;
  }

  private write(map: SyncMap, params: Params): void {
    const payload = typeof params.Data === 'string' ? Buffer.byteLength(params.Data) : 0;
    if (payload > MAX_DATA_BYTES)
      throw new TwilioApiError(413, 54006, 'Map Item data is larger than 16 KiB');
    this.limits.take('write', map.sid, writeUnits(payload));
    this.counts.writes += 1;
  }

  private checkService(service: string): void {
    if (service !== 'default' && service !== this.serviceSid) {
      throw new TwilioApiError(404, 20404, `Service ${service} not found`);
    }
  }

  private map(service: string, name: string): SyncMap {
    this.checkService(service);
    const map = [...this.maps.values()].find(
      (candidate) => candidate.sid === name || candidate.uniqueName === name,
    );
    if (!map) throw mapNotFound(name);
    return map;
  }

  private live(map: SyncMap, key: string): Item | undefined {
    const item = map.items.get(key);
    if (item?.expiresAt !== undefined && item.expiresAt <= this.clock.now()) {
      map.items.delete(key);
      return undefined;
    }
    return item;
  }

  createMap(service: string, params: Params): Record<string, unknown> {
    this.checkService(service);
    const uniqueName = typeof params.UniqueName === 'string' ? params.UniqueName : undefined;
    if (uniqueName && [...this.maps.values()].some((map) => map.uniqueName === uniqueName)) {
      throw new TwilioApiError(409, 54301, `Unique name ${uniqueName} already exists`);
    }
    this.limits.take('create-object', this.serviceSid);
    this.counts.writes += 1;
    const map: SyncMap = { sid: newSid('MP'), uniqueName, items: new Map() };
    this.maps.set(map.sid, map);
    return this.mapJson(map);
  }

  fetchMap(service: string, name: string): Record<string, unknown> {
    const map = this.map(service, name);
    this.read(map);
    return this.mapJson(map);
  }

  createItem(service: string, mapName: string, params: Params): Record<string, unknown> {
    const map = this.map(service, mapName);
    const key = typeof params.Key === 'string' ? params.Key : '';
    // The API reference says up to 320 characters, error 54209 says 1 to 256: the stricter wins.
    if (key.length < 1 || key.length > 256)
      throw new TwilioApiError(400, 54209, 'Map Item key is invalid: 1 to 256 characters');
    this.write(map, params);
    if (this.live(map, key)) throw new TwilioApiError(409, 54208, `Map Item ${key} already exists`);
    const now = this.clock.now();
    const item: Item = {
      key,
      data: this.data(params),
      revision: 0,
      createdAt: now,
      updatedAt: now,
    };
    this.applyTtl(item, ttlSeconds(params, 'ItemTtl', 'Ttl'));
    map.items.set(key, item);
    return this.itemJson(map, item);
  }

  fetchItem(service: string, mapName: string, key: string): Record<string, unknown> {
    const map = this.map(service, mapName);
    this.read(map);
    const item = this.live(map, key);
    if (!item) throw itemNotFound(key);
    return this.itemJson(map, item);
  }

  updateItem(
    service: string,
    mapName: string,
    key: string,
    params: Params,
    ifMatch: string | undefined,
  ): Record<string, unknown> {
    const map = this.map(service, mapName);
    this.write(map, params);
    const item = this.live(map, key);
    if (!item) throw itemNotFound(key);
    if (ifMatch !== undefined) {
      if (!/^\d+$/.test(ifMatch))
        throw new TwilioApiError(400, 54003, `Invalid If-Match header: ${ifMatch}`);
      if (Number(ifMatch) !== item.revision) {
        throw new TwilioApiError(
          412,
          54205,
          `The revision of the Map Item does not match the expected revision (${ifMatch})`,
        );
      }
    }
    if ('Data' in params) item.data = this.data(params);
    item.revision += 1;
    item.updatedAt = this.clock.now();
    this.applyTtl(item, ttlSeconds(params, 'ItemTtl', 'Ttl'));
    return this.itemJson(map, item);
  }

  deleteItem(service: string, mapName: string, key: string): void {
    const map = this.map(service, mapName);
    this.write(map, {});
    if (!this.live(map, key)) throw itemNotFound(key);
    map.items.delete(key);
  }

  /**
   * One page of a map's items in key order (ascending unless Order=desc), starting at `From`
   * (included unless Bounds=exclusive). PageToken is the stand-in's own: the position to go on
   * from, as the next_page_url it hands out says.
   */
  listItems(service: string, mapName: string, query: Params, url: string): Record<string, unknown> {
    const map = this.map(service, mapName);
    this.read(map);
    const descending = query.Order === 'desc';
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(query.PageSize ?? 50)));
    const keys = [...map.items.keys()]
      .filter((key) => this.live(map, key))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (descending) keys.reverse();
    const from = typeof query.From === 'string' ? query.From : undefined;
    const exclusive = query.Bounds === 'exclusive';
    const inRange = (key: string) => {
      if (from === undefined) return true;
      if (key === from) return !exclusive;
      return descending ? key < from : key > from;
    };
    const selected = keys.filter(inRange);
    const token = typeof query.PageToken === 'string' ? Number(query.PageToken) : 0;
    if (!Number.isInteger(token) || token < 0)
      throw new TwilioApiError(400, 54453, `Invalid PageToken ${String(query.PageToken)}`);
    const page = selected
      .slice(token, token + pageSize)
      .map((key) => this.itemJson(map, map.items.get(key) as Item));
    const base = new URLSearchParams();
    if (from !== undefined) base.set('From', from);
    if (query.Bounds) base.set('Bounds', String(query.Bounds));
    if (query.Order) base.set('Order', String(query.Order));
    base.set('PageSize', String(pageSize));
    const pageUrl = (start: number) => {
      const params = new URLSearchParams(base);
      if (start > 0) params.set('PageToken', String(start));
      return `${url}?${params}`;
    };
    return {
      items: page,
      meta: {
        page: Math.floor(token / pageSize),
        page_size: pageSize,
        first_page_url: pageUrl(0),
        previous_page_url: token > 0 ? pageUrl(Math.max(0, token - pageSize)) : null,
        url: pageUrl(token),
        next_page_url: token + pageSize < selected.length ? pageUrl(token + pageSize) : null,
        key: 'items',
      },
    };
  }

  /**
   * Puts an item in place without a request (and so without counting against any limit), for
   * tests that need a large log to start from. Creates the map when it does not exist.
   */
  seedItem(mapName: string, key: string, data: object): void {
    let map = [...this.maps.values()].find((candidate) => candidate.uniqueName === mapName);
    if (!map) {
      map = { sid: newSid('MP'), uniqueName: mapName, items: new Map() };
      this.maps.set(map.sid, map);
    }
    const now = this.clock.now();
    map.items.set(key, {
      key,
      data: structuredClone(data),
      revision: 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Every live item of a map, for tests and the transcript (no request, no limit). */
  snapshot(mapName: string): Array<{ key: string; data: unknown; revision: number }> {
    const map = [...this.maps.values()].find(
      (candidate) => candidate.uniqueName === mapName || candidate.sid === mapName,
    );
    return map ? this.liveItems(map) : [];
  }

  /** Every live item of every map whose unique name starts with `prefix` (a sharded log). */
  snapshotOfMaps(prefix: string): Array<{ map: string; key: string; data: unknown }> {
    return [...this.maps.values()]
      .filter((map) => map.uniqueName?.startsWith(prefix))
      .flatMap((map) =>
        this.liveItems(map).map((item) => ({ map: map.uniqueName as string, ...item })),
      );
  }

  private liveItems(map: SyncMap): Array<{ key: string; data: unknown; revision: number }> {
    return [...map.items.keys()].flatMap((key) => {
      const item = this.live(map, key);
      return item ? [{ key, data: structuredClone(item.data), revision: item.revision }] : [];
    });
  }

  private data(params: Params): unknown {
    const raw = typeof params.Data === 'string' ? params.Data : '{}';
    try {
      const parsed = JSON.parse(raw);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
      return parsed;
    } catch {
      throw new TwilioApiError(400, 54008, 'Map Item data must be a JSON object');
    }
  }

  private applyTtl(item: Item, seconds: number | undefined): void {
    if (seconds === undefined) return;
    item.expiresAt = seconds > 0 ? this.clock.now() + seconds * 1000 : undefined;
  }

  private mapJson(map: SyncMap): Record<string, unknown> {
    return {
      sid: map.sid,
      unique_name: map.uniqueName ?? null,
      account_sid: this.accountSid,
      service_sid: this.serviceSid,
      url: `https://sync.twilio.com/v1/Services/${this.serviceSid}/Maps/${map.sid}`,
      revision: '0',
      date_expires: null,
      date_created: new Date(this.clock.now()).toISOString(),
      date_updated: new Date(this.clock.now()).toISOString(),
      created_by: 'system',
    };
  }

  private itemJson(map: SyncMap, item: Item): Record<string, unknown> {
    return {
      key: item.key,
      account_sid: this.accountSid,
      service_sid: this.serviceSid,
      map_sid: map.sid,
      url: `https://sync.twilio.com/v1/Services/${this.serviceSid}/Maps/${map.sid}/Items/${encodeURIComponent(item.key)}`,
      revision: String(item.revision),
      data: item.data,
      date_expires: item.expiresAt === undefined ? null : new Date(item.expiresAt).toISOString(),
      date_created: new Date(item.createdAt).toISOString(),
      date_updated: new Date(item.updatedAt).toISOString(),
      created_by: 'system',
    };
  }
}

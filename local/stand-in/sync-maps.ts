import type { Clock } from '../clock';
import type { Params } from './openapi';
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

const mapNotFound = (name: string) => new TwilioApiError(404, 54200, `Map ${name} not found`);
const itemNotFound = (key: string) => new TwilioApiError(404, 54201, `Map Item ${key} not found`);

function ttlSeconds(params: Params, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = params[name];
    if (typeof raw === 'string' && raw !== '') return Number(raw);
  }
  return undefined;
}

/** Twilio Sync Maps and Map Items with Sync's rules: revisions, If-Match, TTL, error codes. */
export class SyncMaps {
  private readonly maps = new Map<string, SyncMap>();
  readonly serviceSid = newSid('IS');

  constructor(
    private readonly accountSid: string,
    private readonly clock: Clock,
  ) {}

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
    const map: SyncMap = { sid: newSid('MP'), uniqueName, items: new Map() };
    this.maps.set(map.sid, map);
    return this.mapJson(map);
  }

  fetchMap(service: string, name: string): Record<string, unknown> {
    return this.mapJson(this.map(service, name));
  }

  createItem(service: string, mapName: string, params: Params): Record<string, unknown> {
    const map = this.map(service, mapName);
    const key = typeof params.Key === 'string' ? params.Key : '';
    if (key.length < 1 || key.length > 320)
      throw new TwilioApiError(400, 54209, 'Map Item key is invalid: 1 to 320 characters');
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
    if (!this.live(map, key)) throw itemNotFound(key);
    map.items.delete(key);
  }

  listItems(service: string, mapName: string, query: Params, url: string): Record<string, unknown> {
    const map = this.map(service, mapName);
    const order = query.Order === 'desc' ? -1 : 1;
    const pageSize = Math.min(100, Math.max(1, Number(query.PageSize ?? 50)));
    const start = Math.max(
      0,
      Number(query.PageToken ?? query.Page ?? 0) * (query.PageToken ? 1 : pageSize),
    );
    const keys = [...map.items.keys()]
      .filter((key) => this.live(map, key))
      .sort((a, b) => (a < b ? -order : a > b ? order : 0));
    const page = keys
      .slice(start, start + pageSize)
      .map((key) => this.itemJson(map, map.items.get(key) as Item));
    const next =
      start + pageSize < keys.length
        ? `${url}?PageSize=${pageSize}&PageToken=${start + pageSize}`
        : null;
    return {
      items: page,
      meta: {
        page: Math.floor(start / pageSize),
        page_size: pageSize,
        first_page_url: `${url}?PageSize=${pageSize}`,
        previous_page_url: null,
        url,
        next_page_url: next,
        key: 'items',
      },
    };
  }

  /** Every live item of a map, for tests and the transcript. */
  snapshot(mapName: string): Array<{ key: string; data: unknown; revision: number }> {
    const map = [...this.maps.values()].find(
      (candidate) => candidate.uniqueName === mapName || candidate.sid === mapName,
    );
    if (!map) return [];
    return [...map.items.keys()].flatMap((key) => {
      const item = this.live(map, key);
      return item ? [{ key, data: structuredClone(item.data), revision: item.revision }] : [];
    });
  }

  private data(params: Params): unknown {
    const raw = typeof params.Data === 'string' ? params.Data : '{}';
    if (Buffer.byteLength(raw) > MAX_DATA_BYTES)
      throw new TwilioApiError(413, 54006, 'Map Item data is larger than 16 KiB');
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

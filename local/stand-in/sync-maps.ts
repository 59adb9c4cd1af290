import type { Clock } from '../clock';
import type { Params } from './openapi';
import { SyncLimits, writeUnits } from './sync-limits';
import { createItem, deleteItem, fetchItem, listItems, updateItem } from './sync-map-items';
import {
  applyTtl,
  badRequest,
  conflict,
  lengthOf,
  mapNotFound,
  MAX_UNIQUE_NAME_LENGTH,
  notFound,
  SID_SHAPED,
  ttlSeconds,
  type Expiring,
  type Item,
  type MapAccess,
  type SyncMap,
} from './sync-values';
import { newSid } from './twilio-error';

/**
 * Twilio Sync Maps and Map Items with Sync's rules: opaque revisions and If-Match, TTLs (item
 * and map), names and keys, error codes, and its rate limits (see sync-limits.ts). Every read
 * and write of a map or its items counts against the map; every map created counts against the
 * service.
 *
 * Assumption [sync-refused-requests-cost]: a request refused for the state of the object it
 * reached (54208 exists, 54205 revision moved, 54201 no such item) costs what an accepted one
 * costs, as Sync had to look; one refused for its own content (54003, 54006, 54008, 54010,
 * 54011, 54206, 54209, 54302, 54453, 54454), for a missing Map or a taken unique name (54200,
 * 54300, 54301) costs nothing.
 */
export class SyncMaps {
  private readonly maps = new Map<string, SyncMap>();
  private revisions = 0;
  readonly serviceSid = newSid('IS');
  /** Sync requests the stand-in answered, by kind, for the benchmarks. */
  readonly counts = { reads: 0, writes: 0 };
  /**
   * How far from its date_expires an item or a map really goes, in ms (negative: earlier).
   * Twilio's expiry is approximate: timers "fire inaccurately: up to minutes away from the moment
   * of expiry" (twilio.com/docs/sync/objects-ttl), and an expired item "might not be deleted
   * immediately" (twilio_sync_v1.json, date_expires).
   * Assumption [sync-ttl-exact-by-default]: the stand-in expires objects at their date_expires
   * exactly unless a test sets this; Twilio promises neither, so the project must rely neither on
   * an object living until its date_expires nor on it being gone right after, and a test that
   * needs to show either sets a skew here.
   */
  ttlSkewMs = 0;

  /** What the item operations (sync-map-items.ts) may do to the maps. */
  private readonly access: MapAccess = {
    now: () => this.clock.now(),
    map: (service, name) => this.map(service, name),
    live: (map, key) => this.live(map, key),
    read: (map) => this.read(map),
    write: (map, bytes) => this.write(map, bytes),
    touch: (map) => this.touch(map),
    nextRevision: () => this.nextRevision(),
    itemJson: (map, item) => this.itemJson(map, item),
  };

  constructor(
    private readonly accountSid: string,
    private readonly clock: Clock,
    readonly limits: SyncLimits,
  ) {}

  private nextRevision(): string {
    this.revisions += 1;
    return `r${this.revisions.toString(36)}`;
  }

  private read(map: SyncMap): void {
    this.limits.take('read', map.sid);
    this.counts.reads += 1;
  }

  private write(map: SyncMap, payloadBytes: number): void {
    this.limits.take('write', map.sid, writeUnits(payloadBytes));
    this.counts.writes += 1;
  }

  /**
   * An accepted write to a map or to one of its items.
   * Assumption [sync-map-revision-follows-items]: Twilio keeps a map's history "with every change
   * that triggers a new revision" (Map resource page) without saying which fields move; the
   * stand-in gives the map a new revision and date_updated on every accepted write to it or to
   * any of its items.
   */
  private touch(map: SyncMap): void {
    map.revision = this.nextRevision();
    map.updatedAt = this.clock.now();
  }

  private checkService(service: string): void {
    if (service !== 'default' && service !== this.serviceSid) {
      // twilio.com/docs/api/errors/54050: the Service Instance does not exist.
      throw notFound(54050, `Service ${service} not found`);
    }
  }

  private expired(thing: Expiring): boolean {
    return thing.expiresAt !== undefined && thing.expiresAt + this.ttlSkewMs <= this.clock.now();
  }

  /** The live map with this SID or unique name; an expired one is deleted on the way. */
  private findMap(name: string): SyncMap | undefined {
    const map = [...this.maps.values()].find(
      (candidate) => candidate.sid === name || candidate.uniqueName === name,
    );
    if (map && this.expired(map)) {
      this.maps.delete(map.sid);
      return undefined;
    }
    return map;
  }

  private map(service: string, name: string): SyncMap {
    this.checkService(service);
    const map = this.findMap(name);
    if (!map) throw mapNotFound(name);
    return map;
  }

  private live(map: SyncMap, key: string): Item | undefined {
    const item = map.items.get(key);
    if (item && this.expired(item)) {
      map.items.delete(key);
      return undefined;
    }
    return item;
  }

  createMap(service: string, params: Params): Record<string, unknown> {
    this.checkService(service);
    const uniqueName = typeof params.UniqueName === 'string' ? params.UniqueName : undefined;
    if (uniqueName !== undefined) {
      const length = lengthOf(uniqueName);
      if (length < 1 || length > MAX_UNIQUE_NAME_LENGTH || SID_SHAPED.test(uniqueName))
        throw badRequest(
          54302,
          `Invalid unique name '${uniqueName}': 1 to 256 characters, not shaped like a SID`,
        );
    }
    const ttl = ttlSeconds(params, 'CollectionTtl', 'Ttl');
    if (uniqueName !== undefined && this.findMap(uniqueName)) {
      throw conflict(54301, `Unique name ${uniqueName} already exists`);
    }
    this.limits.take('create-object', this.serviceSid);
    this.counts.writes += 1;
    const now = this.clock.now();
    const map: SyncMap = {
      sid: newSid('MP'),
      uniqueName,
      items: new Map(),
      revision: this.nextRevision(),
      createdAt: now,
      updatedAt: now,
    };
    applyTtl(map, ttl, now);
    this.maps.set(map.sid, map);
    return this.mapJson(map);
  }

  fetchMap(service: string, name: string): Record<string, unknown> {
    const map = this.map(service, name);
    this.read(map);
    return this.mapJson(map);
  }

  createItem(service: string, mapName: string, params: Params): Record<string, unknown> {
    return createItem(this.access, service, mapName, params);
  }

  fetchItem(service: string, mapName: string, key: string): Record<string, unknown> {
    return fetchItem(this.access, service, mapName, key);
  }

  updateItem(
    service: string,
    mapName: string,
    key: string,
    params: Params,
    ifMatch: string | undefined,
  ): Record<string, unknown> {
    return updateItem(this.access, { service, mapName, key }, params, ifMatch);
  }

  deleteItem(service: string, mapName: string, key: string, ifMatch: string | undefined): void {
    deleteItem(this.access, { service, mapName, key }, ifMatch);
  }

  /** One page of a map's items in key order (see sync-map-items.ts). */
  listItems(service: string, mapName: string, query: Params, url: string): Record<string, unknown> {
    return listItems(this.access, { service, mapName }, query, url);
  }

  /**
   * Puts an item in place without a request (and so without counting against any limit), for
   * tests that need a large log to start from. Creates the map when it does not exist.
   */
  seedItem(mapName: string, key: string, data: object): void {
    const now = this.clock.now();
    let map = this.findMap(mapName);
    if (!map) {
      map = {
        sid: newSid('MP'),
        uniqueName: mapName,
        items: new Map(),
        revision: this.nextRevision(),
        createdAt: now,
        updatedAt: now,
      };
      this.maps.set(map.sid, map);
    }
    map.items.set(key, {
      key,
      data: structuredClone(data),
      revision: this.nextRevision(),
      createdAt: now,
      updatedAt: now,
    });
    this.touch(map);
  }

  /** Every live item of a map, for tests and the transcript (no request, no limit). */
  snapshot(mapName: string): Array<{ key: string; data: unknown; revision: string }> {
    const map = this.findMap(mapName);
    return map ? this.liveItems(map) : [];
  }

  /** Every live item of every map whose unique name starts with `prefix` (a sharded log). */
  snapshotOfMaps(prefix: string): Array<{ map: string; key: string; data: unknown }> {
    return [...this.maps.values()]
      .filter((map) => map.uniqueName?.startsWith(prefix) && !this.expired(map))
      .flatMap((map) =>
        this.liveItems(map).map((item) => ({ map: map.uniqueName as string, ...item })),
      );
  }

  private liveItems(map: SyncMap): Array<{ key: string; data: unknown; revision: string }> {
    return [...map.items.keys()].flatMap((key) => {
      const item = this.live(map, key);
      return item ? [{ key, data: structuredClone(item.data), revision: item.revision }] : [];
    });
  }

  private mapJson(map: SyncMap): Record<string, unknown> {
    return {
      sid: map.sid,
      unique_name: map.uniqueName ?? null,
      account_sid: this.accountSid,
      service_sid: this.serviceSid,
      url: `https://sync.twilio.com/v1/Services/${this.serviceSid}/Maps/${map.sid}`,
      revision: map.revision,
      date_expires: map.expiresAt === undefined ? null : new Date(map.expiresAt).toISOString(),
      date_created: new Date(map.createdAt).toISOString(),
      date_updated: new Date(map.updatedAt).toISOString(),
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
      revision: item.revision,
      data: item.data,
      date_expires: item.expiresAt === undefined ? null : new Date(item.expiresAt).toISOString(),
      date_created: new Date(item.createdAt).toISOString(),
      date_updated: new Date(item.updatedAt).toISOString(),
      created_by: 'system',
    };
  }
}

import type { Clock } from '../clock';
import type { Params } from './openapi';
import { SyncLimits, writeUnits } from './sync-limits';
import { newSid, TwilioApiError } from './twilio-error';

/**
 * The largest Data a Map Item holds: 16 KiB (twilio.com/docs/sync/limits, error 54006).
 * Assumption [sync-payload-size-as-sent]: the size is the UTF-8 length of the Data form value
 * as sent (the serialized JSON), which is also what a write's cost is reckoned from; Twilio does
 * not say how it measures.
 */
const MAX_DATA_BYTES = 16 * 1024;
/** A TTL is 0 to 31,536,000 seconds, one year (twilio.com/docs/api/errors/54011). */
const MAX_TTL_SECONDS = 31_536_000;
/**
 * Assumption [sync-item-key-256]: the API reference allows keys of up to 320 characters, error
 * 54209 says 1 to 256; the stand-in takes the stricter, so a key it accepts passes either rule.
 */
const MAX_KEY_LENGTH = 256;
/** Unique names are 1 to 256 long and not shaped like a SID (twilio.com/docs/api/errors/54302). */
const MAX_UNIQUE_NAME_LENGTH = 256;
const SID_SHAPED = /^[A-Z]{2}[a-f0-9]{32}$/;
/** ListSyncMapItem's PageSize: 50 unless given, 1 to 100 (twilio_sync_v1.json). */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/**
 * The length of a key or a unique name, as counted against their limits.
 * Assumption [sync-length-in-utf8-bytes]: Twilio gives the limits as "length 1-256" with no
 * unit; the stand-in counts UTF-8 bytes, the strictest reading, so a name it accepts is accepted
 * whatever Twilio counts (an ASCII name, as the project uses, is the same under every reading).
 */
const lengthOf = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * A request Sync refuses for what it carries, with a Sync code whose page gives no HTTP status
 * (54003, 54008, 54010, 54011, 54206, 54209, 54302, 54453, 54454).
 * Assumption [sync-bad-request-400]: those Sync codes are answered 400, the status Twilio's API
 * gives a request it refuses for its content (as 20001 is).
 */
const badRequest = (code: number, message: string) => new TwilioApiError(400, code, message);

/**
 * Assumption [sync-not-found-404]: the pages of 54050 (Service), 54200 (Map SID), 54300 (unique
 * name) and 54201 (Map Item) give no HTTP status; the stand-in answers 404, as for 20404.
 */
const notFound = (code: number, message: string) => new TwilioApiError(404, code, message);
const mapNotFound = (name: string) =>
  /^MP[0-9a-fA-F]{32}$/.test(name)
    ? notFound(54200, `Map ${name} not found`)
    : notFound(54300, `Unique name ${name} not found`);
const itemNotFound = (key: string) => notFound(54201, `Map Item ${key} not found`);

/**
 * Assumption [sync-conflict-409]: the pages of 54301 (unique name exists) and 54208 (Map Item
 * exists) give no HTTP status; the stand-in answers 409 Conflict, HTTP's status for a create that
 * clashes with what is already there.
 */
const conflict = (code: number, message: string) => new TwilioApiError(409, code, message);

/**
 * Revisions are opaque strings: the description types them as strings, and 54003 / 54205 ask
 * for "a revision assigned by the Sync service", sent back as it came (the ETag).
 * Assumption [sync-revision-tokens]: the stand-in's revisions are `r` and a base-36 number from
 * one sequence for all its objects, so they are never numbers and never step by one within an
 * object: client code that parses or predicts revisions fails here instead of on Twilio.
 */
const REVISION_SHAPE = /^r[0-9a-z]+$/;

interface Expiring {
  /** When its TTL runs out (ms on the stand-in's clock), or undefined for never. */
  expiresAt?: number;
}

interface Item extends Expiring {
  key: string;
  data: object;
  revision: string;
  createdAt: number;
  updatedAt: number;
}

interface SyncMap extends Expiring {
  sid: string;
  uniqueName?: string;
  items: Map<string, Item>;
  revision: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * The value of the first TTL parameter present among `names` (the documented one first, its
 * alias after: "If both parameters are provided, this value is ignored"), in seconds.
 */
function ttlSeconds(params: Params, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = params[name];
    // 54011: a TTL is "either empty or an integer between 0 and 31 536 000".
    if (typeof raw !== 'string' || raw === '') continue;
    const seconds = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(seconds >= 0 && seconds <= MAX_TTL_SECONDS))
      throw badRequest(54011, `Invalid TTL ${name}=${raw}: an integer from 0 to 31536000 seconds`);
    return seconds;
  }
  return undefined;
}

/** ListSyncMapItem's PageSize, refused with 54454 when it is not an integer from 1 to 100. */
function pageSizeOf(raw: Params[string] | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE))
    throw badRequest(54454, `Invalid PageSize ${String(raw)}: an integer from 1 to 100`);
  return size;
}

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

  /** Refuses an If-Match that cannot be a revision, before the request costs anything. */
  private checkIfMatchShape(ifMatch: string | undefined): void {
    // Assumption [sync-if-match-exact]: If-Match is compared as a string with the revision
    // exactly as the body and ETag give it (no quotes stripped, nothing parsed): a value of no
    // revision's shape is 54003 ("not a valid Sync object revision"), another one that differs
    // 54205.
    if (ifMatch !== undefined && !REVISION_SHAPE.test(ifMatch))
      throw badRequest(54003, `Invalid If-Match header: ${ifMatch} is not a revision`);
  }

  private checkRevision(item: Item, ifMatch: string | undefined): void {
    // Assumption [sync-revision-mismatch-412]: 54205's page gives no HTTP status; the stand-in
    // answers 412 Precondition Failed, HTTP's status for an If-Match that does not match.
    if (ifMatch !== undefined && ifMatch !== item.revision) {
      throw new TwilioApiError(
        412,
        54205,
        `The revision of the Map Item does not match the expected revision (${ifMatch})`,
      );
    }
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
    this.applyTtl(map, ttl);
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
    const keyLength = lengthOf(key);
    if (keyLength < 1 || keyLength > MAX_KEY_LENGTH)
      throw badRequest(54209, 'Map Item key is invalid: 1 to 256 characters');
    const data = this.data(params.Data);
    const itemTtl = ttlSeconds(params, 'ItemTtl', 'Ttl');
    const collectionTtl = ttlSeconds(params, 'CollectionTtl');
    this.write(map, data.bytes);
    if (this.live(map, key)) throw conflict(54208, `Map Item ${key} already exists`);
    const now = this.clock.now();
    const item: Item = {
      key,
      data: data.value,
      revision: this.nextRevision(),
      createdAt: now,
      updatedAt: now,
    };
    this.applyTtl(item, itemTtl);
    map.items.set(key, item);
    this.applyTtl(map, collectionTtl);
    this.touch(map);
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
    this.checkIfMatchShape(ifMatch);
    const data = 'Data' in params ? this.data(params.Data) : undefined;
    const itemTtl = ttlSeconds(params, 'ItemTtl', 'Ttl');
    const collectionTtl = ttlSeconds(params, 'CollectionTtl');
    if (data === undefined && itemTtl === undefined) {
      // twilio.com/docs/api/errors/54010: an update needs at least one of its optional
      // parameters. Assumption [sync-collection-ttl-needs-write]: an item update carrying only
      // CollectionTtl is refused with 54010 too, as the description says it "can only be used when
      // the Map Item's data or ttl is updated in the same request" and gives no code of its own.
      throw badRequest(
        54010,
        collectionTtl === undefined
          ? 'No parameters specified: give Data or a TTL'
          : 'CollectionTtl can only be given with Data or a TTL',
      );
    }
    this.write(map, data?.bytes ?? 0);
    const item = this.live(map, key);
    if (!item) throw itemNotFound(key);
    this.checkRevision(item, ifMatch);
    if (data !== undefined) item.data = data.value;
    item.revision = this.nextRevision();
    item.updatedAt = this.clock.now();
    // A TTL "does not advance automatically with data updates" (twilio.com/docs/sync/objects-ttl):
    // without a new one, the item keeps its date_expires.
    this.applyTtl(item, itemTtl);
    this.applyTtl(map, collectionTtl);
    this.touch(map);
    return this.itemJson(map, item);
  }

  deleteItem(service: string, mapName: string, key: string, ifMatch: string | undefined): void {
    const map = this.map(service, mapName);
    this.checkIfMatchShape(ifMatch);
    this.write(map, 0);
    const item = this.live(map, key);
    if (!item) throw itemNotFound(key);
    this.checkRevision(item, ifMatch);
    map.items.delete(key);
    this.touch(map);
  }

  /**
   * One page of a map's items in key order (ascending unless Order=desc), starting at `From`
   * (included unless Bounds=exclusive). A bad PageToken is 54453
   * (twilio.com/docs/api/errors/54453).
   * Assumption [sync-page-token-offset]: Twilio's tokens are its own; the stand-in's is the
   * position to go on from, as the next_page_url it hands out says, and anything else is 54453.
   * Assumption [sync-list-page-one-read]: each page requested costs one read of the map,
   * whatever its size; Twilio counts "querying" an object without saying how.
   */
  listItems(service: string, mapName: string, query: Params, url: string): Record<string, unknown> {
    const map = this.map(service, mapName);
    const pageSize = pageSizeOf(query.PageSize);
    const rawToken = query.PageToken;
    if (rawToken !== undefined && !(typeof rawToken === 'string' && /^\d+$/.test(rawToken)))
      throw badRequest(54453, `Invalid PageToken ${String(rawToken)}`);
    const token = rawToken === undefined ? 0 : Number(rawToken);
    this.read(map);
    const descending = query.Order === 'desc';
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

  /** A Data parameter checked as Sync does, and its size for the write's cost. */
  private data(raw: Params[string] | undefined): { value: object; bytes: number } {
    // twilio.com/docs/api/errors/54206: "The 'Data' parameter cannot be null".
    if (typeof raw !== 'string') throw badRequest(54206, "The 'Data' parameter cannot be null");
    const bytes = Buffer.byteLength(raw);
    // Assumption [sync-data-too-large-413]: 54006's page gives no HTTP status; the stand-in
    // answers 413 Payload Too Large, HTTP's status for a body over a size limit.
    if (bytes > MAX_DATA_BYTES)
      throw new TwilioApiError(413, 54006, 'Map Item data is larger than 16 KiB');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // twilio.com/docs/api/errors/54008: "The specified 'Data' parameter is not valid JSON".
      throw badRequest(54008, "The 'Data' parameter is not valid JSON");
    }
    if (parsed === null) throw badRequest(54206, "The 'Data' parameter cannot be null");
    // Assumption [sync-data-object-only]: JSON that is not an object (an array, a string, a
    // number, a boolean) is refused with 54008, the nearest documented code; Twilio describes
    // Data as "an arbitrary, schema-less object" and documents nothing for other JSON.
    if (typeof parsed !== 'object' || Array.isArray(parsed))
      throw badRequest(54008, "The 'Data' parameter must be a JSON object");
    return { value: parsed, bytes };
  }

  /**
   * Sets or clears a TTL; undefined leaves it as it is.
   * Assumption [sync-ttl-zero-never-expires]: a TTL of 0 (allowed by 54011) removes the expiry,
   * leaving the object permanent as it is by default (54011 allows 0 without saying what it
   * does).
   */
  private applyTtl(thing: Expiring, seconds: number | undefined): void {
    if (seconds === undefined) return;
    thing.expiresAt = seconds > 0 ? this.clock.now() + seconds * 1000 : undefined;
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

import type { Params } from './openapi';
import {
  applyTtl,
  badRequest,
  checkIfMatchShape,
  checkRevision,
  conflict,
  itemNotFound,
  lengthOf,
  MAX_KEY_LENGTH,
  pageSizeOf,
  parseData,
  ttlSeconds,
  type Item,
  type MapAccess,
} from './sync-values';

/** Sync Map Items: create, fetch, update, delete and list, with Sync's rules. */
export function createItem(
  maps: MapAccess,
  service: string,
  mapName: string,
  params: Params,
): Record<string, unknown> {
  const map = maps.map(service, mapName);
  const key = typeof params.Key === 'string' ? params.Key : '';
  const keyLength = lengthOf(key);
  if (keyLength < 1 || keyLength > MAX_KEY_LENGTH)
    throw badRequest(54209, 'Map Item key is invalid: 1 to 256 characters');
  const data = parseData(params.Data);
  const itemTtl = ttlSeconds(params, 'ItemTtl', 'Ttl');
  const collectionTtl = ttlSeconds(params, 'CollectionTtl');
  maps.write(map, data.bytes);
  if (maps.live(map, key)) throw conflict(54208, `Map Item ${key} already exists`);
  const now = maps.now();
  const item: Item = {
    key,
    data: data.value,
    revision: maps.nextRevision(),
    createdAt: now,
    updatedAt: now,
  };
  applyTtl(item, itemTtl, now);
  map.items.set(key, item);
  applyTtl(map, collectionTtl, now);
  maps.touch(map);
  return maps.itemJson(map, item);
}

export function fetchItem(
  maps: MapAccess,
  service: string,
  mapName: string,
  key: string,
): Record<string, unknown> {
  const map = maps.map(service, mapName);
  maps.read(map);
  const item = maps.live(map, key);
  if (!item) throw itemNotFound(key);
  return maps.itemJson(map, item);
}

export function updateItem(
  maps: MapAccess,
  target: { service: string; mapName: string; key: string },
  params: Params,
  ifMatch: string | undefined,
): Record<string, unknown> {
  const map = maps.map(target.service, target.mapName);
  checkIfMatchShape(ifMatch);
  const data = 'Data' in params ? parseData(params.Data) : undefined;
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
  maps.write(map, data?.bytes ?? 0);
  const item = maps.live(map, target.key);
  if (!item) throw itemNotFound(target.key);
  checkRevision(item, ifMatch);
  if (data !== undefined) item.data = data.value;
  item.revision = maps.nextRevision();
  item.updatedAt = maps.now();
  // A TTL "does not advance automatically with data updates" (twilio.com/docs/sync/objects-ttl):
  // without a new one, the item keeps its date_expires.
  applyTtl(item, itemTtl, maps.now());
  applyTtl(map, collectionTtl, maps.now());
  maps.touch(map);
  return maps.itemJson(map, item);
}

export function deleteItem(
  maps: MapAccess,
  target: { service: string; mapName: string; key: string },
  ifMatch: string | undefined,
): void {
  const map = maps.map(target.service, target.mapName);
  checkIfMatchShape(ifMatch);
  maps.write(map, 0);
  const item = maps.live(map, target.key);
  if (!item) throw itemNotFound(target.key);
  checkRevision(item, ifMatch);
  map.items.delete(target.key);
  maps.touch(map);
}

/** The page's links: each page's URL keeps the list's From, Bounds, Order and PageSize. */
function pageLinks(url: string, query: Params, pageSize: number, token: number, total: number) {
  const base = new URLSearchParams();
  if (typeof query.From === 'string') base.set('From', query.From);
  if (query.Bounds) base.set('Bounds', String(query.Bounds));
  if (query.Order) base.set('Order', String(query.Order));
  base.set('PageSize', String(pageSize));
  const pageUrl = (start: number) => {
    const params = new URLSearchParams(base);
    if (start > 0) params.set('PageToken', String(start));
    return `${url}?${params}`;
  };
  return {
    page: Math.floor(token / pageSize),
    page_size: pageSize,
    first_page_url: pageUrl(0),
    previous_page_url: token > 0 ? pageUrl(Math.max(0, token - pageSize)) : null,
    url: pageUrl(token),
    next_page_url: token + pageSize < total ? pageUrl(token + pageSize) : null,
    key: 'items',
  };
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
export function listItems(
  maps: MapAccess,
  target: { service: string; mapName: string },
  query: Params,
  url: string,
): Record<string, unknown> {
  const map = maps.map(target.service, target.mapName);
  const pageSize = pageSizeOf(query.PageSize);
  const rawToken = query.PageToken;
  if (rawToken !== undefined && !(typeof rawToken === 'string' && /^\d+$/.test(rawToken)))
    throw badRequest(54453, `Invalid PageToken ${String(rawToken)}`);
  const token = rawToken === undefined ? 0 : Number(rawToken);
  maps.read(map);
  const descending = query.Order === 'desc';
  const keys = [...map.items.keys()]
    .filter((key) => maps.live(map, key))
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
    .map((key) => maps.itemJson(map, map.items.get(key) as Item));
  return { items: page, meta: pageLinks(url, query, pageSize, token, selected.length) };
}

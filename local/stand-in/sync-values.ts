import type { Params } from './openapi';
import { TwilioApiError } from './twilio-error';

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
export const MAX_KEY_LENGTH = 256;
/** Unique names are 1 to 256 long and not shaped like a SID (twilio.com/docs/api/errors/54302). */
export const MAX_UNIQUE_NAME_LENGTH = 256;
export const SID_SHAPED = /^[A-Z]{2}[a-f0-9]{32}$/;
/** ListSyncMapItem's PageSize: 50 unless given, 1 to 100 (twilio_sync_v1.json). */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/**
 * The length of a key or a unique name, as counted against their limits.
 * Assumption [sync-length-in-utf8-bytes]: Twilio gives the limits as "length 1-256" with no
 * unit; the stand-in counts UTF-8 bytes, the strictest reading, so a name it accepts is accepted
 * whatever Twilio counts (an ASCII name, as the project uses, is the same under every reading).
 */
export const lengthOf = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * A request Sync refuses for what it carries, with a Sync code whose page gives no HTTP status
 * (54003, 54008, 54010, 54011, 54206, 54209, 54302, 54453, 54454).
 * Assumption [sync-bad-request-400]: those Sync codes are answered 400, the status Twilio's API
 * gives a request it refuses for its content (as 20001 is).
 */
export const badRequest = (code: number, message: string) => new TwilioApiError(400, code, message);

/**
 * Assumption [sync-not-found-404]: the pages of 54050 (Service), 54200 (Map SID), 54300 (unique
 * name) and 54201 (Map Item) give no HTTP status; the stand-in answers 404, as for 20404.
 */
export const notFound = (code: number, message: string) => new TwilioApiError(404, code, message);
export const mapNotFound = (name: string) =>
  /^MP[0-9a-fA-F]{32}$/.test(name)
    ? notFound(54200, `Map ${name} not found`)
    : notFound(54300, `Unique name ${name} not found`);
export const itemNotFound = (key: string) => notFound(54201, `Map Item ${key} not found`);

/**
 * Assumption [sync-conflict-409]: the pages of 54301 (unique name exists) and 54208 (Map Item
 * exists) give no HTTP status; the stand-in answers 409 Conflict, HTTP's status for a create that
 * clashes with what is already there.
 */
export const conflict = (code: number, message: string) => new TwilioApiError(409, code, message);

/**
 * Revisions are opaque strings: the description types them as strings, and 54003 / 54205 ask
 * for "a revision assigned by the Sync service", sent back as it came (the ETag).
 * Assumption [sync-revision-tokens]: the stand-in's revisions are `r` and a base-36 number from
 * one sequence for all its objects, so they are never numbers and never step by one within an
 * object: client code that parses or predicts revisions fails here instead of on Twilio.
 */
const REVISION_SHAPE = /^r[0-9a-z]+$/;

export interface Expiring {
  /** When its TTL runs out (ms on the stand-in's clock), or undefined for never. */
  expiresAt?: number;
}

export interface Item extends Expiring {
  key: string;
  data: object;
  revision: string;
  createdAt: number;
  updatedAt: number;
}

export interface SyncMap extends Expiring {
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
export function ttlSeconds(params: Params, ...names: string[]): number | undefined {
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
export function pageSizeOf(raw: Params[string] | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE))
    throw badRequest(54454, `Invalid PageSize ${String(raw)}: an integer from 1 to 100`);
  return size;
}

/** Refuses an If-Match that cannot be a revision, before the request costs anything. */
export function checkIfMatchShape(ifMatch: string | undefined): void {
  // Assumption [sync-if-match-exact]: If-Match is compared as a string with the revision
  // exactly as the body and ETag give it (no quotes stripped, nothing parsed): a value of no
  // revision's shape is 54003 ("not a valid Sync object revision"), another one that differs
  // 54205.
  if (ifMatch !== undefined && !REVISION_SHAPE.test(ifMatch))
    throw badRequest(54003, `Invalid If-Match header: ${ifMatch} is not a revision`);
}

export function checkRevision(item: Item, ifMatch: string | undefined): void {
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

/** A Data parameter checked as Sync does, and its size for the write's cost. */
export function parseData(raw: Params[string] | undefined): { value: object; bytes: number } {
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
 * Sets or clears a TTL at `now`; undefined leaves it as it is.
 * Assumption [sync-ttl-zero-never-expires]: a TTL of 0 (allowed by 54011) removes the expiry,
 * leaving the object permanent as it is by default (54011 allows 0 without saying what it
 * does).
 */
export function applyTtl(thing: Expiring, seconds: number | undefined, now: number): void {
  if (seconds === undefined) return;
  thing.expiresAt = seconds > 0 ? now + seconds * 1000 : undefined;
}

/** What the item operations need of the maps they act on (SyncMaps gives it). */
export interface MapAccess {
  now(): number;
  /** The live map (a 54050 or 54200 / 54300 when there is none). */
  map(service: string, name: string): SyncMap;
  /** The live item, or undefined (an expired one is deleted on the way). */
  live(map: SyncMap, key: string): Item | undefined;
  /** Counts a read of the map against its limit (a 54009 when it is used up). */
  read(map: SyncMap): void;
  /** Counts a write of `payloadBytes` to the map against its limit. */
  write(map: SyncMap, payloadBytes: number): void;
  /** An accepted write to the map or one of its items: a new revision for the map. */
  touch(map: SyncMap): void;
  nextRevision(): string;
  itemJson(map: SyncMap, item: Item): Record<string, unknown>;
}

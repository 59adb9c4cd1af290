import { errorMessage } from '../errors';
import { failure, type Failure } from '../failure';
import type { Result } from '../result';
import { retry, send, type Budget } from '../retry';

// Sync's error codes (twilio.com/docs/api/errors/NNNNN).
export const SYNC_ERRORS = {
  RATE_LIMITED: 54009,
  DOCUMENT_NOT_FOUND: 54100,
  MAP_NOT_FOUND: 54200,
  ITEM_NOT_FOUND: 54201,
  REVISION_MISMATCH: 54205,
  ITEM_ALREADY_EXISTS: 54208,
  UNIQUE_NAME_NOT_FOUND: 54300,
  UNIQUE_NAME_ALREADY_EXISTS: 54301,
  RESOURCE_NOT_FOUND: 20404,
} as const;

/** Twilio's error code of what twilio-node threw, when it carries one. */
export function twilioErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Worth sending again: Sync's 429 (54009, the object's 20/s is used up; nothing was applied),
 * the account's 429 (20429, never processed), a 5xx, a timeout or a lost connection. Every
 * request the log makes may be repeated safely: an entry's create is refused as a duplicate
 * (54208) if the first one landed, and a read changes nothing.
 */
function isTransient(error: unknown): boolean {
  if (twilioErrorCode(error) === SYNC_ERRORS.RATE_LIMITED) return true;
  const status = httpStatus(error);
  return status === undefined || status === 429 || status >= 500;
}

/** What a failed Sync request means for the log: unavailable, and whether to try again. */
export function classifySyncError(error: unknown): Failure {
  const code = twilioErrorCode(error);
  return failure('recording-log-unavailable', `Sync: ${errorMessage(error)}`, {
    detail: code !== undefined ? String(code) : (httpStatus(error)?.toString() ?? undefined),
    transient: isTransient(error),
  });
}

/**
 * The object a request addressed by its unique name does not exist. Twilio documents 54300
 * for that, beside 54200 (Map) and 54100 (Document) for a SID, and a plain 20404: any of them
 * means "create it first".
 */
export function isMissingObject(failed: Failure): boolean {
  const missing: readonly number[] = [
    SYNC_ERRORS.UNIQUE_NAME_NOT_FOUND,
    SYNC_ERRORS.MAP_NOT_FOUND,
    SYNC_ERRORS.DOCUMENT_NOT_FOUND,
    SYNC_ERRORS.RESOURCE_NOT_FOUND,
  ];
  return missing.includes(Number(failed.detail));
}

/** A create refused because the key is taken: another writer (or an earlier try) was first. */
export function isAlreadyStored(failed: Failure): boolean {
  return Number(failed.detail) === SYNC_ERRORS.ITEM_ALREADY_EXISTS || failed.detail === '409';
}

/** A unique name taken by another writer first: the object exists, which is what was wanted. */
export function isNameTaken(failed: Failure): boolean {
  return (
    Number(failed.detail) === SYNC_ERRORS.UNIQUE_NAME_ALREADY_EXISTS || failed.detail === '409'
  );
}

/** The item is not there (54201, or a plain 20404): for a removal, it is gone already. */
export function isMissingItem(failed: Failure): boolean {
  const missing: readonly number[] = [
    SYNC_ERRORS.ITEM_NOT_FOUND,
    SYNC_ERRORS.MAP_NOT_FOUND,
    SYNC_ERRORS.UNIQUE_NAME_NOT_FOUND,
    SYNC_ERRORS.RESOURCE_NOT_FOUND,
  ];
  return missing.includes(Number(failed.detail));
}

/** One Sync request, sent again after a backoff while it fails for a passing reason. */
export function syncRequest<T>(
  within: Budget,
  request: () => Promise<T>,
): Promise<Result<T, Failure>> {
  return retry(within, () => send(within, request, classifySyncError));
}

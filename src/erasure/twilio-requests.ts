import type { Failure } from '../failure';
import { classifyRequestError } from '../recording/request-failure';
import { err, ok, type Result } from '../result';
import { retry, send, type Budget } from '../retry';
import { noting, type AnswerHeaders } from '../twilio/answer-headers';

/**
 * One REST request inside the budget, tried again while it fails for a passing reason (20429,
 * a 5xx, 21501 once its Retry-After has passed, a timeout). `noted` ends with the headers of
 * the last answer: Twilio's clock when it answered, whatever the answer was.
 */
export function restRequest<T>(
  within: Budget,
  request: () => Promise<T>,
  noted: AnswerHeaders = {},
): Promise<Result<T, Failure>> {
  return retry(within, async () => {
    noted.retryAfterMs = undefined;
    const sent = await send(within, () => noting(noted, request), classifyRequestError);
    if (sent.ok || noted.retryAfterMs === undefined) return sent;
    return err({ ...sent.error, retryAfterMs: noted.retryAfterMs });
  });
}

/** Twilio's clock as its last answer gave it, or the budget's clock when no answer said. */
export function twilioTime(noted: AnswerHeaders, within: Budget): number {
  return noted.date ?? within.now();
}

/** A page of a Twilio list as twilio-node gives it (narrowed to what walking it needs). */
export interface ListPage<T> {
  instances: T[];
  nextPageUrl?: string;
  nextPage(): Promise<ListPage<T>> | undefined;
}

/**
 * Every item of a list, page after page, each page one request (retried as above). A list is
 * read to the end before anything in it is changed: Twilio's page tokens may name an item
 * that a deletion removes.
 */
export async function readAllPages<T>(
  within: Budget,
  first: () => Promise<ListPage<T>>,
  noted: AnswerHeaders = {},
): Promise<Result<T[], Failure>> {
  const opened = await restRequest(within, first, noted);
  if (!opened.ok) return opened;
  const items: T[] = [];
  let page: ListPage<T> | undefined = opened.value;
  while (page) {
    items.push(...page.instances);
    if (!page.nextPageUrl) break;
    const current: ListPage<T> = page;
    const next = await restRequest(within, async () => current.nextPage(), noted);
    if (!next.ok) return next;
    page = next.value;
  }
  return ok(items);
}

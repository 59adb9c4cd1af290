import type { Params } from './openapi';
import { TwilioApiError } from './twilio-error';

/** The most items one page of a 2010-04-01 list holds (`PageSize` is 1 to 1000). */
const MAX_PAGE_SIZE = 1000;

/**
 * One page of a 2010-04-01 list, in the envelope Twilio answers with: the items under `key`,
 * then page, page_size, start, end and the page URIs. `Page` and `PageToken` say where the page
 * starts; the token is the stand-in's own (`PT` and the start index), as Twilio's is opaque.
 */
export function apiPage<T>(
  key: string,
  items: T[],
  query: Params,
  uri: string,
  toJson: (item: T) => unknown,
): Record<string, unknown> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(query.PageSize ?? 50)));
  const page = Math.max(0, Number(query.Page ?? 0));
  const token = typeof query.PageToken === 'string' ? /^PT(\d+)$/.exec(query.PageToken) : null;
  if (typeof query.PageToken === 'string' && !token)
    throw new TwilioApiError(400, 20001, `Invalid PageToken ${query.PageToken}`);
  const start = token ? Number(token[1]) : page * pageSize;
  const slice = items.slice(start, start + pageSize);
  const pageUri = (at: number, number: number) =>
    `${uri}?PageSize=${pageSize}&Page=${number}${at > 0 ? `&PageToken=PT${at}` : ''}`;
  return {
    [key]: slice.map(toJson),
    page,
    page_size: pageSize,
    start,
    end: start + Math.max(0, slice.length - 1),
    uri: pageUri(start, page),
    first_page_uri: pageUri(0, 0),
    next_page_uri: start + pageSize < items.length ? pageUri(start + pageSize, page + 1) : null,
    previous_page_uri: page > 0 ? pageUri(Math.max(0, start - pageSize), page - 1) : null,
  };
}

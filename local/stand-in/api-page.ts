import { firstValue, type Params } from './openapi';
import { TwilioApiError } from './twilio-error';

/** The most items one page holds (`PageSize` is 1 to 1000) and the default. */
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

/** The parameters that say where a page is; every other query parameter is a filter. */
const PAGING = new Set(['Page', 'PageSize', 'PageToken']);

/**
 * How a list names where a page starts. Twilio's `PageToken` is opaque ("provided by the API"),
 * so each list picks its own: by position, or by the last item of the previous page (which
 * holds a page still while new items arrive at the front of a newest-first list).
 */
export interface PageToken<T> {
  /** The token of the page starting at `start` (> 0) of `items`. */
  make(items: readonly T[], start: number): string;
  /** Where the page a token names starts, or undefined when the list gave no such token. */
  read(items: readonly T[], token: string): number | undefined;
}

/** `PT` and the index of the page's first item. */
export const positionToken: PageToken<unknown> = {
  make: (_items, start) => `PT${start}`,
  read: (items, token) => {
    const match = /^PT(\d+)$/.exec(token);
    const start = match ? Number(match[1]) : NaN;
    return Number.isSafeInteger(start) && start <= items.length ? start : undefined;
  },
};

/** `PA` and the id of the previous page's last item. */
export function afterItemToken<T>(id: (item: T) => string): PageToken<T> {
  return {
    make: (items, start) => `PA${id(items[start - 1])}`,
    read: (items, token) => {
      const index = items.findIndex((item) => `PA${id(item)}` === token);
      return index < 0 ? undefined : index + 1;
    },
  };
}

/** Where one page of a list starts and ends, and the tokens of its neighbours. */
export interface PageWindow<T> {
  items: T[];
  /** `Page` as the client sent it (0 if not): "simply for client state", so only echoed. */
  page: number;
  pageSize: number;
  start: number;
  /** The query of the page starting at `start`, filters kept; undefined past either end. */
  query(start: number): URLSearchParams | undefined;
  next?: number;
  previous?: number;
}

/**
 * One page of `items` as a query asks for it: `PageSize` items (default 50) from where its
 * `PageToken` says, the first page without one. `Page` alone moves nothing: the API description
 * calls it "simply for client state". The neighbours' queries keep every filter the request
 * carried, so following `next_page_uri` reads the same list.
 */
export function pageWindow<T>(
  items: readonly T[],
  query: Params,
  token: PageToken<NoInfer<T>>,
): PageWindow<T> {
  const pageSize = Math.min(
    MAX_PAGE_SIZE,
    Math.max(1, Number(firstValue(query, 'PageSize') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
  );
  const page = Math.max(0, Number(firstValue(query, 'Page') ?? 0) || 0);
  const given = firstValue(query, 'PageToken');
  const start = given === undefined ? 0 : token.read(items, given);
  // Assumption [page-token-invalid-400]: a PageToken the list never gave answers 400 (20001);
  // Twilio documents the token as its own and says nothing of a forged one.
  if (start === undefined) throw new TwilioApiError(400, 20001, `Invalid PageToken ${given}`);
  const filters = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (!PAGING.has(name))
      for (const one of ([] as string[]).concat(value)) filters.append(name, one);
  const pageOf = (at: number) => Math.max(0, page + Math.round((at - start) / pageSize));
  return {
    items: items.slice(start, start + pageSize),
    page,
    pageSize,
    start,
    next: start + pageSize < items.length ? start + pageSize : undefined,
    previous: start > 0 ? Math.max(0, start - pageSize) : undefined,
    query: (at) => {
      if (at < 0 || at > items.length) return undefined;
      const params = new URLSearchParams(filters);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(pageOf(at)));
      if (at > 0) params.set('PageToken', token.make(items, at));
      return params;
    },
  };
}

/**
 * One page of a 2010-04-01 list, in the envelope Twilio answers with: the items under `key`,
 * then page, page_size, start, end and the page URIs.
 */
export function apiPage<T>(
  key: string,
  items: readonly T[],
  query: Params,
  uri: string,
  toJson: (item: T) => unknown,
  token: PageToken<NoInfer<T>> = positionToken,
): Record<string, unknown> {
  const window = pageWindow(items, query, token);
  const at = (start: number | undefined) =>
    start === undefined ? null : `${uri}?${window.query(start)}`;
  return {
    [key]: window.items.map(toJson),
    page: window.page,
    page_size: window.pageSize,
    start: window.start,
    end: window.start + Math.max(0, window.items.length - 1),
    uri: at(window.start),
    first_page_uri: at(0),
    next_page_uri: at(window.next),
    previous_page_uri: at(window.previous),
  };
}

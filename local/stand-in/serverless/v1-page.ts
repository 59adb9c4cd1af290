import { pageWindow, positionToken } from '../api-page';
import type { Params } from '../openapi';

/**
 * One page of a Serverless v1 list, in the v1 envelope: the items under `key`, then `meta`
 * with absolute page URLs, paged as every list of the stand-in is (api-page.ts).
 */
export function v1Page<T>(
  key: string,
  items: readonly T[],
  query: Params,
  url: string,
  toJson: (item: T) => unknown,
): Record<string, unknown> {
  const window = pageWindow(items, query, positionToken);
  const at = (start: number | undefined) =>
    start === undefined ? null : `${url}?${window.query(start)}`;
  return {
    [key]: window.items.map(toJson),
    meta: {
      page: window.page,
      page_size: window.pageSize,
      first_page_url: at(0),
      previous_page_url: at(window.previous),
      url: at(window.start),
      next_page_url: at(window.next),
      key,
    },
  };
}

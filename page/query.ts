// The query string of GET /dashboard-calls. No DOM here, so that it can be unit-tested.
import type { STATUS_FILTERS } from '../src/dashboard/view';
import type { PAGE_ROUTE_PATHS } from '../src/route-paths';

export type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * The contract's list, restated because the page imports only types from the server's code;
 * the annotation makes the type checker fail if the two lists ever differ.
 */
export const STATUS_CHOICES: typeof STATUS_FILTERS = ['completed', 'absent', 'failed'];

export interface CallFilters {
  /** Exact CallSid. */
  callSid?: string;
  status?: StatusFilter;
  /** YYYY-MM-DD: calls that started that day, in UTC. */
  date?: string;
}

// Annotated with the server's own route, so the two cannot drift apart.
export const CALLS_PATH: (typeof PAGE_ROUTE_PATHS)['dashboardCalls'] = '/dashboard-calls';
export const ERASE_PATH: (typeof PAGE_ROUTE_PATHS)['dashboardErase'] = '/dashboard-erase';

export function isStatusFilter(value: string): value is StatusFilter {
  return (STATUS_CHOICES as readonly string[]).includes(value);
}

/** The path and query for one page of calls; empty filters are left out. */
export function callsPath(filters: CallFilters, pageToken?: string): string {
  const query = new URLSearchParams();
  const callSid = filters.callSid?.trim();
  if (callSid) query.set('CallSid', callSid);
  if (filters.status) query.set('Status', filters.status);
  const date = filters.date?.trim();
  if (date) query.set('Date', date);
  if (pageToken) query.set('PageToken', pageToken);
  const text = query.toString();
  return text ? `${CALLS_PATH}?${text}` : CALLS_PATH;
}

/**
 * The audio path the server gave, only if it stays on this origin: the request carries the
 * password, so it must never go anywhere else.
 */
export function sameOriginPath(path: string, origin: string): string | undefined {
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  try {
    const url = new URL(path, origin);
    return url.origin === origin ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}

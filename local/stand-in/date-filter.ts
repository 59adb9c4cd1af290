import { firstValue, type Params } from './openapi';
import { TwilioApiError } from './twilio-error';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a date filter's value names. The API description gives the lists' date filters
 * as a GMT date, `YYYY-MM-DD`: `X<=YYYY-MM-DD` reads what falls "on or before midnight of this
 * date", `X>=YYYY-MM-DD` "on or after midnight of this date" (ListCall's StartTime and EndTime,
 * ListRecording's DateCreated, in the same words). So a date alone is midnight at the start of
 * that GMT day, for both inequalities. twilio-node sends a date-time instead (ISO 8601), which
 * is that instant.
 */
export function dateBound(value: string, name: string): number {
  const instant = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  // Assumption [date-filter-unparsable-400]: a value that is neither a date nor an ISO 8601
  // date-time answers 400 (20001), as a value outside a parameter's set does.
  if (!Number.isFinite(instant))
    throw new TwilioApiError(400, 20001, `${name} '${value}' is not YYYY-MM-DD or ISO 8601`);
  return instant;
}

/**
 * A list's date filter on one field, `name` (on that GMT day; a date-time's day), `name<` (on
 * or before) and `name>` (on or after), as a test of an instant; undefined (no date) passes only
 * when no filter is given. Instants compare at whole seconds, the precision the resource's
 * dates show.
 */
export function dateFilter(query: Params, name: string): (at: number | undefined) => boolean {
  const value = (suffix: string) => {
    const given = firstValue(query, `${name}${suffix}`);
    return given === undefined ? undefined : dateBound(given, `${name}${suffix}`);
  };
  const on = value('');
  const day = on === undefined ? undefined : on - (on % DAY_MS);
  const before = value('<');
  const after = value('>');
  if (day === undefined && before === undefined && after === undefined) return () => true;
  return (at) => {
    if (at === undefined) return false;
    const second = at - (at % 1000);
    if (day !== undefined && (second < day || second >= day + DAY_MS)) return false;
    if (before !== undefined && second > before) return false;
    return after === undefined || second >= after;
  };
}

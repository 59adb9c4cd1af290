import { LOG } from '../config/log-settings';
import { PAGE_PASSWORD } from '../config/page-settings';
import { TWILIO } from '../config/twilio-settings';
import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { Settings } from '../config/settings';
import { logEvent } from '../logger';
import { readCallLog } from '../recording-log/recording-log';
import type { Fields } from '../request/fields';
import { budget } from '../retry';
import type { Headers } from '../runtime/function-handler';
import { failureResponse, jsonResponse } from '../runtime/response';
import { withDashboardClient } from './access';
import { callsPage, parseCallsQuery } from './calls-page';

/** The time a page of calls may take, every request included, inside the Function's 10 seconds. */
const PAGE_BUDGET_MS = 7000;

/** /dashboard-calls: one page of calls for the recordings page (password required). */
/** What the route reads of the settings. */
export const DASHBOARD_CALLS_SETTINGS = { twilio: TWILIO, log: LOG, pagePassword: PAGE_PASSWORD };

export function dashboardCalls(
  settings: Pick<Settings, 'twilio' | 'log' | 'pagePassword'>,
  event: Fields,
  headers: Headers,
): Promise<TwilioResponse> {
  return withDashboardClient(settings, headers, async (client) => {
    const query = parseCallsQuery(event);
    if (!query.ok) return failureResponse(query.error);
    const within = budget(PAGE_BUDGET_MS, settings.twilio.restTimeoutMs);
    const readLog = (callSid: string) => readCallLog(settings, callSid);
    const page = await callsPage(client, readLog, query.value, within);
    if (page.ok) return jsonResponse(200, page.value);
    logEvent('error', 'dashboard.twilio-unavailable', { message: page.error.message });
    return failureResponse(page.error);
  });
}

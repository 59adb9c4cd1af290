import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { errorMessage } from '../errors';
import { logEvent } from '../logger';
import { callLog } from '../recording-log/recording-log';
import type { Fields } from '../request/fields';
import type { Headers } from '../runtime/function-handler';
import { badRequest, jsonResponse } from '../runtime/response';
import { withDashboardClient } from './access';
import { callsPage, parseCallsQuery } from './calls-page';

/** /dashboard-calls: one page of calls for the recordings page (password required). */
export function dashboardCalls(
  env: Fields,
  event: Fields,
  headers: Headers,
): Promise<TwilioResponse> {
  return withDashboardClient(env, headers, async (client) => {
    const query = parseCallsQuery(event);
    if (!query.ok) return badRequest(query.error);
    try {
      const page = await callsPage(client, (callSid) => callLog(env, callSid), query.value);
      return jsonResponse(200, page);
    } catch (error) {
      logEvent('error', 'dashboard.twilio-unavailable', { message: errorMessage(error) });
      return jsonResponse(502, {
        error: 'twilio-unavailable',
        message: `Twilio could not be read: ${errorMessage(error)}`,
      });
    }
  });
}

import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { integerSetting } from '../config/defaults';
import { errorMessage } from '../errors';
import { logEvent } from '../logger';
import { callLog } from '../recording-log/recording-log';
import type { Fields } from '../request/fields';
import type { Headers } from '../runtime/function-handler';
import { badRequest, jsonResponse } from '../runtime/response';
import { createRestClient } from '../twilio/rest-client';
import { NO_STORE, refuseWithoutPassword } from './access';
import { callsPage, parseCallsQuery } from './calls-page';

/** /dashboard-calls: one page of calls for the recordings page (password required). */
export async function dashboardCalls(
  env: Fields,
  event: Fields,
  headers: Headers,
): Promise<TwilioResponse> {
  const refused = refuseWithoutPassword(env, headers);
  if (refused) return refused;
  const query = parseCallsQuery(event);
  if (!query.ok) return badRequest(query.error, NO_STORE);
  const client = createRestClient(env, { timeoutMs: integerSetting(env, 'REST_TIMEOUT_MS') });
  if (!client.ok) {
    return jsonResponse(503, { error: 'missing-credentials', message: client.error }, NO_STORE);
  }
  try {
    const page = await callsPage(client.value, (callSid) => callLog(env, callSid), query.value);
    return jsonResponse(200, page, NO_STORE);
  } catch (error) {
    logEvent('error', 'dashboard.twilio-unavailable', { message: errorMessage(error) });
    return jsonResponse(
      502,
      { error: 'twilio-unavailable', message: `Twilio could not be read: ${errorMessage(error)}` },
      NO_STORE,
    );
  }
}

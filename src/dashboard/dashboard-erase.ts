import { LOG } from '../config/log-settings';
import { PAGE_PASSWORD } from '../config/page-settings';
import { TWILIO } from '../config/twilio-settings';
import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { Settings } from '../config/settings';
import { eraseCall } from '../erasure/erase-call';
import { checkReason } from '../erasure/erasure-plan';
import { erasureServices } from '../erasure/erasure-services';
import type { CallErasure } from '../erasure/erasure-types';
import { failure, fieldFailure, type Failure } from '../failure';
import { logEvent } from '../logger';
import { readField, readSid, type FieldError, type Fields } from '../request/fields';
import { err, ok, type Result } from '../result';
import type { Headers } from '../runtime/function-handler';
import { failureResponse, jsonResponse } from '../runtime/response';
import { withDashboardClient } from './access';
import { PAGE_HEADER, type EraseAnswer } from './view';

/** The erasure's time, every request and wait included, inside the Function's 10 seconds. */
const ERASE_BUDGET_MS = 7500;

/**
 * POST /dashboard-erase (CallSid, optional Reason): the recordings page's "Delete recordings".
 * Erases the call as npm run erase does (means `page`): the same password as /dashboard-calls,
 * then only the page's own POST, so that another site cannot make a signed-in browser send it.
 */
/** What the route reads of the settings. */
export const DASHBOARD_ERASE_SETTINGS = { twilio: TWILIO, log: LOG, pagePassword: PAGE_PASSWORD };

export function dashboardErase(
  settings: Pick<Settings, 'twilio' | 'log' | 'pagePassword'>,
  event: Fields,
  headers: Headers,
): Promise<TwilioResponse> {
  return withDashboardClient(settings, headers, async () => {
    const refused = refuseUnlessPagePost(headers);
    if (refused) return refused;
    const request = readEraseRequest(event);
    if (!request.ok) return failureResponse(request.error);
    const services = erasureServices(settings, { budgetMs: ERASE_BUDGET_MS });
    if (!services.ok) return failureResponse(services.error);
    const erased = await eraseCall(services.value, {
      ...request.value,
      means: 'page',
      apply: true,
    });
    return answerFor(erased);
  });
}

/**
 * The runtime hands a Function no request method, so a POST is told by its body.
 * Assumption [page-erase-post-by-content-type]: a request whose Content-Type is not a form's
 * (or JSON) carries no body to read, so it is no POST of the page's and is refused with 405;
 * Twilio documents only that GET, POST and OPTIONS reach a Function, not how one can tell them
 * apart. X-Requested-With is a header another site's page cannot send without the service's
 * leave (it would need CORS, which the service never grants), so it shows the page sent it.
 */
function refuseUnlessPagePost(headers: Headers): TwilioResponse | undefined {
  const type = String(headers['content-type'] ?? '').toLowerCase();
  if (!/^(application\/x-www-form-urlencoded|application\/json)\b/.test(type))
    return failureResponse(
      failure('method-not-allowed', 'POST a form: CallSid=CA… and, if you like, Reason=…'),
      { Allow: 'POST' },
    );
  if (headers[PAGE_HEADER.name] !== PAGE_HEADER.value)
    return failureResponse(
      failure(
        'forbidden',
        `Send the header ${PAGE_HEADER.name}: ${PAGE_HEADER.value}, as the recordings page does`,
      ),
    );
  return undefined;
}

function readEraseRequest(event: Fields): Result<{ callSid: string; reason?: string }, Failure> {
  const errors: FieldError[] = [];
  const callSid = readSid(event, 'CallSid', { required: true });
  if (callSid.error) errors.push(callSid.error);
  const given = readField(event, 'Reason');
  if (given.error) errors.push(given.error);
  const reason = checkReason(given.value);
  if (reason.error) errors.push({ field: 'Reason', message: reason.error });
  if (errors.length > 0 || !callSid.value) return err(fieldFailure('invalid-input', errors));
  return ok({ callSid: callSid.value, ...(reason.reason ? { reason: reason.reason } : {}) });
}

function answerFor(erased: CallErasure): TwilioResponse {
  const { callSid, erasure } = erased;
  const recordings = erased.recordings.flatMap((outcome) =>
    outcome.result === 'to-delete'
      ? []
      : [
          {
            sid: outcome.recordingSid,
            result: outcome.result,
            ...(outcome.failure ? { message: outcome.failure.message } : {}),
          },
        ],
  );
  const fields = { callSid, recordings: recordings.length, requests: erased.requests };
  if (erased.state === 'not-logged')
    return failureResponse(
      failure(
        'not-found',
        'This call is not in the recording log: only calls this service handled can be erased.',
      ),
    );
  if (erased.state === 'done' && erasure) {
    logEvent('info', 'dashboard.erased', { ...fields, alreadyErased: erased.alreadyErased });
    const answer: EraseAnswer = {
      callSid,
      erasure,
      recordings,
      alreadyErased: erased.alreadyErased,
    };
    return jsonResponse(200, answer);
  }
  const failed = recordings.filter((recording) => recording.result === 'failed');
  const why =
    erased.failure?.message ??
    failed.map((one) => `${one.sid}: ${one.message ?? 'failed'}`).join('; ');
  logEvent('warn', 'dashboard.erase-incomplete', { ...fields, message: why });
  const wait =
    erased.failure?.retryAfterMs ??
    erased.recordings.find((one) => one.failure?.retryAfterMs)?.failure?.retryAfterMs;
  return failureResponse(
    failure(
      'erasure-incomplete',
      `The erasure is not finished (${why}). ${erasure ? 'Nothing of what the caller said is shown any more; ' : ''}try again to finish it.`,
    ),
    wait !== undefined ? { 'Retry-After': String(Math.ceil(wait / 1000)) } : {},
  );
}

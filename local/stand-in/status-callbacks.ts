import { errorMessage } from '../../src/errors';
import { rfc2822 } from '../../src/twilio/dates';
import { isLoopbackHost } from '../../src/twilio/loopback';
import type { Clock } from '../clock';
import type { CallbackDelivery, SimulatedRecording } from '../contracts';
import { sendSignedWebhook, webhookRequestUrl } from '../signed-webhook';
import type { RecordingEvent } from './calls-and-recordings';
import { durationSeconds } from './media';

/** Connection overrides Twilio reads from a webhook URL's fragment. */
export interface Overrides {
  retries: number;
  policy: Set<string>;
  /** Values of `rp` that name no retry policy (error 11243); absent when there are none. */
  invalidPolicies?: string[];
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** All attempts together, timeouts and waits between retries included. */
  totalTimeMs: number;
}

/** The retry policies Twilio's connection-overrides page names. */
const RETRY_POLICIES = new Set(['ct', 'rt', '4xx', '5xx', 'all']);

/**
 * Parses `#rc=2&rp=5xx,ct&ct=1000&rt=5000&tt=12000` with the ranges and defaults Twilio's
 * connection-overrides page gives: ct 100-10000 (5000), rt 100-15000 (15000), tt 100-15000
 * (15000, across all attempts), rc 0-5 (1), rp `ct` (retry only failed connections), one of
 * ct, rt, 4xx, 5xx and all.
 */
export function parseOverrides(fragment: string): Overrides {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const number = (name: string, fallback: number, min: number, max: number) => {
    const value = Number(params.get(name));
    // Assumption [override-value-clamped]: a value outside its documented range is brought into
    // it, and one that is not a number is left at its default; Twilio names no error for either.
    return params.has(name) && params.get(name) !== '' && Number.isFinite(value)
      ? Math.min(Math.max(Math.round(value), min), max)
      : fallback;
  };
  // Assumption [retry-policies-comma-separated]: several retry policies are separated by commas,
  // as the page's edge list is; the page does not say.
  const policy = (params.get('rp') ?? 'ct')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const invalid = policy.filter((value) => !RETRY_POLICIES.has(value));
  return {
    retries: number('rc', 1, 0, 5),
    policy: new Set(policy.length > 0 ? policy : ['ct']),
    ...(invalid.length > 0 ? { invalidPolicies: invalid } : {}),
    connectTimeoutMs: number('ct', 5000, 100, 10000),
    readTimeoutMs: number('rt', 15000, 100, 15000),
    totalTimeMs: number('tt', 15000, 100, 15000),
  };
}

function retryable(policy: Set<string>, failure: 'ct' | 'rt' | '4xx' | '5xx'): boolean {
  return policy.has('all') || policy.has(failure);
}

export interface CallbackSender {
  accountSid: string;
  authToken: string;
  clock: Clock;
  log: CallbackDelivery[];
  /** Real milliseconds between a failed attempt and its retry. */
  retryDelayMs: number;
}

/** The parameters Twilio posts for one recording status event. */
export function callbackParams(
  accountSid: string,
  recording: SimulatedRecording,
  event: RecordingEvent,
  errorCode?: number,
): Record<string, string> {
  return {
    AccountSid: accountSid,
    CallSid: recording.callSid,
    RecordingSid: recording.sid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recording.sid}`,
    RecordingStatus: event,
    // Assumption [callback-duration-in-progress]: Twilio does not document the duration it sends
    // per status: -1 while recording (not known yet), then the file's length in whole seconds,
    // as the resource's duration.
    RecordingDuration:
      event === 'in-progress' ? '-1' : String(durationSeconds(recording.recordedMs)),
    RecordingChannels: String(recording.channels),
    // Assumption [callback-start-time-rfc2822]: the callback's start time is written as the
    // resource's start_time is (RFC 2822, +0000); the callback's parameter list gives no format.
    RecordingStartTime: rfc2822(recording.startedAt) ?? '',
    RecordingSource: recording.source,
    RecordingTrack: recording.track,
    // Assumption [callback-error-code-zero]: with no error, ErrorCode is 0; its value then is
    // undocumented (the project reads missing, empty and 0 alike).
    ErrorCode: String(errorCode ?? 0),
  };
}

/** What one attempt got: the answer's status (0 for none), its body, and how it failed, if it did. */
interface Attempt {
  status: number;
  responseBody: string;
  failure?: 'ct' | 'rt' | '4xx' | '5xx';
}

async function attempt(
  sender: CallbackSender,
  target: string,
  method: 'GET' | 'POST',
  params: Record<string, string>,
  timeoutMs: number,
): Promise<Attempt> {
  try {
    const answer = await sendSignedWebhook({
      authToken: sender.authToken,
      url: target,
      method,
      params,
      timeoutMs,
      headers: { 'User-Agent': 'TwilioProxy/1.1' },
    });
    const failure = answer.status >= 500 ? '5xx' : answer.status >= 400 ? '4xx' : undefined;
    return { status: answer.status, responseBody: answer.body.slice(0, 2000), failure };
  } catch (error) {
    const failure = (error as Error)?.name === 'TimeoutError' ? 'rt' : 'ct';
    return { status: 0, responseBody: errorMessage(error), failure };
  }
}

/** Why a callback is not sent at all (logged as undelivered), or undefined when it may be. */
function notSent(target: string, overrides: Overrides): string | undefined {
  let host: string;
  try {
    host = new URL(target).host;
  } catch {
    return 'invalid callback URL';
  }
  if (!isLoopbackHost(host)) return 'not delivered: the stand-in only calls loopback addresses';
  if (overrides.invalidPolicies) {
    // Error 11243, "HTTP retry policy is invalid": "One or more retry policies specified in the
    // 'rp' parameter of your connection settings are invalid".
    // Assumption [invalid-retry-policy-not-sent]: the page does not say what becomes of the
    // request; the stand-in sends nothing, as for an invalid edge (11240, "an error connecting
    // to the URL"), and logs the event as undelivered with 11243.
    return `not delivered: 11243 HTTP retry policy is invalid (rp=${overrides.invalidPolicies.join(',')})`;
  }
  return undefined;
}

/**
 * Delivers one status callback as Twilio does: signed with X-Twilio-Signature, by the
 * recording's method, retried per the URL's connection overrides. Only loopback targets are
 * ever contacted; any other is logged as a failed delivery.
 */
export async function deliverCallback(
  sender: CallbackSender,
  target: string,
  method: 'GET' | 'POST',
  params: Record<string, string>,
): Promise<void> {
  const hashIndex = target.indexOf('#');
  const overrides = parseOverrides(hashIndex >= 0 ? target.slice(hashIndex) : '');
  const logged = (tried: number, outcome: Omit<Attempt, 'failure'>) =>
    sender.log.push({
      at: sender.clock.now(),
      url: webhookRequestUrl(target, method, params),
      method,
      params,
      status: outcome.status,
      responseBody: outcome.responseBody,
      attempt: tried,
    });
  const refused = notSent(target, overrides);
  if (refused) return void logged(1, { status: 0, responseBody: refused });

  // A delivery's timeouts are a matter of real waiting on HTTP, so they are kept in real
  // milliseconds (while the delivery waits on them, the clock follows: see SimulatedClock).
  // Assumption [callback-attempt-timeout]: ct and rt make one timeout per attempt (ct + rt, never
  // past tt); a timeout is classed `rt`, any other failure to get an answer `ct`, an answer of
  // 400-499 `4xx` and 500 or more `5xx`; anything else (2xx, 3xx) is a delivery. Node's HTTP
  // client does not tell a slow connect from a slow answer, and Twilio gives no finer rule.
  const deadline = Date.now() + overrides.totalTimeMs;
  for (let tried = 1; tried <= overrides.retries + 1; tried += 1) {
    const perAttempt = overrides.connectTimeoutMs + overrides.readTimeoutMs;
    const outcome = await attempt(
      sender,
      target,
      method,
      params,
      Math.min(perAttempt, Math.max(1, deadline - Date.now())),
    );
    logged(tried, outcome);
    const { failure } = outcome;
    if (!failure || !retryable(overrides.policy, failure) || tried > overrides.retries) return;
    // tt bounds every attempt together: no retry that would start after it has run out.
    if (Date.now() + sender.retryDelayMs >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, sender.retryDelayMs));
  }
}

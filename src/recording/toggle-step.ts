import { SID_PATTERNS } from '../config/allowed-values';
import { EXAMPLE_SIDS, readField, readSid } from '../config/event-fields';
import { describeFieldErrors, type FieldError } from '../config/field-error';
import { resolvePauseBehavior, resolveStartOptions } from '../config/recording-options';
import { logEvent } from '../logger';
import { createRestClient, restTimeoutMs, toggleBudgetMs } from '../rest-client';
import { failedUrl, resolveTransitions, successUrl, type FailureDetails } from '../transitions';
import { recordingStateAfterFailure, type FailureReason } from './failure';
import { twilioRecordingsApi, type RecordingsApi } from './recordings-api';
import { defaultPolicy, runToggle, type ToggleRequest } from './toggle';
import { parseToggleAction, type ToggleAction } from './toggle-action';

type Env = Record<string, unknown>;
type Event = Record<string, unknown>;

const INPUT_FIELDS = new Set(['Record', 'CallSid', 'RecordingSid', 'AccountSid']);

function reasonFor(errors: FieldError[]): FailureReason {
  if (errors.some((error) => error.field === 'CallStatus')) return 'call-not-in-progress';
  return errors.some((error) => INPUT_FIELDS.has(error.field))
    ? 'invalid-input'
    : 'invalid-configuration';
}

/** Checks everything that can be checked before a REST request; returns the request or the errors. */
export function planToggle(
  env: Env,
  event: Event,
): { request?: ToggleRequest; action?: ToggleAction; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const parsed = parseToggleAction(event);
  if (parsed.error) errors.push(parsed.error);

  const callSid = readSid(event, 'CallSid', SID_PATTERNS.CallSid, EXAMPLE_SIDS.CallSid);
  if (callSid.error) errors.push(callSid.error);

  const accountSid = readField(event, 'AccountSid');
  if (accountSid.error) errors.push(accountSid.error);
  else if (
    accountSid.value !== undefined &&
    typeof env.ACCOUNT_SID === 'string' &&
    accountSid.value !== env.ACCOUNT_SID
  ) {
    errors.push({
      field: 'AccountSid',
      message: 'does not belong to the account this service runs in',
    });
  }

  const callStatus = readField(event, 'CallStatus');
  if (callStatus.error) errors.push(callStatus.error);
  else if (callStatus.value !== 'in-progress') {
    errors.push({
      field: 'CallStatus',
      message: `is '${callStatus.value ?? ''}', but recording can only be switched on an answered call ('in-progress'): place the toggle after a Say, Play or Gather step`,
    });
  }

  const action = parsed.action;
  let request: ToggleRequest | undefined;
  if (action === 'start') {
    const options = resolveStartOptions(env, event);
    if (!options.ok) errors.push(...options.errors);
    else if (callSid.value) request = { action, callSid: callSid.value, options: options.value };
  } else if (action) {
    const recordingSid = readField(event, 'RecordingSid');
    if (recordingSid.error) errors.push(recordingSid.error);
    else if (
      recordingSid.value !== undefined &&
      !SID_PATTERNS.RecordingSid.test(recordingSid.value)
    ) {
      errors.push({
        field: 'RecordingSid',
        message: `must be RE followed by 32 lowercase hex digits, like ${EXAMPLE_SIDS.RecordingSid}, or be left out to mean the call's current recording`,
      });
    }
    const pause = action === 'pause' ? resolvePauseBehavior(env, event) : undefined;
    if (pause && !pause.ok) errors.push(...pause.errors);
    if (callSid.value) {
      request = {
        action,
        callSid: callSid.value,
        recordingSid: recordingSid.value,
        pauseBehavior: pause?.ok ? pause.value : undefined,
      };
    }
  }
  return errors.length > 0 ? { action, errors } : { request, action, errors };
}

export interface ToggleStepResult {
  /** A path inside this service, with the transition's parameters. */
  redirectTo: string;
  succeeded: boolean;
}

/**
 * The whole widget step: validate, switch the recording, and say where the flow goes next.
 * It never throws for bad input or API trouble: every problem becomes the Failed transition.
 */
export async function toggleRecording(
  env: Env,
  event: Event,
  makeApi?: (env: Env, timeoutMs: number) => RecordingsApi | { error: string },
): Promise<ToggleStepResult> {
  const { transitions, errors: transitionErrors } = resolveTransitions(env, event);
  const plan = planToggle(env, event);
  const errors = [...transitionErrors, ...plan.errors];
  const callSid = typeof event.CallSid === 'string' ? event.CallSid.slice(0, 64) : undefined;

  const fail = (details: FailureDetails, extra: Record<string, unknown> = {}): ToggleStepResult => {
    logEvent('warn', 'recording-toggle.failed', { callSid, ...details, ...extra });
    return { redirectTo: failedUrl(transitions.failedPath, details), succeeded: false };
  };

  if (errors.length > 0 || !plan.request) {
    return fail({
      action: plan.action ?? 'unknown',
      reason: reasonFor(errors),
      message: describeFieldErrors(errors),
    });
  }
  const request = plan.request;
  const timeoutMs = restTimeoutMs(env);
  const api = (makeApi ?? defaultApi)(env, timeoutMs);
  if ('error' in api) {
    return fail({ action: request.action, reason: 'missing-credentials', message: api.error });
  }
  const outcome = await runToggle(api, request, defaultPolicy(toggleBudgetMs(env), timeoutMs));
  if (!outcome.ok) {
    return fail(
      {
        action: request.action,
        reason: outcome.failure.reason,
        code: outcome.failure.code,
        message: outcome.failure.message,
        recordingSid: request.action === 'start' ? undefined : request.recordingSid,
        recordingState: recordingStateAfterFailure(request.action, outcome.failure),
      },
      { requests: outcome.requests, attempts: outcome.attempts },
    );
  }
  logEvent('info', 'recording-toggle.succeeded', {
    callSid,
    action: request.action,
    recordingSid: outcome.recording.Sid,
    status: outcome.recording.Status,
    requests: outcome.requests,
    attempts: outcome.attempts,
  });
  return {
    redirectTo: successUrl(transitions.successPath, request.action, outcome.recording),
    succeeded: true,
  };
}

function defaultApi(env: Env, timeoutMs: number): RecordingsApi | { error: string } {
  const client = createRestClient(env, { timeoutMs });
  return client.ok ? twilioRecordingsApi(client.client) : { error: client.message };
}

import { consentProofRule } from '../config/consent-settings';
import type { Settings } from '../config/settings';

type RequestSettings = Pick<Settings, 'twilio' | 'consent' | 'recording'>;
import type { Failure } from '../failure';
import { err, ok, type Result } from '../result';
import { allowedList, readField, readOwnAccountSid, readSid, type Fields } from '../request/fields';
import type { PauseBehavior } from '../twilio/recording-values';
import { isConsentToken } from './consent-token';
import { FieldErrors } from './field-errors';
import { readPauseBehavior, readStartOptions } from './toggle-options';
import type { StartOptions, ToggleAction, ToggleRoute } from './toggle-types';
import { readTransitions } from './toggle-transitions';

/** `Record=` values, as the widget's switch (true / false) and beyond it (pause / resume). */
const ACTION_BY_RECORD_VALUE: Record<string, ToggleAction> = {
  true: 'start',
  false: 'stop',
  pause: 'pause',
  resume: 'resume',
};

/** A toggle request, read once from the event and the settings; everything after works on it. */
export type ToggleRequest = ToggleRoute & {
  action: ToggleAction;
  callSid: string;
  /** The consent step's proof, passed on to the transitions for a later resume. */
  consent?: string;
} & (
    | { action: 'start'; options: StartOptions }
    | {
        action: Exclude<ToggleAction, 'start'>;
        /** A RE sid, or undefined for the call's current recording. */
        recordingSid?: string;
        pauseBehavior?: PauseBehavior;
      }
  );

/** What reading a toggle request gives: always where its answer goes, and the request or why not. */
export interface ToggleInput {
  route: ToggleRoute;
  request: Result<ToggleRequest, Failure>;
}

/**
 * Reads a /recording-toggle request once: the action, the call, the options and the
 * transitions, each from the query override when given, else from the settings. Every problem
 * is reported, each with the Failed reason it leads to.
 */
export function parseToggleRequest(settings: RequestSettings, event: Fields): ToggleInput {
  const errors = new FieldErrors();
  const transitions = readTransitions(settings, event, errors);
  const action = readAction(event, errors);
  const callSid = errors.value('invalid-input', readSid(event, 'CallSid', { required: true }));
  errors.value(
    'invalid-input',
    readOwnAccountSid(event, settings.twilio.accountSid, { required: false }),
  );
  readCallStatus(event, errors);
  const consent =
    action === 'start' || action === 'resume'
      ? readConsent(settings, event, callSid, errors)
      : undefined;
  const route: ToggleRoute = { action: action ?? 'unknown', callSid, transitions };
  let request: ToggleRequest | undefined;
  if (action === 'start') {
    const options = readStartOptions(settings, event, errors);
    if (callSid && options) request = { action, callSid, transitions, options, consent };
  } else if (action) {
    const recordingSid = errors.value(
      'invalid-input',
      readSid(event, 'RecordingSid', {
        required: false,
        absentMeans: "the call's current recording",
      }),
    );
    const pauseBehavior =
      action === 'pause' ? readPauseBehavior(settings, event, errors) : undefined;
    if (callSid) request = { action, callSid, transitions, recordingSid, pauseBehavior, consent };
  }
  if (errors.list.length > 0 || !request) return { route, request: err(errors.failure()) };
  return { route, request: ok(request) };
}

function readAction(event: Fields, errors: FieldErrors): ToggleAction | undefined {
  const read = readField(event, 'Record');
  if (read.error) return void errors.add('invalid-input', read.error);
  const key = read.value?.toLowerCase();
  if (key !== undefined && Object.prototype.hasOwnProperty.call(ACTION_BY_RECORD_VALUE, key)) {
    return ACTION_BY_RECORD_VALUE[key];
  }
  const given = read.value === undefined ? 'is required' : `'${read.value}' is not allowed`;
  errors.add('invalid-input', {
    field: 'Record',
    message: `${given}; use one of ${allowedList(Object.keys(ACTION_BY_RECORD_VALUE))}`,
  });
  return undefined;
}

function readCallStatus(event: Fields, errors: FieldErrors): void {
  const read = readField(event, 'CallStatus');
  if (read.error) return errors.add('invalid-input', read.error);
  if (read.value === 'in-progress') return;
  errors.add('call-not-in-progress', {
    field: 'CallStatus',
    message: `is '${read.value ?? ''}', but recording can only be switched on an answered call ('in-progress'): place the toggle after a Say, Play or Gather step`,
  });
}

/**
 * When the settings ask for consent (opt-in or opt-out, or a broken consent setting, which
 * means opt-in), a start or a resume needs the proof the consent step hands out, and nothing
 * else will do. Returns the proof when it is good.
 */
function readConsent(
  settings: RequestSettings,
  event: Fields,
  callSid: string | undefined,
  errors: FieldErrors,
): string | undefined {
  const { mode } = settings.consent;
  const read = readField(event, 'Consent');
  if (read.error) return void errors.add('no-consent', read.error);
  if (mode === 'notice') return read.value;
  const authToken = settings.twilio.authToken;
  if (callSid && read.value && isConsentToken(authToken, callSid, read.value)) return read.value;
  errors.add('no-consent', {
    field: 'Consent',
    message: `${read.value === undefined ? 'is missing' : 'is not this call’s consent'}: ${consentProofRule(mode)}`,
  });
  return undefined;
}

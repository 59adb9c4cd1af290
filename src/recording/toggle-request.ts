import { consentSettings } from '../config/consent-settings';
import { DEFAULTS, setting, type SettingName } from '../config/defaults';
import { err, ok, type Result } from '../result';
import {
  allowedList,
  oneOf,
  readField,
  readOwnAccountSid,
  readSid,
  type FieldError,
  type FieldRead,
  type Fields,
} from '../request/fields';
import { isServicePath, parseHttpUrl, serviceBaseUrl, withoutCredentials } from '../service-url';
import {
  CALLBACK_EVENTS,
  CALLBACK_METHODS,
  CHANNELS,
  PAUSE_BEHAVIORS,
  TRACKS,
  TRIM_VALUES,
  type CallbackEvent,
  type CallbackMethod,
  type Channels,
  type PauseBehavior,
  type Track,
  type Trim,
} from '../twilio/recording-values';
import { exampleSid, isSid } from '../twilio/sids';
import { isConsentToken } from './consent-token';
import type { FailureReason } from './failure';
import { studioReturnUrl } from './studio-return';
import { checkTransitionTarget } from './transition-target';

/** What the toggle was asked to do. `start`/`stop` are the widget's on/off switch. */
export type ToggleAction = 'start' | 'stop' | 'pause' | 'resume';

/** `Record=` values, as the widget's switch (true / false) and beyond it (pause / resume). */
const ACTION_BY_RECORD_VALUE: Record<string, ToggleAction> = {
  true: 'start',
  false: 'stop',
  pause: 'pause',
  resume: 'resume',
};

/** The status the Recordings API is asked to move a recording to, for each update action. */
export const TARGET_STATUS = { stop: 'stopped', pause: 'paused', resume: 'in-progress' } as const;

/** Everything the Calls Recordings API is told when a recording starts. */
export interface StartOptions {
  statusCallback: string;
  statusCallbackMethod: CallbackMethod;
  statusCallbackEvents: CallbackEvent[];
  channels: Channels;
  trim: Trim;
  track: Track;
}

/** Where Success and Failed lead: a path inside this service, or this account's Studio return URL. */
export interface Transitions {
  success: string;
  failed: string;
}

/** A toggle request, read once from the event and the settings; everything after works on it. */
export type ToggleRequest = {
  callSid: string;
  transitions: Transitions;
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

/** The reasons a request is refused before any REST request is made. */
export type RejectionReason = Extract<
  FailureReason,
  'invalid-input' | 'invalid-configuration' | 'call-not-in-progress' | 'no-consent'
>;

/** A problem with one field, and the Failed reason it leads to. */
export interface ToggleFieldError extends FieldError {
  reason: RejectionReason;
}

export interface ToggleRejection {
  action: ToggleAction | 'unknown';
  /** The call, when its SID was well-formed (for the log line). */
  callSid?: string;
  /** The most telling reason among the errors. */
  reason: RejectionReason;
  errors: ToggleFieldError[];
  /** Where Failed goes: a bad Failed override falls back to the configured target. */
  transitions: Transitions;
}

// When several fields are wrong, the reason that tells the flow builder most comes first.
const REASON_PRIORITY: RejectionReason[] = [
  'call-not-in-progress',
  'invalid-input',
  'no-consent',
  'invalid-configuration',
];

/** Each recording option: the setting that gives its default, and its per-use query override. */
const OPTION_SOURCES = {
  statusCallback: { setting: 'RECORDING_STATUS_CALLBACK', query: 'RecordingStatusCallback' },
  statusCallbackMethod: {
    setting: 'RECORDING_STATUS_CALLBACK_METHOD',
    query: 'RecordingStatusCallbackMethod',
  },
  statusCallbackEvents: {
    setting: 'RECORDING_STATUS_CALLBACK_EVENT',
    query: 'RecordingStatusCallbackEvent',
  },
  channels: { setting: 'RECORDING_CHANNELS', query: 'RecordingChannels' },
  trim: { setting: 'RECORDING_TRIM', query: 'Trim' },
  track: { setting: 'RECORDING_TRACK', query: 'RecordingTrack' },
  pauseBehavior: { setting: 'RECORDING_PAUSE_BEHAVIOR', query: 'PauseBehavior' },
} as const satisfies Record<string, { setting: SettingName; query: string }>;

/**
 * Reads a /recording-toggle request once: the action, the call, the options and the
 * transitions, each from the query override when given, else from the settings. Every problem
 * is reported, each with the Failed reason it leads to.
 */
export function parseToggleRequest(
  env: Fields,
  event: Fields,
): Result<ToggleRequest, ToggleRejection> {
  const reader = new FieldReader(env, event);
  const transitions = reader.transitions();
  const action = reader.action();
  const callSid = reader.input(readSid(event, 'CallSid', { required: true }));
  reader.input(readOwnAccountSid(event, env.ACCOUNT_SID, { required: false }));
  reader.callStatus();

  const consent = action === 'start' || action === 'resume' ? reader.consent(callSid) : undefined;

  let request: ToggleRequest | undefined;
  if (action === 'start') {
    const options = reader.startOptions();
    if (callSid) request = { action, callSid, transitions, options, consent };
  } else if (action) {
    const recordingSid = reader.input(
      readSid(event, 'RecordingSid', {
        required: false,
        absentMeans: "the call's current recording",
      }),
    );
    const pauseBehavior = action === 'pause' ? reader.pauseBehavior() : undefined;
    if (callSid) request = { action, callSid, transitions, recordingSid, pauseBehavior, consent };
  }
  if (reader.errors.length > 0 || !request) {
    const reasons = new Set(reader.errors.map((error) => error.reason));
    return err({
      action: action ?? 'unknown',
      callSid,
      reason: REASON_PRIORITY.find((reason) => reasons.has(reason)) ?? 'invalid-input',
      errors: reader.errors,
      transitions,
    });
  }
  return ok(request);
}

/** Reads fields one by one, collecting every error with its reason. */
class FieldReader {
  readonly errors: ToggleFieldError[] = [];

  constructor(
    private readonly env: Fields,
    private readonly event: Fields,
  ) {}

  private fail(reason: RejectionReason, error: FieldError): void {
    this.errors.push({ ...error, reason });
  }

  input(read: FieldRead): string | undefined {
    if (read.error) this.fail('invalid-input', read.error);
    return read.error ? undefined : read.value;
  }

  action(): ToggleAction | undefined {
    const read = readField(this.event, 'Record');
    if (read.error) return void this.fail('invalid-input', read.error);
    const key = read.value?.toLowerCase();
    if (key !== undefined && Object.prototype.hasOwnProperty.call(ACTION_BY_RECORD_VALUE, key)) {
      return ACTION_BY_RECORD_VALUE[key];
    }
    const given = read.value === undefined ? 'is required' : `'${read.value}' is not allowed`;
    this.fail('invalid-input', {
      field: 'Record',
      message: `${given}; use one of ${allowedList(Object.keys(ACTION_BY_RECORD_VALUE))}`,
    });
    return undefined;
  }

  /**
   * When the settings ask for consent (opt-in or opt-out, or a broken consent setting, which
   * means opt-in), a start or a resume needs the proof the consent step hands out, and nothing
   * else will do. Returns the proof when it is good.
   */
  consent(callSid: string | undefined): string | undefined {
    const { settings } = consentSettings(this.env);
    const read = readField(this.event, 'Consent');
    if (read.error) return void this.fail('no-consent', read.error);
    if (settings.mode === 'notice') return read.value;
    if (callSid && read.value && isConsentToken(this.env.AUTH_TOKEN, callSid, read.value))
      return read.value;
    this.fail('no-consent', {
      field: 'Consent',
      message: `${read.value === undefined ? 'is missing' : 'is not this call’s consent'}: with RECORDING_CONSENT=${settings.mode}, only the consent step (/recording-consent) can start or resume a recording, once the caller has agreed`,
    });
    return undefined;
  }

  callStatus(): void {
    const read = readField(this.event, 'CallStatus');
    if (read.error) return this.fail('invalid-input', read.error);
    if (read.value === 'in-progress') return;
    this.fail('call-not-in-progress', {
      field: 'CallStatus',
      message: `is '${read.value ?? ''}', but recording can only be switched on an answered call ('in-progress'): place the toggle after a Say, Play or Gather step`,
    });
  }

  /** The query override when present, else the setting (or its default). */
  private option(key: keyof typeof OPTION_SOURCES): { value: string; field: string } {
    const source = OPTION_SOURCES[key];
    const read = readField(this.event, source.query);
    if (read.error) this.fail('invalid-configuration', read.error);
    if (read.value !== undefined) return { value: read.value, field: source.query };
    return { value: setting(this.env, source.setting), field: source.setting };
  }

  private choice<T extends string>(
    key: keyof typeof OPTION_SOURCES,
    allowed: readonly T[],
    normalise: (value: string) => string,
  ): T {
    const raw = this.option(key);
    const value = normalise(raw.value);
    if (oneOf(allowed, value)) return value;
    this.fail('invalid-configuration', {
      field: raw.field,
      message: `'${raw.value}' is not allowed; use one of ${allowedList(allowed)}`,
    });
    return allowed[0];
  }

  startOptions(): StartOptions {
    const lower = (value: string) => value.toLowerCase();
    return {
      statusCallback: this.callbackUrl(),
      statusCallbackMethod: this.choice('statusCallbackMethod', CALLBACK_METHODS, (value) =>
        value.toUpperCase(),
      ),
      statusCallbackEvents: this.callbackEvents(),
      channels: this.choice('channels', CHANNELS, lower),
      trim: this.choice('trim', TRIM_VALUES, lower),
      track: this.choice('track', TRACKS, lower),
    };
  }

  pauseBehavior(): PauseBehavior {
    return this.choice('pauseBehavior', PAUSE_BEHAVIORS, (value) => value.toLowerCase());
  }

  private callbackEvents(): CallbackEvent[] {
    const raw = this.option('statusCallbackEvents');
    // The widget separates events with spaces; commas are accepted too.
    const parts = raw.value.split(/[\s,]+/).filter((part) => part !== '');
    if (parts.length === 0 || !parts.every((part) => oneOf(CALLBACK_EVENTS, part))) {
      this.fail('invalid-configuration', {
        field: raw.field,
        message: `'${raw.value}' is not allowed; use one or more of ${allowedList(CALLBACK_EVENTS)}, separated by spaces`,
      });
      return [];
    }
    return CALLBACK_EVENTS.filter((event) => parts.includes(event));
  }

  /**
   * The status callback: an absolute http(s) URL, or a path of this service, either with an
   * optional fragment of Twilio's connection overrides (#rc=5&rp=all), which Twilio reads and
   * never sends.
   */
  private callbackUrl(): string {
    const raw = this.option('statusCallback');
    const [target, fragment, ...more] = raw.value.split('#');
    const overrides = fragment === undefined ? '' : `#${fragment}`;
    if (more.length === 0 && (fragment === undefined || isConnectionOverrides(fragment))) {
      if (isServicePath(target))
        return `${serviceBaseUrl(this.env.DOMAIN_NAME)}${target}${overrides}`;
      const url = parseHttpUrl(target);
      if (url && !url.username && !url.password) return `${url}${overrides}`;
    }
    this.fail('invalid-configuration', {
      field: raw.field,
      message: `'${withoutCredentials(raw.value)}' is not a valid callback URL; use an absolute http(s) URL without credentials, or a path of this service such as /recording-status, optionally followed by connection overrides such as #rc=5&rp=all`,
    });
    return '';
  }

  /**
   * Where the toggle goes next: a path inside this service, or this account's Studio return
   * URL (the TwiML Redirect widget's `return`), from the settings, per use (`Success=`,
   * `Failed=`), or both at once (`Return=FW…`). A bad Failed falls back to the configured
   * Failed target so that the error can still be reported.
   */
  transitions(): Transitions {
    const target = (field: string, value: string): string | undefined => {
      const checked = checkTransitionTarget(value, this.env.ACCOUNT_SID);
      if (checked.ok) return checked.value;
      this.fail('invalid-configuration', {
        field,
        message: `'${withoutCredentials(value)}' ${checked.error}`,
      });
      return undefined;
    };
    const configured = (name: 'RECORDING_SUCCESS_PATH' | 'RECORDING_FAILED_PATH') =>
      target(name, setting(this.env, name)) ?? DEFAULTS[name];
    const successDefault = configured('RECORDING_SUCCESS_PATH');
    const failedDefault = configured('RECORDING_FAILED_PATH');
    // Each per-use target: whether a value was given, and the target when it is usable.
    const perUse = (query: 'Success' | 'Failed') => {
      const read = readField(this.event, query);
      if (read.error) this.fail('invalid-configuration', read.error);
      const given = read.value !== undefined;
      return { given, target: read.value === undefined ? undefined : target(query, read.value) };
    };
    const success = perUse('Success');
    const failed = perUse('Failed');
    const studio = this.studioReturn();
    if (studio !== undefined && (success.given || failed.given)) {
      this.fail('invalid-configuration', {
        field: 'Return',
        message:
          'sets both transitions, so it cannot be combined with Success or Failed: give Return alone, or Success and Failed',
      });
    }
    // A valid Return wins even when combined, so that a Studio flow hears about its mistake.
    if (studio) return { success: studio, failed: studio };
    return {
      success: success.target ?? successDefault,
      failed: failed.target ?? failedDefault,
    };
  }

  /**
   * `Return=FW…`: the flow to hand the call back to. Undefined when absent; null when given but
   * unusable (the error is recorded).
   */
  private studioReturn(): string | null | undefined {
    const read = readField(this.event, 'Return');
    if (read.error) {
      this.fail('invalid-configuration', read.error);
      return null;
    }
    if (read.value === undefined) return undefined;
    if (!isSid('FlowSid', read.value)) {
      this.fail('invalid-configuration', {
        field: 'Return',
        message: `'${read.value}' is not a Studio flow SID: use FW followed by 32 lowercase hex digits, like ${exampleSid('FlowSid')} (in Studio: {{flow.flow_sid}})`,
      });
      return null;
    }
    if (!isSid('AccountSid', this.env.ACCOUNT_SID)) {
      this.fail('invalid-configuration', {
        field: 'Return',
        message:
          'needs ACCOUNT_SID, the account the flow belongs to, and it is not set (deployed: enable "Add my Twilio Credentials")',
      });
      return null;
    }
    return studioReturnUrl(this.env.ACCOUNT_SID, read.value);
  }
}

/** The keys Twilio reads from a webhook URL's fragment (twilio.com/docs/usage/webhooks/webhooks-connection-overrides). */
const CONNECTION_OVERRIDE_KEYS = new Set(['ct', 'rt', 'tt', 'rc', 'rp', 'e', 'sni']);

function isConnectionOverrides(fragment: string): boolean {
  return fragment.split('&').every((pair) => {
    const [key, value, ...rest] = pair.split('=');
    return (
      rest.length === 0 &&
      CONNECTION_OVERRIDE_KEYS.has(key) &&
      value !== undefined &&
      /^[A-Za-z0-9,._-]+$/.test(value)
    );
  });
}

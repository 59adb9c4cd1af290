import { allowedList, type FieldError } from '../failure';
import { err, ok, type Result } from '../result';
import { isServicePath, parseHttpUrl, SERVICE_PATH_RULE, withoutCredentials } from '../service-url';
import { CALLBACK_EVENTS, type CallbackEvent } from '../twilio/recording-values';
import {
  checkStudioReturnUrl,
  looksLikeStudioUrl,
  STUDIO_RETURN_FORM,
} from '../twilio/studio-return';

/**
 * The recording options' rules, shared by the settings (the defaults) and the toggle's per-use
 * query overrides: each reads a value and says, for the field it came from, what is wrong.
 */

/** A value of one field, read: usable, or the error that names the field and what is allowed. */
export type FieldResult<T> = Result<T, FieldError>;

export function choiceOf<T extends string>(
  field: string,
  given: string,
  allowed: readonly T[],
  normalise: (value: string) => string,
): FieldResult<T> {
  const value = normalise(given);
  if ((allowed as readonly string[]).includes(value)) return ok(value as T);
  return err({ field, message: `'${given}' is not allowed; use one of ${allowedList(allowed)}` });
}

/** The events to report: the widget separates them with spaces; commas are accepted too. */
export function callbackEventsOf(field: string, given: string): FieldResult<CallbackEvent[]> {
  const parts = given.split(/[\s,]+/).filter((part) => part !== '');
  const known = (part: string) => (CALLBACK_EVENTS as readonly string[]).includes(part);
  if (parts.length > 0 && parts.every(known)) {
    return ok(CALLBACK_EVENTS.filter((event) => parts.includes(event)));
  }
  return err({
    field,
    message: `'${given}' is not allowed; use one or more of ${allowedList(CALLBACK_EVENTS)}, separated by spaces`,
  });
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

/**
 * The status callback: an absolute http(s) URL, or a path of this service (made absolute with
 * `serviceBaseUrl`), either with an optional fragment of Twilio's connection overrides
 * (#rc=5&rp=all), which Twilio reads and never sends.
 */
export function statusCallbackOf(
  field: string,
  given: string,
  serviceBaseUrl: string,
): FieldResult<string> {
  const [target, fragment, ...more] = given.split('#');
  const overrides = fragment === undefined ? '' : `#${fragment}`;
  if (more.length === 0 && (fragment === undefined || isConnectionOverrides(fragment))) {
    if (isServicePath(target)) return ok(`${serviceBaseUrl}${target}${overrides}`);
    const url = parseHttpUrl(target);
    if (url && !url.username && !url.password) return ok(`${url}${overrides}`);
  }
  return err({
    field,
    message: `'${withoutCredentials(given)}' is not a valid callback URL; use an absolute http(s) URL without credentials, or a path of this service such as /recording-status, optionally followed by connection overrides such as #rc=5&rp=all`,
  });
}

export const TRANSITION_RULE = `${SERVICE_PATH_RULE}, or this account's Studio return URL ${STUDIO_RETURN_FORM}`;

/**
 * Where a toggle transition may lead: a path inside this service, or the Studio flow the call
 * came from. Anything else could hand a live call, and the recording's details, to a stranger.
 */
export function transitionTargetOf(
  field: string,
  given: string,
  ownAccountSid: string | undefined,
): FieldResult<string> {
  const checked: Result<string, string> = isServicePath(given)
    ? ok(given)
    : !looksLikeStudioUrl(given)
      ? err(TRANSITION_RULE)
      : ownAccountSid === undefined
        ? err(
            'is a Studio return URL, but ACCOUNT_SID is not set, so the account it names cannot be checked',
          )
        : checkStudioReturnUrl(given, ownAccountSid);
  return checked.ok
    ? checked
    : err({ field, message: `'${withoutCredentials(given)}' ${checked.error}` });
}

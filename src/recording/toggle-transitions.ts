import { transitionTargetOf } from '../config/recording-options';
import type { Settings } from '../config/settings';

type RequestSettings = Pick<Settings, 'twilio' | 'consent' | 'recording'>;
import { RETURN_NEEDS_ACCOUNT } from '../config/twilio-settings';
import { readField, type Fields } from '../request/fields';
import { exampleSid, isSid } from '../twilio/sids';
import { studioReturnUrl } from '../twilio/studio-return';
import type { FieldErrors } from './field-errors';
import type { Transitions } from './toggle-types';

/**
 * Where the toggle goes next: a path inside this service, or this account's Studio return
 * URL (the TwiML Redirect widget's `return`), from the settings, per use (`Success=`,
 * `Failed=`), or both at once (`Return=FW…`). A bad Failed falls back to the configured
 * Failed target so that the error can still be reported.
 */
export function readTransitions(
  settings: RequestSettings,
  event: Fields,
  errors: FieldErrors,
): Transitions {
  const configured = settings.recording;
  const successDefault =
    errors.result('invalid-configuration', configured.successTarget) ??
    configured.fallbackTargets.success;
  const failedDefault =
    errors.result('invalid-configuration', configured.failedTarget) ??
    configured.fallbackTargets.failed;
  // Each per-use target: whether a value was given, and the target when it is usable.
  const perUse = (field: 'Success' | 'Failed') => {
    const read = readField(event, field);
    if (read.error) errors.add('invalid-configuration', read.error);
    if (read.value === undefined) return { given: false, target: undefined };
    const target = transitionTargetOf(field, read.value, settings.twilio.accountSid);
    return { given: true, target: errors.result('invalid-configuration', target) };
  };
  const success = perUse('Success');
  const failed = perUse('Failed');
  const studio = studioReturn(settings, event, errors);
  if (studio !== undefined && (success.given || failed.given)) {
    errors.add('invalid-configuration', {
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
 * unusable (the error is kept).
 */
function studioReturn(
  settings: RequestSettings,
  event: Fields,
  errors: FieldErrors,
): string | null | undefined {
  const read = readField(event, 'Return');
  if (read.error) {
    errors.add('invalid-configuration', read.error);
    return null;
  }
  if (read.value === undefined) return undefined;
  if (!isSid('FlowSid', read.value)) {
    errors.add('invalid-configuration', {
      field: 'Return',
      message: `'${read.value}' is not a Studio flow SID: use FW followed by 32 lowercase hex digits, like ${exampleSid('FlowSid')} (in Studio: {{flow.flow_sid}})`,
    });
    return null;
  }
  const accountSid = settings.twilio.accountSid;
  if (!accountSid) {
    errors.add('invalid-configuration', { field: 'Return', message: RETURN_NEEDS_ACCOUNT });
    return null;
  }
  return studioReturnUrl(accountSid, read.value);
}

import { textField, type Fields } from '../request/fields';
import { ACTION_PARAM, FAILURE_PARAMS, WIDGET_VARIABLE_PARAMS } from '../recording/transitions';
import { isSid } from '../twilio/sids';

/** What the Success and Failed steps read from the toggle's transition. */
export interface TransitionRequest {
  callSid?: string;
  action?: string;
  recordingSid?: string;
  failure: {
    reason?: string;
    code?: string;
    message?: string;
    recordingState?: string;
  };
}

/**
 * Reads a transition's parameters once. These steps never refuse a call, so a value that does
 * not look right is left out (SIDs) or bounded (text) rather than reported.
 */
export function parseTransitionRequest(event: Fields): TransitionRequest {
  const text = (field: string, max: number) => textField(event, field)?.slice(0, max);
  const sid = (field: string, kind: 'CallSid' | 'RecordingSid') => {
    const value = textField(event, field);
    return isSid(kind, value) ? value : undefined;
  };
  return {
    callSid: sid('CallSid', 'CallSid'),
    action: text(ACTION_PARAM, 16),
    // RecSid is the widget's Sid on Success and the recording acted on, if known, on Failed.
    recordingSid: sid(WIDGET_VARIABLE_PARAMS.Sid, 'RecordingSid'),
    failure: {
      reason: text(FAILURE_PARAMS.reason, 64),
      code: text(FAILURE_PARAMS.code, 32),
      message: text(FAILURE_PARAMS.message, 500),
      recordingState: text(FAILURE_PARAMS.recordingState, 16),
    },
  };
}

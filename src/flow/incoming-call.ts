import { CONSENT } from '../config/consent-settings';
import { VOICE } from '../config/voice-settings';
import type { Settings } from '../config/settings';
import { logEvent } from '../logger';
import { textField, type Fields } from '../request/fields';
import { isSid } from '../twilio/sids';
import type { VoiceResponse } from '../twilio/twiml';
import { greetCaller, refuseNonInboundCall } from './client-feedback-twiml';

/** What /incoming-call reads from Twilio's voice webhook. */
interface IncomingCall {
  callSid?: string;
  direction?: string;
}

function parseIncomingCall(event: Fields): IncomingCall {
  const callSid = textField(event, 'CallSid');
  return {
    callSid: isSid('CallSid', callSid) ? callSid : undefined,
    direction: textField(event, 'Direction')?.slice(0, 64),
  };
}

/** /incoming-call: the number's voice webhook. */
/** What /incoming-call reads of the settings. */
export const INCOMING_CALL_SETTINGS = { voice: VOICE, consent: CONSENT };

export function incomingCall(
  settings: Pick<Settings, 'voice' | 'consent'>,
  event: Fields,
): VoiceResponse {
  const call = parseIncomingCall(event);
  if (call.direction !== 'inbound') {
    logEvent('warn', 'incoming-call.not-inbound', { ...call });
    return refuseNonInboundCall(settings.voice);
  }
  const { mode } = settings.consent;
  logEvent('info', 'incoming-call.answered', { callSid: call.callSid, consent: mode });
  return greetCaller(settings.voice, mode === 'notice');
}

import { consentSettings } from '../config/consent-settings';
import { logEvent } from '../logger';
import { textField, type Fields } from '../request/fields';
import { isSid } from '../twilio/sids';
import type { VoiceResponse } from '../twilio/twiml';
import { greetCaller, refuseNonInboundCall } from './client-feedback-twiml';
import { voiceSettings } from './voice-settings';

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
export function incomingCall(env: Fields, event: Fields): VoiceResponse {
  const call = parseIncomingCall(event);
  const settings = voiceSettings(env);
  if (call.direction !== 'inbound') {
    logEvent('warn', 'incoming-call.not-inbound', { ...call });
    return refuseNonInboundCall(settings);
  }
  const { settings: consent } = consentSettings(env);
  logEvent('info', 'incoming-call.answered', { callSid: call.callSid, consent: consent.mode });
  return greetCaller(settings, consent.mode === 'notice');
}

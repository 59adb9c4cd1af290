import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { twilioLibrary } from './library';

export type { VoiceResponse };

/** An empty TwiML document; twilio-node builds it and escapes every text and attribute. */
export function voiceResponse(): VoiceResponse {
  return new (twilioLibrary().twiml.VoiceResponse)();
}

/** Moves the call on to another URL (a widget transition): the Redirect is the whole document. */
export function redirectTwiml(url: string): VoiceResponse {
  const twiml = voiceResponse();
  twiml.redirect({ method: 'POST' }, url);
  return twiml;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Proof, on a toggle request, that this service's own consent step let the call be recorded.
 * Only code holding the account's auth token can make it, and it is bound to one call, so a
 * signed but hand-written `/recording-toggle?Record=true` cannot skip the question, and the
 * proof of one call cannot start a recording on another.
 */
export function consentToken(authToken: string, callSid: string): string {
  return createHmac('sha256', authToken)
    .update(`recording-consent:${callSid}`)
    .digest('base64url')
    .slice(0, 32);
}

/** Whether `token` is the proof for this call (compared in constant time). */
export function isConsentToken(authToken: unknown, callSid: string, token: string): boolean {
  if (typeof authToken !== 'string' || authToken === '') return false;
  const expected = Buffer.from(consentToken(authToken, callSid));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

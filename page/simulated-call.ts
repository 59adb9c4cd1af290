// The local simulation's request. No DOM here, so that it can be unit-tested.

export const SIMULATE_STATUS_PATH = '/_simulate/status';
export const SIMULATE_CALL_PATH = '/_simulate/call';

export const CONSENT_ANSWERS = ['yes', 'no', 'silent'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];

export interface SimulatedCall {
  /** What the caller says to the feedback question. */
  say: string;
  /** How the caller answers the consent question; absent: no consent question (notice only). */
  consent?: ConsentAnswer;
  /** A fault for the local Twilio to inject, as `npm run call --fault` spells it. */
  fault?: string;
}

/** The form-encoded body of POST /_simulate/call; "none" choices are left out. */
export function simulatedCallBody(call: SimulatedCall): string {
  const form = new URLSearchParams();
  form.set('say', call.say);
  if (call.consent) form.set('consent', call.consent);
  if (call.fault) form.set('fault', call.fault);
  return form.toString();
}

export function isConsentAnswer(value: string): value is ConsentAnswer {
  return (CONSENT_ANSWERS as readonly string[]).includes(value);
}

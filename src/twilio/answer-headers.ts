import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the headers of Twilio's answer to one request say: its clock (`Date`) and, for a
 * request it asks to repeat later, how long to wait (`Retry-After`). twilio-node hands back the
 * body only, so the REST client notes the headers (rest-client.ts) for whoever asked with
 * `noting`.
 */
export interface AnswerHeaders {
  /** Twilio's clock when it answered (ms since the epoch), from `Date`. */
  date?: number;
  /** From `Retry-After` in seconds, as milliseconds. */
  retryAfterMs?: number;
}

const listening = new AsyncLocalStorage<AnswerHeaders>();

/**
 * Runs `request`, and notes into `into` the headers of the answers it gets (the last one
 * wins). Works through twilio-node's promise chain because the note is taken in the same
 * asynchronous context as the request.
 */
export function noting<T>(into: AnswerHeaders, request: () => Promise<T>): Promise<T> {
  return listening.run(into, request);
}

/** Called by the REST client with each answer's headers; does nothing when no one listens. */
export function noteAnswerHeaders(headers: unknown): void {
  const into = listening.getStore();
  if (!into || typeof headers !== 'object' || headers === null) return;
  const { date, 'retry-after': retryAfter } = headers as Record<string, unknown>;
  const time = typeof date === 'string' ? Date.parse(date) : NaN;
  if (Number.isFinite(time)) into.date = time;
  // Retry-After may also be an HTTP date; Twilio's are seconds, and a date is read as such.
  const seconds = typeof retryAfter === 'string' ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) into.retryAfterMs = seconds * 1000;
  else if (typeof retryAfter === 'string' && Number.isFinite(Date.parse(retryAfter))) {
    const base = Number.isFinite(time) ? time : Date.now();
    into.retryAfterMs = Math.max(0, Date.parse(retryAfter) - base);
  }
}

import type { Settings } from '../config/settings';

/** What the log reads of the settings: the account, and the log's own. */
export type LogAccess = Pick<Settings, 'twilio' | 'log'>;
import type { Failure } from '../failure';
import { logEvent } from '../logger';
import { ok, type Result } from '../result';
import { budget } from '../retry';
import { createRestClient } from '../twilio/rest-client';
import type { CallLog } from './call-history';
import {
  consentEntry,
  feedbackEntry,
  statusEntry,
  type ActionEntry,
  type ConsentEntry,
  type FeedbackToStore,
  type LogEntry,
  type RecordingStatusFacts,
} from './entries';
import { openLog } from './sharded-log';

/** Who waits for a log operation: Twilio's callback can wait longer than a caller on the line. */
export type LogWaiter = 'status-callback' | 'caller';

/** How storing went: whether it was a second delivery, and the Sync requests it took. */
export interface Stored {
  duplicate: boolean;
  syncRequests: number;
}

/** The waiter's budget, or less when the step has already spent part of its own (`atMostMs`). */
function budgetFor(settings: LogAccess, waiter: LogWaiter, atMostMs = Infinity) {
  const ms = waiter === 'caller' ? settings.log.callerBudgetMs : settings.log.budgetMs;
  return budget(Math.min(ms, atMostMs), settings.twilio.restTimeoutMs);
}

async function append(
  settings: LogAccess,
  entry: LogEntry,
  waiter: LogWaiter,
  atMostMs?: number,
): Promise<Result<Stored, Failure>> {
  const client = createRestClient(settings.twilio);
  if (!client.ok) return client;
  const within = budgetFor(settings, waiter, atMostMs);
  const stored = await openLog(client.value, settings.log).append(entry, within);
  if (!stored.ok) return stored;
  return ok({ duplicate: stored.value.duplicate, syncRequests: within.requests });
}

/** Stores one validated status event. */
export function storeStatusEvent(
  settings: LogAccess,
  facts: RecordingStatusFacts,
  notice?: { prompt: string },
) {
  const entry = statusEntry(facts, new Date().toISOString(), notice);
  return append(settings, entry, 'status-callback');
}

/** Stores what the caller said. */
export function storeFeedback(settings: LogAccess, feedback: FeedbackToStore) {
  return append(settings, feedbackEntry(feedback, new Date().toISOString()), 'caller');
}

/** Keeps the consent step's evidence, once per call. */
export function storeConsent(
  settings: LogAccess,
  evidence: Omit<ConsentEntry, 'kind' | 'receivedAt' | 'speechTruncated' | 'promptTruncated'>,
) {
  return append(settings, consentEntry(evidence, new Date().toISOString()), 'caller');
}

/** Keeps a pause or a resume the toggle made, within what is left of its budget (`leftMs`). */
export function storeToggleAction(
  settings: LogAccess,
  action: Omit<ActionEntry, 'kind' | 'receivedAt'>,
  leftMs: number,
) {
  const entry: LogEntry = { kind: 'action', ...action, receivedAt: new Date().toISOString() };
  return append(settings, entry, 'caller', leftMs);
}

/**
 * Stores something on a call's path (the caller's answer, the consent, a pause) and logs how it
 * went under `name` (`<name>.stored` or `<name>.not-stored`). The call goes on either way.
 */
export async function keepInLog(
  name: string,
  fields: Record<string, unknown>,
  store: () => Promise<Result<Stored, Failure>>,
): Promise<Result<Stored, Failure>> {
  const stored = await store();
  if (stored.ok) {
    const { duplicate, syncRequests } = stored.value;
    logEvent('info', `${name}.stored`, {
      ...fields,
      duplicate: duplicate || undefined,
      syncRequests,
    });
  } else {
    logEvent('warn', `${name}.not-stored`, { ...fields, message: stored.error.message });
  }
  return stored;
}

/** Everything logged about one call. */
export async function readCallLog(
  settings: LogAccess,
  callSid: string,
): Promise<Result<CallLog, Failure>> {
  const client = createRestClient(settings.twilio);
  if (!client.ok) return client;
  return openLog(client.value, settings.log).readCall(
    callSid,
    budgetFor(settings, 'status-callback'),
  );
}

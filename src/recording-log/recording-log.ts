import { integerSetting, setting } from '../config/defaults';
import { errorMessage, RecordingLogUnavailable } from '../errors';
import { logEvent } from '../logger';
import { createRestClient } from '../twilio/rest-client';
import type { CallLog } from './call-log';
import {
  consentEntry,
  feedbackEntry,
  statusEntry,
  type ActionEntry,
  type FeedbackToStore,
  type LogEntry,
} from './log-entries';
import type { RecordingLogLayout } from './recording-log-layout';
import { ShardedLayout } from './sharded-layout';
import { SingleMapLayout } from './single-map-layout';
import type { RecordingStatusFacts } from './status-event';
import { logBudget, type LogBudget } from './sync-request';

type Env = Record<string, unknown>;

/** Who waits for a log operation: Twilio's callback can wait longer than a caller on the line. */
export type LogWaiter = 'status-callback' | 'caller';

/** The layout the settings choose, over the REST client the Function's credentials make. */
export function recordingLogLayout(env: Env): RecordingLogLayout {
  const client = createRestClient(env, { timeoutMs: integerSetting(env, 'REST_TIMEOUT_MS') });
  if (!client.ok) throw new RecordingLogUnavailable(client.error);
  const serviceSid = setting(env, 'RECORDING_LOG_SYNC_SERVICE');
  const mapName = setting(env, 'RECORDING_LOG_MAP');
  const ttlSeconds = integerSetting(env, 'RECORDING_LOG_TTL_SECONDS');
  const layout = setting(env, 'RECORDING_LOG_LAYOUT');
  if (layout === 'single-map') {
    return new SingleMapLayout(client.value, { serviceSid, mapName, ttlSeconds });
  }
  if (layout !== 'sharded') {
    logEvent('warn', 'recording-log.unknown-layout', {
      RECORDING_LOG_LAYOUT: layout,
      message: "RECORDING_LOG_LAYOUT must be 'sharded' or 'single-map'; using 'sharded'",
    });
  }
  return new ShardedLayout(client.value, {
    serviceSid,
    mapPrefix: mapName,
    shards: integerSetting(env, 'RECORDING_LOG_SHARDS'),
    formerShards: formerShardCounts(setting(env, 'RECORDING_LOG_FORMER_SHARDS')),
    ttlSeconds,
  });
}

/** `32, 16` → [32, 16]; anything that is not a whole number from 1 to 1024 is left out. */
export function formerShardCounts(value: string): number[] {
  return value
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map(Number)
    .filter((count) => Number.isInteger(count) && count >= 1 && count <= 1024);
}

/** The waiter's budget, or less when the step has already spent part of its own (`atMostMs`). */
function budgetFor(env: Env, waiter: LogWaiter, atMostMs = Infinity): LogBudget {
  const budgetMs = integerSetting(
    env,
    waiter === 'caller' ? 'RECORDING_LOG_CALLER_BUDGET_MS' : 'RECORDING_LOG_BUDGET_MS',
  );
  return logBudget(Math.min(budgetMs, atMostMs), integerSetting(env, 'REST_TIMEOUT_MS'));
}

/** How storing went: whether it was a second delivery, and the Sync requests it took. */
export interface Stored {
  duplicate: boolean;
  syncRequests: number;
}

async function append(
  env: Env,
  entry: LogEntry,
  waiter: LogWaiter,
  atMostMs?: number,
): Promise<Stored> {
  const budget = budgetFor(env, waiter, atMostMs);
  const { duplicate } = await recordingLogLayout(env).append(entry, budget);
  return { duplicate, syncRequests: budget.requests };
}

/** Stores one validated status event; throws RecordingLogUnavailable when Sync cannot be written. */
export function storeStatusEvent(env: Env, facts: RecordingStatusFacts): Promise<Stored> {
  return append(env, statusEntry(facts, new Date().toISOString()), 'status-callback');
}

/** Stores what the caller said; throws RecordingLogUnavailable when Sync cannot be written. */
export function storeFeedback(env: Env, feedback: FeedbackToStore): Promise<Stored> {
  return append(env, feedbackEntry(feedback, new Date().toISOString()), 'caller');
}

/** Keeps the consent step's evidence, once per call; throws RecordingLogUnavailable. */
export function storeConsent(
  env: Env,
  evidence: Parameters<typeof consentEntry>[0],
): Promise<Stored> {
  return append(env, consentEntry(evidence, new Date().toISOString()), 'caller');
}

/**
 * Keeps a pause or a resume the toggle made, within what is left of the toggle's budget
 * (`leftMs`); throws RecordingLogUnavailable.
 */
export function storeToggleAction(
  env: Env,
  action: Omit<ActionEntry, 'kind' | 'receivedAt'>,
  leftMs: number,
): Promise<Stored> {
  const entry: LogEntry = { kind: 'action', ...action, receivedAt: new Date().toISOString() };
  return append(env, entry, 'caller', leftMs);
}

/**
 * Stores something on a call's path (the caller's answer, the consent, a pause) and logs how it
 * went under `name` (`<name>.stored` or `<name>.not-stored`). A failure never stops the call:
 * it is logged and reported as false.
 */
export async function keepInLog(
  name: string,
  fields: Record<string, unknown>,
  store: () => Promise<Stored>,
): Promise<boolean> {
  try {
    const { duplicate, syncRequests } = await store();
    logEvent('info', `${name}.stored`, {
      ...fields,
      duplicate: duplicate || undefined,
      syncRequests,
    });
    return true;
  } catch (error) {
    logEvent('warn', `${name}.not-stored`, { ...fields, message: errorMessage(error) });
    return false;
  }
}

/** Everything logged about one call. */
export function callLog(env: Env, callSid: string): Promise<CallLog> {
  return recordingLogLayout(env).readCall(callSid, budgetFor(env, 'status-callback'));
}

import { integerSetting, setting } from '../config/defaults';
import { errorMessage, RecordingLogUnavailable } from '../errors';
import { createRestClient } from '../twilio/rest-client';
import { syncMapItemStore, type MapItemStore } from './map-item-store';
import {
  applyFeedback,
  applyStatusEvent,
  type FeedbackToStore,
  type RecordingLogItem,
} from './recording-log-item';
import type { RecordingStatusEvent } from './status-event';
import { upsertItem, type UpsertOutcome } from './upsert';

type Env = Record<string, unknown>;

/** Most items `/recordings` reads when looking up one call (the map is scanned in key order). */
export const MAX_ITEMS_SCANNED = 1000;
const MAX_ROUNDS = 8;

function recordingLogStore(env: Env): MapItemStore<RecordingLogItem> {
  const client = createRestClient(env, { timeoutMs: integerSetting(env, 'REST_TIMEOUT_MS') });
  if (!client.ok) throw new RecordingLogUnavailable(client.error);
  return syncMapItemStore<RecordingLogItem>(client.value, {
    serviceSid: setting(env, 'RECORDING_LOG_SYNC_SERVICE'),
    mapName: setting(env, 'RECORDING_LOG_MAP'),
    itemTtlSeconds: integerSetting(env, 'RECORDING_LOG_TTL_SECONDS'),
  });
}

function upsertPolicy(env: Env) {
  const budget = integerSetting(env, 'RECORDING_LOG_BUDGET_MS');
  return { maxRounds: MAX_ROUNDS, deadline: Date.now() + budget, now: () => Date.now() };
}

/** Stores one validated status event; throws RecordingLogUnavailable when Sync cannot be written. */
export function storeStatusEvent(env: Env, event: RecordingStatusEvent): Promise<UpsertOutcome> {
  const receivedAt = new Date().toISOString();
  return upsertItem(
    recordingLogStore(env),
    event.recordingSid,
    (current) => applyStatusEvent(current, event, receivedAt),
    upsertPolicy(env),
  );
}

export function storeFeedback(env: Env, feedback: FeedbackToStore): Promise<UpsertOutcome> {
  const receivedAt = new Date().toISOString();
  return upsertItem(
    recordingLogStore(env),
    feedback.recordingSid,
    (current) => applyFeedback(current, feedback, receivedAt),
    upsertPolicy(env),
  );
}

/** Every logged recording of one call, oldest start first. */
export async function recordingsOfCall(env: Env, callSid: string): Promise<RecordingLogItem[]> {
  const store = recordingLogStore(env);
  try {
    const items = await store.list(MAX_ITEMS_SCANNED);
    return items
      .map((item) => item.data)
      .filter((item) => item.callSid === callSid)
      .sort((a, b) =>
        (a.history[0]?.receivedAt ?? '').localeCompare(b.history[0]?.receivedAt ?? ''),
      );
  } catch (error) {
    throw new RecordingLogUnavailable(`Sync could not be read: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

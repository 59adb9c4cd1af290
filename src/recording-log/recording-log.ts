import { setting } from '../config/defaults';
import { createRestClient, restTimeoutMs } from '../rest-client';
import type { RecordingStatusEvent } from '../status-event';
import { syncMapItemStore, type MapItemStore } from './map-item-store';
import { applyFeedback, applyStatusEvent, type RecordingLogItem } from './recording-log-item';
import { RecordingLogUnavailable, upsertItem, type UpsertOutcome } from './upsert';

type Env = Record<string, unknown>;

/** Most items `/recordings` reads when looking up one call (the map is scanned in key order). */
export const MAX_ITEMS_SCANNED = 1000;
const MAX_ROUNDS = 8;

function boundedInteger(raw: string, fallback: number, min: number, max: number): number {
  const value = Number(raw);
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

export function recordingLogStore(env: Env): MapItemStore<RecordingLogItem> {
  const client = createRestClient(env, { timeoutMs: restTimeoutMs(env) });
  if (!client.ok) throw new RecordingLogUnavailable(client.message);
  return syncMapItemStore<RecordingLogItem>(client.client, {
    serviceSid: setting(env, 'RECORDING_LOG_SYNC_SERVICE'),
    mapName: setting(env, 'RECORDING_LOG_MAP'),
    itemTtlSeconds: boundedInteger(setting(env, 'RECORDING_LOG_TTL_SECONDS'), 0, 0, 31_536_000),
  });
}

function policy(env: Env) {
  const budget = boundedInteger(setting(env, 'RECORDING_LOG_BUDGET_MS'), 6000, 500, 9000);
  return { maxRounds: MAX_ROUNDS, deadline: Date.now() + budget, now: () => Date.now() };
}

/** Stores one validated status event; throws RecordingLogUnavailable when Sync cannot be written. */
export function storeStatusEvent(
  env: Env,
  event: RecordingStatusEvent,
  store: MapItemStore<RecordingLogItem> = recordingLogStore(env),
): Promise<UpsertOutcome> {
  const receivedAt = new Date().toISOString();
  return upsertItem(
    store,
    event.recordingSid,
    (current) => applyStatusEvent(current, event, receivedAt),
    policy(env),
  );
}

export function storeFeedback(
  env: Env,
  feedback: { recordingSid: string; callSid: string; speechResult: string; confidence?: number },
  store: MapItemStore<RecordingLogItem> = recordingLogStore(env),
): Promise<UpsertOutcome> {
  const receivedAt = new Date().toISOString();
  return upsertItem(
    store,
    feedback.recordingSid,
    (current) => applyFeedback(current, feedback, receivedAt),
    policy(env),
  );
}

/** Every logged recording of one call, oldest start first. */
export async function recordingsOfCall(
  env: Env,
  callSid: string,
  store: MapItemStore<RecordingLogItem> = recordingLogStore(env),
): Promise<RecordingLogItem[]> {
  try {
    const items = await store.list(MAX_ITEMS_SCANNED);
    return items
      .map((item) => item.data)
      .filter((item) => item.callSid === callSid)
      .sort((a, b) =>
        (a.history[0]?.receivedAt ?? '').localeCompare(b.history[0]?.receivedAt ?? ''),
      );
  } catch (error) {
    throw new RecordingLogUnavailable(
      `Sync could not be read: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
}

/**
 * The earlier layout of the recording log, kept only as the baseline `npm run bench:scale`
 * measures the sharded one against: one Map for the whole account, one item per recording,
 * each event a read and then a write with the item's revision. Every request counts against the
 * one Map's 20/s, and a lookup by call scans at most MAX_ITEMS_SCANNED items.
 *
 * It is never deployed: the benchmark builds its own copy of the Functions in which this file
 * stands in for src/recording-log/sharded-log.ts (same exports), so the Functions are
 * otherwise the very ones that ship.
 */
import type { Twilio } from 'twilio';
import type { LogSettings } from '../../../src/config/settings';
import {
  applyFeedback,
  applyStatusEvent,
  byFirstEvent,
  foldCallLog,
  type RecordingLogItem,
} from '../../../src/recording-log/call-history';
import { entryKey, type LogEntry } from '../../../src/recording-log/entries';
import type { LogStore } from '../../../src/recording-log/sharded-log';
import { failure, type Failure } from '../../../src/failure';
import { err, ok, type Result } from '../../../src/result';
import type { Budget } from '../../../src/retry';
import { syncMapItemStore, type MapItemStore } from './map-item-store';
import { upsertItem } from './upsert';

/** Most items a lookup reads: this layout has no index, so it scans the map in key order. */
const MAX_ITEMS_SCANNED = 1000;
/** Read-modify-write rounds before giving up (each lost race costs one). */
const MAX_ROUNDS = 8;

type StoredData = RecordingLogItem | LogEntry;

export function openLog(client: Twilio, settings: LogSettings): LogStore {
  const store = (within: Budget): MapItemStore<StoredData> =>
    syncMapItemStore<StoredData>(
      client,
      {
        serviceSid: settings.syncService,
        mapName: settings.mapPrefix,
        itemTtlSeconds: settings.ttlSeconds,
      },
      within,
    );
  return {
    append: (entry, within) => append(store(within), entry, within),
    async readCall(callSid, within) {
      const items = await store(within).list(MAX_ITEMS_SCANNED);
      if (!items.ok) return items;
      const mine = items.value.map((item) => item.data).filter((data) => data.callSid === callSid);
      const log = foldCallLog(
        callSid,
        mine.filter((data): data is LogEntry => 'kind' in data),
      );
      const recordings = mine.filter((data): data is RecordingLogItem => 'history' in data);
      log.recordings = recordings.sort(byFirstEvent);
      return ok(log);
    },
    // The baseline is only measured for storing events; erasing is the sharded log's alone.
    readEntries: () => Promise.resolve(err(NOT_IN_BASELINE)),
    remove: () => Promise.resolve(err(NOT_IN_BASELINE)),
  };
}

const NOT_IN_BASELINE = failure(
  'recording-log-unavailable',
  'the single-map baseline keeps no erasures',
);

async function append(
  store: MapItemStore<StoredData>,
  entry: LogEntry,
  within: Budget,
): Promise<Result<{ duplicate: boolean }, Failure>> {
  // The earlier layout kept a notice as an entry of its own, as it does any consent evidence.
  if (entry.kind === 'status' && entry.consent) {
    const { consent, ...status } = entry;
    const kept = await append(
      store,
      { kind: 'consent', callSid: entry.callSid, ...consent },
      within,
    );
    if (!kept.ok) return kept;
    return append(store, status, within);
  }
  const policy = { maxRounds: MAX_ROUNDS, deadline: within.deadline, now: within.now };
  if (entry.kind === 'status' || (entry.kind === 'feedback' && entry.recordingSid)) {
    const recordingSid = entry.recordingSid as string;
    const mutate = (current: StoredData | undefined) => {
      const item = current as RecordingLogItem | undefined;
      if (entry.kind === 'feedback') return applyFeedback(item, { ...entry, recordingSid });
      const { kind: _kind, receivedAt, ...facts } = entry;
      return applyStatusEvent(item, facts, receivedAt);
    };
    const outcome = await upsertItem(store, recordingSid, mutate, policy);
    return outcome.ok ? ok({ duplicate: !outcome.value.changed }) : outcome;
  }
  const created = await store.create(entryKey(entry), entry);
  return created.ok ? ok({ duplicate: created.value === 'already-exists' }) : created;
}

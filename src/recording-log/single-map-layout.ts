import type { Twilio } from 'twilio';
import { errorMessage, RecordingLogUnavailable } from '../errors';
import { byFirstEvent, foldCallLog, type CallLog } from './call-log';
import { entryKey, type LogEntry } from './log-entries';
import { syncMapItemStore, type MapItemStore } from './map-item-store';
import { applyFeedback, applyStatusEvent, type RecordingLogItem } from './recording-log-item';
import type { RecordingLogLayout } from './recording-log-layout';
import type { LogBudget } from './sync-request';
import { upsertItem } from './upsert';

/** Most items a lookup reads: this layout has no index, so it scans the map in key order. */
const MAX_ITEMS_SCANNED = 1000;
/** Read-modify-write rounds before giving up (each lost race costs one). */
const MAX_ROUNDS = 8;

type StoredData = RecordingLogItem | LogEntry;

/**
 * The earlier layout, kept as the baseline the sharded one is measured against: one Map for
 * the whole account, one item per recording, each event a read and then a write with the
 * item's revision. Every request counts against the one Map's 20/s, and a lookup by call scans
 * at most MAX_ITEMS_SCANNED items, so it misses calls once the log holds more.
 */
export class SingleMapLayout implements RecordingLogLayout {
  constructor(
    private readonly client: Twilio,
    private readonly options: { serviceSid: string; mapName: string; ttlSeconds: number },
  ) {}

  async append(entry: LogEntry, budget: LogBudget): Promise<{ duplicate: boolean }> {
    const store = this.store(budget);
    const policy = { maxRounds: MAX_ROUNDS, deadline: budget.deadline, now: budget.now };
    if (entry.kind === 'status') {
      const { kind: _kind, receivedAt, ...facts } = entry;
      const outcome = await upsertItem(
        store,
        entry.recordingSid,
        (current) => applyStatusEvent(current as RecordingLogItem | undefined, facts, receivedAt),
        policy,
      );
      return { duplicate: !outcome.changed };
    }
    if (entry.kind === 'feedback' && entry.recordingSid) {
      const feedback = { ...entry, recordingSid: entry.recordingSid };
      const outcome = await upsertItem(
        store,
        entry.recordingSid,
        (current) => applyFeedback(current as RecordingLogItem | undefined, feedback),
        policy,
      );
      return { duplicate: !outcome.changed };
    }
    try {
      const created = await store.create(entryKey(entry), entry);
      return { duplicate: !created.ok };
    } catch (error) {
      throw new RecordingLogUnavailable(`Sync could not be written: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }

  async readCall(callSid: string, budget: LogBudget): Promise<CallLog> {
    let items;
    try {
      items = await this.store(budget).list(MAX_ITEMS_SCANNED);
    } catch (error) {
      throw new RecordingLogUnavailable(`Sync could not be read: ${errorMessage(error)}`, {
        cause: error,
      });
    }
    const mine = items.map((item) => item.data).filter((data) => data.callSid === callSid);
    const log = foldCallLog(
      callSid,
      mine.filter((data): data is LogEntry => 'kind' in data),
    );
    const recordings = mine.filter((data): data is RecordingLogItem => 'history' in data);
    log.recordings = recordings.sort(byFirstEvent);
    return log;
  }

  private store(budget: LogBudget): MapItemStore<StoredData> {
    return syncMapItemStore<StoredData>(
      this.client,
      {
        serviceSid: this.options.serviceSid,
        mapName: this.options.mapName,
        itemTtlSeconds: this.options.ttlSeconds,
      },
      budget,
    );
  }
}

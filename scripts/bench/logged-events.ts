import type { SyncMaps } from '../../local/stand-in/sync-maps';
import type { LogEntry } from '../../src/recording-log/log-entries';
import type { RecordingLogItem } from '../../src/recording-log/recording-log-item';

/**
 * Every recording status the log holds, by RecordingSid, read straight from the Sync stand-in
 * (no request, no limit) whichever layout wrote it, so that a run can count events lost or
 * stored twice.
 */
export function loggedStatuses(sync: SyncMaps, mapName = 'call-recordings'): Map<string, string[]> {
  const statuses = new Map<string, string[]>();
  const add = (recordingSid: string, status: string) =>
    statuses.set(recordingSid, [...(statuses.get(recordingSid) ?? []), status]);
  for (const { data } of sync.snapshotOfMaps(`${mapName}-`)) {
    const entry = data as LogEntry;
    if (entry.kind === 'status') add(entry.recordingSid, entry.status);
  }
  for (const { data } of sync.snapshot(mapName)) {
    const item = data as Partial<RecordingLogItem>;
    for (const entry of item.history ?? []) add(item.recordingSid as string, entry.status);
  }
  return statuses;
}

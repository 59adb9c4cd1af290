import type { SyncMaps } from '../../local/stand-in/sync-maps';
import type { RecordingLogItem } from '../../src/recording-log/call-history';
import type { LogEntry } from '../../src/recording-log/entries';

const LOG_MAP = 'call-recordings';

/**
 * Everything the recording log holds, read straight from the Sync stand-in (no request, no
 * limit) whichever layout wrote it: the sharded layout's entries, and the single-map layout's
 * items (one per recording) with the entries it keeps beside them.
 */
function storedLog(
  sync: SyncMaps,
  mapName: string,
): { entries: LogEntry[]; items: Array<Partial<RecordingLogItem>> } {
  const entries: LogEntry[] = [];
  const items: Array<Partial<RecordingLogItem>> = [];
  const stored = [...sync.snapshotOfMaps(`${mapName}-`), ...sync.snapshot(mapName)];
  for (const { data } of stored) {
    if (data && typeof data === 'object' && 'kind' in data) entries.push(data as LogEntry);
    else items.push(data as Partial<RecordingLogItem>);
  }
  return { entries, items };
}

/**
 * Every recording status the log holds, by RecordingSid, so that a run can count events lost
 * or stored twice.
 */
export function loggedStatuses(sync: SyncMaps, mapName = LOG_MAP): Map<string, string[]> {
  const statuses = new Map<string, string[]>();
  const add = (recordingSid: string, status: string) =>
    statuses.set(recordingSid, [...(statuses.get(recordingSid) ?? []), status]);
  const { entries, items } = storedLog(sync, mapName);
  for (const entry of entries) if (entry.kind === 'status') add(entry.recordingSid, entry.status);
  for (const item of items)
    for (const event of item.history ?? []) add(item.recordingSid as string, event.status);
  return statuses;
}

/** The recordings whose feedback the log holds, and the calls whose consent evidence it holds. */
export function loggedAnswers(
  sync: SyncMaps,
  mapName = LOG_MAP,
): { answered: Set<string>; consented: Set<string> } {
  const answered = new Set<string>();
  const consented = new Set<string>();
  const { entries, items } = storedLog(sync, mapName);
  for (const entry of entries) {
    if (entry.kind === 'feedback' && entry.recordingSid) answered.add(entry.recordingSid);
    // A notice is kept with the recording's status events; an answer in an entry of its own.
    if (entry.kind === 'consent' || (entry.kind === 'status' && entry.consent))
      consented.add(entry.callSid);
  }
  for (const item of items) if (item.feedback && item.recordingSid) answered.add(item.recordingSid);
  return { answered, consented };
}

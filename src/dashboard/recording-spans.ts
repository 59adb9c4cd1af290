import type { RecordingLogItem } from '../recording-log/call-history';
import type { RecordingView } from './view';

/**
 * When a recording was recording and when it was paused, on Twilio's clock: from its start,
 * cut by the pauses and resumes the toggle kept in the log, to its end. Twilio reports no end
 * time, so the end is the start plus the duration, plus the paused time a `skip` pause left
 * out of the duration (a `silence` pause is counted in it). A recording still running (or
 * paused) has an open last span.
 */
export function recordingSpans(
  recording: { startTime?: string; durationSeconds?: number; status: string },
  actions: NonNullable<RecordingLogItem['actions']> = [],
): RecordingView['spans'] {
  const start = recording.startTime ? Date.parse(recording.startTime) : NaN;
  if (Number.isNaN(start)) return [];
  const spans: RecordingView['spans'] = [];
  let kind: 'recorded' | 'paused' = 'recorded';
  let from = start;
  let skippedMs = 0;
  let skipping = false;
  for (const action of actions) {
    const at = Date.parse(action.at);
    if (Number.isNaN(at) || at < from) continue;
    const next = action.action === 'pause' ? 'paused' : 'recorded';
    if (next === kind) continue;
    spans.push({ kind, from: iso(from), to: iso(at) });
    if (kind === 'paused' && skipping) skippedMs += at - from;
    skipping = action.action === 'pause' && action.pauseBehavior === 'skip';
    kind = next;
    from = at;
  }
  const open = recording.status === 'in-progress' || recording.status === 'paused';
  if (open || recording.durationSeconds === undefined) {
    spans.push({ kind, from: iso(from) });
    return spans;
  }
  const end = start + recording.durationSeconds * 1000 + skippedMs;
  spans.push({ kind, from: iso(from), to: iso(Math.max(from, end)) });
  return spans;
}

const iso = (ms: number) => new Date(ms).toISOString();

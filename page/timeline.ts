// Where each part of a call's bar goes. No DOM here, so that it can be unit-tested.
import type { CallView } from '../src/dashboard/view';
import { formatDuration } from './format';

/**
 * not-recorded: before the first recording started; recorded / paused: RecordingView.spans;
 * stopped: after a recording ended (until the next one starts, or the call ends).
 */
export type SegmentKind = 'not-recorded' | 'recorded' | 'paused' | 'stopped';

export interface Segment {
  kind: SegmentKind;
  /** Seconds since the call started. */
  fromSeconds: number;
  toSeconds: number;
}

export interface Timeline {
  /** The bar's length: the call's span, up to now while it goes on. */
  totalSeconds: number;
  ongoing: boolean;
  segments: Segment[];
}

type Span = CallView['recordings'][number]['spans'][number];

const millis = (iso: string | undefined): number | undefined => {
  if (!iso) return undefined;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? undefined : value;
};

/**
 * The call's bar: from its start to its end (or `nowMs` while it goes on), with every
 * recording's spans on it. Spans that reach outside the call are cut to it (the two clocks can
 * disagree by a little); an open span lasts to the end of the bar. Undefined when the call has
 * no time to draw on (it never started and nothing was recorded).
 */
export function buildTimeline(
  call: Pick<CallView, 'startTime' | 'endTime' | 'recordings'>,
  nowMs: number,
): Timeline | undefined {
  const spans: Span[] = call.recordings.flatMap((recording) => recording.spans);
  const spanStarts = spans.map((span) => millis(span.from)).filter((v) => v !== undefined);
  const startMs =
    millis(call.startTime) ?? (spanStarts.length ? Math.min(...spanStarts) : undefined);
  if (startMs === undefined) return undefined;
  const endTime = millis(call.endTime);
  const ongoing = endTime === undefined;
  const endMs = Math.max(startMs, endTime ?? nowMs);
  const at = (ms: number) => (Math.min(Math.max(ms, startMs), endMs) - startMs) / 1000;

  const drawn = spans
    .map((span) => {
      const from = millis(span.from);
      if (from === undefined) return undefined;
      return { kind: span.kind, from: at(from), to: at(millis(span.to) ?? endMs) };
    })
    .filter((span) => span !== undefined && span.to > span.from)
    .sort((a, b) => a!.from - b!.from) as Array<{ kind: Span['kind']; from: number; to: number }>;

  const totalSeconds = (endMs - startMs) / 1000;
  const segments: Segment[] = [];
  let cursor = 0;
  let recordingSeen = false;
  for (const span of drawn) {
    const from = Math.max(span.from, cursor);
    if (span.to <= from) continue;
    if (from > cursor) {
      segments.push({
        kind: recordingSeen ? 'stopped' : 'not-recorded',
        fromSeconds: cursor,
        toSeconds: from,
      });
    }
    segments.push({ kind: span.kind, fromSeconds: from, toSeconds: span.to });
    recordingSeen = true;
    cursor = span.to;
  }
  if (cursor < totalSeconds) {
    segments.push({
      kind: recordingSeen ? 'stopped' : 'not-recorded',
      fromSeconds: cursor,
      toSeconds: totalSeconds,
    });
  }
  return { totalSeconds, ongoing, segments: mergeNeighbours(segments) };
}

/** Two spans of the same kind that touch (a recording resumed in a new one) read as one. */
function mergeNeighbours(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.kind === segment.kind && last.toSeconds === segment.fromSeconds) {
      last.toSeconds = segment.toSeconds;
    } else {
      merged.push({ ...segment });
    }
  }
  return merged;
}

const KIND_WORDS: Record<SegmentKind, string> = {
  'not-recorded': 'not recorded',
  recorded: 'recorded',
  paused: 'paused',
  stopped: 'stopped',
};

export function segmentWord(kind: SegmentKind): string {
  return KIND_WORDS[kind];
}

/** The bar in words, for screen readers: "Call 2:10: not recorded 0:00–0:12, recorded …". */
export function describeTimeline(timeline: Timeline): string {
  const length = `${formatDuration(timeline.totalSeconds)}${timeline.ongoing ? ' so far' : ''}`;
  const parts = timeline.segments.map(
    (segment) =>
      `${KIND_WORDS[segment.kind]} ${formatDuration(segment.fromSeconds)}–${formatDuration(segment.toSeconds)}`,
  );
  return `Call of ${length}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** Pixel columns [from, to) of a segment on a bar `width` pixels wide; at least one wide. */
export function segmentColumns(
  segment: Segment,
  totalSeconds: number,
  width: number,
): { from: number; to: number } {
  if (totalSeconds <= 0) return { from: 0, to: width };
  const from = Math.round((segment.fromSeconds / totalSeconds) * width);
  const to = Math.round((segment.toSeconds / totalSeconds) * width);
  return { from, to: Math.max(to, Math.min(from + 1, width)) };
}

import { channelLayout, type ChannelLayout } from './channel-layout';
import { msToSamples, SAMPLE_RATE } from './media-format';
import {
  assertValidSegment,
  assertValidWindow,
  type RecordingWindow,
  type SoundSegment,
} from './timeline';

/**
 * Where everything lands in the file, in samples, before any sound is made: the renderer and
 * the reported duration both read this one plan, so the two cannot disagree.
 *
 * Twilio's rules applied here (twilio-oai, UpdateCallRecording / CreateCallRecording):
 * - PauseBehavior: "`skip` does not record during the pause period, while `silence` will
 *   replace the actual audio of the call with silence during the pause period." So a skipped
 *   pause is cut out of the file, a silenced one stays as silence of the same length.
 * - Trim: "`trim-silence` trims the silence from the beginning and end of the recording and
 *   `do-not-trim` does not."
 *   Assumption [trim-silence-is-no-segment]: Twilio does not say what counts as silence; here
 *   it is any stretch where no recorded segment is sounding (a segment's own gaps between words
 *   count as sound), and a recording with nothing audible at all trims down to an empty file.
 * - Only the part of a segment inside the window and outside any pause is heard; a segment
 *   crossing an edge is cut there.
 */

/** A stretch of the call that is in the file, in samples on the call's clock. */
interface KeptSpan {
  callStart: number;
  callEnd: number;
  fileStart: number;
  /** false for a pause kept as silence */
  audible: boolean;
}

/** The heard part of one segment: `length` samples from `offset` into the segment, at `fileStart`. */
export interface HeardPiece {
  segment: SoundSegment;
  channel: number;
  offset: number;
  length: number;
  fileStart: number;
}

export interface RecordingPlan {
  sampleRate: number;
  layout: ChannelLayout;
  pieces: HeardPiece[];
  /** samples per channel in the file */
  length: number;
}

function keptSpans(window: RecordingWindow, sampleRate: number): KeptSpan[] {
  const start = msToSamples(window.startMs, sampleRate);
  const end = msToSamples(window.endMs, sampleRate);
  const clamp = (ms: number) => Math.min(end, Math.max(start, msToSamples(ms, sampleRate)));
  const spans: KeptSpan[] = [];
  let cursor = start;
  let fileAt = 0;
  const keep = (to: number, audible: boolean) => {
    if (to <= cursor) return;
    spans.push({ callStart: cursor, callEnd: to, fileStart: fileAt, audible });
    fileAt += to - cursor;
    cursor = to;
  };
  for (const pause of [...window.pauses].sort((a, b) => a.fromMs - b.fromMs)) {
    const from = clamp(pause.fromMs);
    const to = clamp(pause.toMs);
    keep(from, true);
    if (pause.behavior === 'silence') keep(to, false);
    cursor = Math.max(cursor, to);
  }
  keep(end, true);
  return spans;
}

/** A segment's own extent in samples on the call's clock, as every module must compute it. */
export function segmentSamples(
  segment: Pick<SoundSegment, 'startMs' | 'durationMs'>,
  sampleRate: number,
): { start: number; end: number } {
  return {
    start: msToSamples(segment.startMs, sampleRate),
    end: msToSamples(segment.startMs + segment.durationMs, sampleRate),
  };
}

function heardPieces(
  segment: SoundSegment,
  channel: number,
  spans: KeptSpan[],
  sampleRate: number,
): HeardPiece[] {
  const { start: segmentStart, end: segmentEnd } = segmentSamples(segment, sampleRate);
  const pieces: HeardPiece[] = [];
  for (const span of spans) {
    if (!span.audible) continue;
    const from = Math.max(segmentStart, span.callStart);
    const to = Math.min(segmentEnd, span.callEnd);
    if (to <= from) continue;
    pieces.push({
      segment,
      channel,
      offset: from - segmentStart,
      length: to - from,
      fileStart: span.fileStart + (from - span.callStart),
    });
  }
  return pieces;
}

export function planRecording(
  segments: readonly SoundSegment[],
  window: RecordingWindow,
  sampleRate: number = SAMPLE_RATE,
): RecordingPlan {
  assertValidWindow(window);
  segments.forEach(assertValidSegment);
  const layout = channelLayout(window);
  const spans = keptSpans(window, sampleRate);
  const lastSpan = spans[spans.length - 1];
  const untrimmedLength = lastSpan ? lastSpan.fileStart + lastSpan.callEnd - lastSpan.callStart : 0;
  const pieces = segments.flatMap((segment) => {
    const channel = layout.findIndex((tracks) => tracks.includes(segment.track));
    return channel < 0 ? [] : heardPieces(segment, channel, spans, sampleRate);
  });
  if (window.trim === 'do-not-trim') return { sampleRate, layout, pieces, length: untrimmedLength };

  if (pieces.length === 0) return { sampleRate, layout, pieces, length: 0 };
  // A loop rather than Math.min(...), which overflows the stack on a long call's many pieces.
  let first = Infinity;
  let last = -Infinity;
  for (const piece of pieces) {
    first = Math.min(first, piece.fileStart);
    last = Math.max(last, piece.fileStart + piece.length);
  }
  return {
    sampleRate,
    layout,
    pieces: pieces.map((piece) => ({ ...piece, fileStart: piece.fileStart - first })),
    length: last - first,
  };
}

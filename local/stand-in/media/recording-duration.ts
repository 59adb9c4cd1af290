import { samplesToMs } from './media-format';
import { planRecording } from './recording-plan';
import type { RecordingWindow, SoundSegment } from './timeline';

/**
 * The `duration` the Recording resource reports for this file: "The length of the recording in
 * seconds" (twilio-oai), a whole number. How Twilio rounds is not documented; this rounds to the
 * nearest second, halves up, as the stand-in's Recording resource already does, and measures the
 * file itself (after skipped pauses and trimming), so it always agrees with the rendered audio:
 * `recordingDurationSeconds(window, segments) === Math.round(audio.durationMs / 1000)`.
 * Segments only matter with `trim-silence`; without them such a recording counts as silent.
 */
export function recordingDurationSeconds(
  window: RecordingWindow,
  segments: SoundSegment[] = [],
): number {
  const plan = planRecording(segments, window);
  return Math.round(samplesToMs(plan.length, plan.sampleRate) / 1000);
}

import { samplesToMs } from './media-format';
import { planRecording } from './recording-plan';
import type { RecordingWindow, SoundSegment } from './timeline';

/**
 * How long the file is, in ms: the window, less skipped pauses and, with trim-silence, the
 * silence at both ends. Read from the same plan the renderer follows, so it is always exactly
 * the rendered audio's `durationMs`. Segments only matter with trim-silence; without them such
 * a recording counts as silent and trims to nothing.
 */
export function recordedAudioMs(
  window: RecordingWindow,
  segments: readonly SoundSegment[] = [],
): number {
  const plan = planRecording(segments, window);
  return samplesToMs(plan.length, plan.sampleRate);
}

/**
 * The `duration` the Recording resource reports for this file: "The length of the recording in
 * seconds" (twilio-oai), a whole number. How Twilio rounds is not documented; this rounds the
 * file's own length to the nearest second, halves up, so that
 * `recordingDurationSeconds(window, segments) === Math.round(audio.durationMs / 1000)`.
 */
export function recordingDurationSeconds(
  window: RecordingWindow,
  segments: readonly SoundSegment[] = [],
): number {
  return Math.round(recordedAudioMs(window, segments) / 1000);
}

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
 * The whole seconds the Recording resource's `duration` ("The length of the recording in
 * seconds", twilio-oai) and the callback's `RecordingDuration` report for a file of `ms`.
 */
export function durationSeconds(ms: number): number {
  // Assumption [recording-duration-nearest-second]: Twilio does not document how it rounds; the
  // file's own length is rounded to the nearest second, halves up.
  return Math.round(ms / 1000);
}

/**
 * The reported duration of the file a window and its segments make, so that
 * `recordingDurationSeconds(window, segments) === durationSeconds(audio.durationMs)`.
 */
export function recordingDurationSeconds(
  window: RecordingWindow,
  segments: readonly SoundSegment[] = [],
): number {
  return durationSeconds(recordedAudioMs(window, segments));
}

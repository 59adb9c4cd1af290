import { espeakAvailable } from './espeak';
import { samplesToMs } from './media-format';
import { planRecording } from './recording-plan';
import { addSegmentSound, type SpeechVoice } from './segment-sound';
import type { RenderedAudio } from './rendered-audio';
import type { RecordingWindow, SoundSegment } from './timeline';

export interface RenderOptions {
  /** 'espeak' uses espeak-ng for speech when it is on the PATH; tones otherwise (default). */
  speech?: SpeechVoice;
}

const FULL_SCALE = 32767;
// Bound once: in a sandboxed context (a test runner's) a `Math.` lookup per sample is slow.
const { round } = Math;

/** Adds `sound` into `channel` from `at`, saturating rather than wrapping if parties overlap. */
function mixInto(channel: Int16Array, sound: Float32Array, at: number): void {
  for (let i = 0; i < sound.length; i += 1) {
    const sum = channel[at + i] + round(sound[i] * FULL_SCALE);
    channel[at + i] = sum > FULL_SCALE ? FULL_SCALE : sum < -FULL_SCALE - 1 ? -FULL_SCALE - 1 : sum;
  }
}

/**
 * What a simulated call's recording contains, as audio, following Twilio's recording rules:
 * - which parties are in the file and on which channel: ./channel-layout.ts
 * - pauses (skip / silence), trimming, cutting at the window's edges: ./recording-plan.ts
 * - sample format: ./media-format.ts; the reported duration: ./recording-duration.ts
 * Output is deterministic: the same segments and window always give the same samples (with
 * tones; real speech depends on the installed espeak-ng).
 */
export function renderRecording(
  segments: readonly SoundSegment[],
  window: RecordingWindow,
  options: RenderOptions = {},
): RenderedAudio {
  const plan = planRecording(segments, window);
  const voice: SpeechVoice = options.speech === 'espeak' && espeakAvailable() ? 'espeak' : 'tones';
  const channels = plan.layout.map(() => new Int16Array(plan.length));
  // One scratch buffer for every piece: a long call would otherwise leave megabytes of
  // short-lived buffers for the garbage collector.
  let scratch = new Float32Array(0);
  for (const piece of plan.pieces) {
    if (scratch.length < piece.length) scratch = new Float32Array(piece.length);
    const sound = scratch.subarray(0, piece.length).fill(0);
    addSegmentSound(piece.segment, piece.offset, sound, plan.sampleRate, voice);
    mixInto(channels[piece.channel], sound, piece.fileStart);
  }
  return {
    sampleRate: plan.sampleRate,
    channels,
    durationMs: samplesToMs(plan.length, plan.sampleRate),
  };
}

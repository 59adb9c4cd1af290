import { encodeWav } from '../../local/stand-in/media';

const FULL_SCALE = 32767;

/** One channel of a test tone: its pitch and its peak (0..1 of full scale) along the file. */
export interface ToneChannel {
  frequencyHz: number;
  /** The peak at a point of the file, from 0 (its start) to 1 (its end). */
  amplitude(position: number): number;
}

/**
 * A PCM WAV file (16-bit, interleaved, as the stand-in encodes its recordings) holding one sine
 * tone per channel: small enough to build in a test, and every browser decodes it.
 */
export function toneWav(options: {
  sampleRate: number;
  seconds: number;
  channels: ToneChannel[];
}): Buffer {
  const { sampleRate, seconds } = options;
  const frames = Math.round(sampleRate * seconds);
  const channels = options.channels.map((channel) =>
    Int16Array.from({ length: frames }, (_, frame) =>
      Math.round(
        channel.amplitude(frame / frames) *
          Math.sin((2 * Math.PI * channel.frequencyHz * frame) / sampleRate) *
          FULL_SCALE,
      ),
    ),
  );
  return encodeWav({ sampleRate, channels, durationMs: (frames * 1000) / sampleRate });
}

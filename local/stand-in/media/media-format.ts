/**
 * The format Twilio serves recording media in, as far as it is documented.
 *
 * Documented: the media URL without an extension or with `.wav` returns "a binary WAV audio
 * file" with MIME type `audio/x-wav`; with `.mp3`, "a binary MP3 audio file" with MIME type
 * `audio/mpeg` (https://www.twilio.com/docs/voice/api/recording, "Fetch a Recording media
 * file"). Phone audio on Twilio is 8 kHz: Media Streams state the sample rate "is always 8000"
 * (https://www.twilio.com/docs/voice/twiml/stream).
 *
 * Not documented, assumed: the WAV's sample format. Twilio's pages give neither its bit depth
 * nor its rate; the module writes 8000 Hz, 16-bit signed little-endian linear PCM (WAVE format
 * tag 1), as the issue that asked for this module states. Change the constants below if a real
 * file says otherwise.
 */
export const SAMPLE_RATE = 8000;
export const BITS_PER_SAMPLE = 16;
export const WAVE_FORMAT_PCM = 1;

export const MEDIA_TYPES = { wav: 'audio/x-wav', mp3: 'audio/mpeg' } as const;

/** Converts a time on the call's clock to a sample index, the same way everywhere. */
export function msToSamples(ms: number, sampleRate: number = SAMPLE_RATE): number {
  return Math.round((ms * sampleRate) / 1000);
}

/** The exact length of `samples` samples, in ms (fractional when the rate demands it). */
export function samplesToMs(samples: number, sampleRate: number = SAMPLE_RATE): number {
  return (samples * 1000) / sampleRate;
}

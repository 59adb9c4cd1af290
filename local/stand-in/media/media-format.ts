/**
 * The format Twilio serves recording media in, as far as it is documented.
 *
 * Documented: "Without a file extension, or with a .wav, a binary WAV audio file is returned
 * with mime-type 'audio/x-wav'" (Twilio's 2008-08-01 Recording docs; the current page's media
 * section says the same for `.mp3`: "a binary MP3 audio file with mime-type type
 * 'audio/mpeg'", as quoted in twilio-php issue 515). Phone audio on Twilio is 8 kHz: Media
 * Streams carry it as 8000 Hz mu-law (https://www.twilio.com/docs/voice/twiml/stream).
 *
 * Assumption [wav-8khz-16bit]: no Twilio page found gives the WAV's bit depth or rate; the
 * stand-in writes 8000 Hz, 16-bit signed little-endian linear PCM (WAVE format tag 1). Clients
 * should read the header rather than take it for granted; if a real file says otherwise, change
 * the constants below.
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

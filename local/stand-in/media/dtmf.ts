import type { ToneBurst } from './tone-burst';

/**
 * DTMF as the telephone network sends it: each key is the sum of one row and one column tone
 * (ITU-T Q.23), e.g. '1' = 697 Hz + 1209 Hz. Each key sounds for 100 ms with at least 60 ms
 * between keys, the usual timing of generated digits. A segment longer than that spreads its
 * keys from its start to its end; a shorter one shrinks tones and gaps alike. Characters that
 * are not keys (Twilio's `w` wait, spaces) keep their place as silence.
 */
const ROW_HZ = [697, 770, 852, 941];
const COLUMN_HZ = [1209, 1336, 1477, 1633];
const KEYPAD = ['123A', '456B', '789C', '*0#D'];

export const DTMF_TONE_MS = 100;
const DTMF_GAP_MS = 60;
/** Each of the two tones; together they peak at 0.28 of full scale, like a voice here. */
const TONE_LEVEL = 0.14;

export function dtmfFrequencies(key: string): [number, number] | undefined {
  if (key.length !== 1) return undefined;
  const upper = key.toUpperCase();
  for (let row = 0; row < KEYPAD.length; row += 1) {
    const column = KEYPAD[row].indexOf(upper);
    if (column >= 0) return [ROW_HZ[row], COLUMN_HZ[column]];
  }
  return undefined;
}

export function dtmfBursts(digits: string, length: number, sampleRate: number): ToneBurst[] {
  const keys = [...digits];
  if (keys.length === 0 || length <= 0) return [];
  const toneSamples = (DTMF_TONE_MS * sampleRate) / 1000;
  const needed = keys.length * toneSamples + ((keys.length - 1) * DTMF_GAP_MS * sampleRate) / 1000;
  const tone = Math.max(1, Math.round(toneSamples * Math.min(1, length / needed)));
  const spacing = keys.length > 1 ? (length - tone) / (keys.length - 1) : 0;
  const bursts: ToneBurst[] = [];
  keys.forEach((key, index) => {
    const pair = dtmfFrequencies(key);
    if (!pair) return;
    bursts.push({
      offset: Math.round(index * spacing),
      length: Math.min(tone, length),
      sines: pair.map((hz) => ({ hz, amplitude: TONE_LEVEL })),
    });
  });
  return bursts;
}

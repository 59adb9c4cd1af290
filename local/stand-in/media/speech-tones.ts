import type { Track } from './timeline';
import type { Sine, ToneBurst } from './tone-burst';

/**
 * Stand-in sound for speech and played audio: audible, deterministic, and easy to tell apart
 * in a waveform or by ear, without a speech synthesiser.
 *
 * Speech is one tone burst per word, its length in proportion to the word's length, with a short
 * gap between words. Each party has its own pitch, far enough apart to hear who is talking and
 * clear of the DTMF frequencies (697 Hz and up) so a keypress is never mistaken for a word.
 * Played audio (a Play URL) is a repeating four-note phrase, so it does not sound like a voice.
 *
 * Levels: a party peaks at 0.29 of full scale, so both parties at once in a mono mix stay near
 * 0.58, well below clipping.
 */
export const PARTY_PITCH_HZ: Readonly<Record<Track, number>> = { inbound: 300, outbound: 460 };

const FUNDAMENTAL_LEVEL = 0.22;
const HARMONIC_LEVEL = 0.07;
const WORD_GAP_MS = 70;
/** Gaps never take more than this share of a segment, however many words it has. */
const MAX_GAP_SHARE = 0.3;

const PHRASE_HZ = [392, 494, 587, 494];
const NOTE_MS = 200;
const NOTE_GAP_MS = 20;

function voiced(hz: number): Sine[] {
  return [
    { hz, amplitude: FUNDAMENTAL_LEVEL },
    { hz: 2 * hz, amplitude: HARMONIC_LEVEL },
  ];
}

/** Splits `length` samples into consecutive whole-sample parts in proportion to `weights`. */
function proportionalLengths(length: number, weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let cumulative = 0;
  let previousEdge = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const edge = Math.round((length * cumulative) / total);
    const part = edge - previousEdge;
    previousEdge = edge;
    return part;
  });
}

export function speechBursts(
  text: string,
  track: Track,
  length: number,
  sampleRate: number,
): ToneBurst[] {
  const words = text.split(/\s+/).filter(Boolean);
  const weights = words.length > 0 ? words.map((word) => Math.max(1, word.length)) : [1];
  const gapCount = weights.length - 1;
  const gap =
    gapCount === 0
      ? 0
      : Math.min(
          Math.round((WORD_GAP_MS * sampleRate) / 1000),
          Math.floor((MAX_GAP_SHARE * length) / gapCount),
        );
  const wordLengths = proportionalLengths(length - gap * gapCount, weights);
  const sines = voiced(PARTY_PITCH_HZ[track]);
  let offset = 0;
  return wordLengths.map((wordLength) => {
    const burst = { offset, length: wordLength, sines };
    offset += wordLength + gap;
    return burst;
  });
}

export function playedAudioBursts(length: number, sampleRate: number): ToneBurst[] {
  const note = Math.round((NOTE_MS * sampleRate) / 1000);
  const sounding = note - Math.round((NOTE_GAP_MS * sampleRate) / 1000);
  const bursts: ToneBurst[] = [];
  for (let index = 0, offset = 0; offset < length; index += 1, offset += note) {
    bursts.push({
      offset,
      length: Math.min(sounding, length - offset),
      sines: voiced(PHRASE_HZ[index % PHRASE_HZ.length]),
    });
  }
  return bursts;
}

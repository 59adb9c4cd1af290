import { dtmfBursts } from './dtmf';
import { espeakSpeech } from './espeak';
import { segmentSamples } from './recording-plan';
import { playedAudioBursts, speechBursts } from './speech-tones';
import type { SoundSegment } from './timeline';
import { renderBursts, type ToneBurst } from './tone-burst';

export type SpeechVoice = 'tones' | 'espeak';

/** Fade applied where real speech is cut at the segment's end, so the cut does not click. */
const CUT_FADE_MS = 10;

function bursts(segment: SoundSegment, length: number, sampleRate: number): ToneBurst[] {
  switch (segment.kind) {
    case 'speech':
      return speechBursts(segment.text, segment.track, length, sampleRate);
    case 'dtmf':
      return dtmfBursts(segment.text, length, sampleRate);
    case 'audio':
      return playedAudioBursts(length, sampleRate);
  }
}

/**
 * The timeline, not the synthesiser, decides how long a segment lasts: real speech shorter than
 * its segment is followed by silence, longer speech is cut (with a short fade) at the segment's
 * end, so recordings keep the lengths the call driver reported.
 */
function addFittedSpeech(
  speech: Float32Array,
  segmentLength: number,
  sampleRate: number,
  from: number,
  into: Float32Array,
): void {
  const cut = speech.length > segmentLength;
  const fade = cut ? Math.min(segmentLength, Math.round((CUT_FADE_MS * sampleRate) / 1000)) : 0;
  const end = Math.min(from + into.length, speech.length, segmentLength);
  for (let n = from; n < end; n += 1) {
    const untilEnd = segmentLength - n;
    into[n - from] += untilEnd <= fade ? (speech[n] * (untilEnd - 1)) / fade : speech[n];
  }
}

/**
 * Adds samples [from, from + into.length) of a segment's sound to `into`, as floats in [-1, 1],
 * where 0 is the segment's first sample. Speech uses espeak-ng when asked for and available,
 * tones otherwise.
 */
export function addSegmentSound(
  segment: SoundSegment,
  from: number,
  into: Float32Array,
  sampleRate: number,
  voice: SpeechVoice,
): void {
  const { start, end } = segmentSamples(segment, sampleRate);
  const length = end - start;
  if (segment.kind === 'speech' && voice === 'espeak') {
    const speech = espeakSpeech(segment.text, segment.track, sampleRate);
    if (speech) return addFittedSpeech(speech, length, sampleRate, from, into);
  }
  renderBursts(bursts(segment, length, sampleRate), sampleRate, from, into);
}

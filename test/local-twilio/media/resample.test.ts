import { resample } from '../../../local/stand-in/media/resample';
import { toneAmplitude } from '../../support/audio-measures';

const SYNTH_RATE = 22050;
const CALL_RATE = 8000;

function tone(hz: number, seconds: number): Float32Array {
  const samples = new Float32Array(Math.round(SYNTH_RATE * seconds));
  return samples.map((_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / SYNTH_RATE));
}

function asPcm(samples: Float32Array): Int16Array {
  return Int16Array.from(samples, (sample) => Math.round(sample * 32767));
}

describe('resample', () => {
  it('keeps the length in time', () => {
    expect(resample(tone(1000, 1.5), SYNTH_RATE, CALL_RATE)).toHaveLength(12_000);
  });

  it('keeps a tone the phone band can carry', () => {
    const down = asPcm(resample(tone(1000, 1), SYNTH_RATE, CALL_RATE));
    expect(toneAmplitude(down, CALL_RATE, 1000, 100, 900)).toBeGreaterThan(0.45 * 32767);
  });

  it('filters out what would fold back below 4 kHz instead of aliasing it', () => {
    // 6 kHz sampled at 8 kHz would alias to 2 kHz.
    const down = asPcm(resample(tone(6000, 1), SYNTH_RATE, CALL_RATE));
    expect(toneAmplitude(down, CALL_RATE, 2000, 100, 900)).toBeLessThan(0.01 * 32767);
  });
});

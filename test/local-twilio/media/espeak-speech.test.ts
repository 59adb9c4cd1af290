import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav, parseWav, renderRecording } from '../../../local/stand-in/media';
import { PARTY_PITCH_HZ } from '../../../local/stand-in/media/speech-tones';
import { rms, toneAmplitude } from '../../support/audio-measures';
import { RATE, recordingWindow, says } from './call-fixture';

const ESPEAK_RATE = 22050;
const VOICE_HZ = 1000;

/** What espeak-ng --stdout writes: 22050 Hz mono, with placeholder sizes it cannot go back to fix. */
function pipedWav(durationMs: number): Buffer {
  const frames = Math.round((durationMs * ESPEAK_RATE) / 1000);
  const wav = Buffer.alloc(44 + frames * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(0x7ffff024, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(ESPEAK_RATE, 24);
  wav.writeUInt32LE(ESPEAK_RATE * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(0x7ffff000, 40);
  for (let i = 0; i < frames; i += 1) {
    wav.writeInt16LE(
      Math.round(20_000 * Math.sin((2 * Math.PI * VOICE_HZ * i) / ESPEAK_RATE)),
      44 + 2 * i,
    );
  }
  return wav;
}

describe("speech: 'espeak'", () => {
  const originalPath = process.env.PATH;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'espeak-'));
  });
  afterEach(() => {
    process.env.PATH = originalPath;
    rmSync(dir, { recursive: true, force: true });
  });

  /** An `espeak-ng` on the PATH that logs its arguments and "says" `speechMs` of a 1 kHz tone. */
  function installFakeEspeak(speechMs: number): string {
    const log = join(dir, 'calls.log');
    writeFileSync(join(dir, 'speech.wav'), pipedWav(speechMs));
    const script = [
      '#!/bin/sh',
      'if [ "$1" = "--version" ]; then exit 0; fi',
      `echo "$*" >> "${log}"`,
      'cat > /dev/null',
      `cat "${join(dir, 'speech.wav')}"`,
    ].join('\n');
    writeFileSync(join(dir, 'espeak-ng'), script);
    chmodSync(join(dir, 'espeak-ng'), 0o755);
    process.env.PATH = `${dir}:${originalPath}`;
    return log;
  }

  it('falls back to tones when espeak-ng is not on the PATH', () => {
    process.env.PATH = dir;
    const call = [says('outbound', 500, 2000, 'thank you for your feedback')];
    const window = recordingWindow({ endMs: 3000 });
    const espeak = renderRecording(call, window, { speech: 'espeak' });
    const tones = renderRecording(call, window, { speech: 'tones' });
    expect(espeak.channels).toEqual(tones.channels);
  });

  it('uses espeak-ng when present, resampled to 8 kHz and fitted to the segment', () => {
    const log = installFakeEspeak(600);
    const call = [says('outbound', 500, 2000, 'goodbye and thanks')];
    const wav = parseWav(
      encodeWav(renderRecording(call, recordingWindow({ endMs: 3000 }), { speech: 'espeak' })),
    );
    const flow = wav.channels[1];
    expect(wav.sampleRate).toBe(RATE);
    expect(wav.durationMs).toBe(3000);
    expect(toneAmplitude(flow, RATE, VOICE_HZ, 600, 1000)).toBeGreaterThan(1000);
    expect(toneAmplitude(flow, RATE, PARTY_PITCH_HZ.outbound, 600, 1000)).toBeLessThan(100);
    // Its 600 ms of speech, then silence for the rest of the 2 s segment.
    expect(rms(flow, RATE, 1150, 3000)).toBeLessThan(1);
    expect(readFileSync(log, 'utf8')).toMatch(/--stdout/);
  });

  it('cuts speech that outlasts its segment at the segment end', () => {
    installFakeEspeak(3000);
    const call = [says('inbound', 0, 1000, 'a very long answer')];
    const wav = renderRecording(call, recordingWindow({ endMs: 2000 }), { speech: 'espeak' });
    const caller = wav.channels[0];
    expect(toneAmplitude(caller, RATE, VOICE_HZ, 100, 900)).toBeGreaterThan(1000);
    expect(toneAmplitude(caller, RATE, PARTY_PITCH_HZ.inbound, 100, 900)).toBeLessThan(100);
    expect(rms(caller, RATE, 1000, 2000)).toBeLessThan(1);
  });
});

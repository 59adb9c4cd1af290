import { encodeMp3, MP3_BITRATE_KBPS, renderRecording } from '../../../local/stand-in/media';
import { hums, presses, recordingWindow, says } from './call-fixture';
import { readMp3Frames } from '../../support/mp3-frames';

const call = [
  says('outbound', 0, 2500, 'please rate your call'),
  presses('4', 3000, 100),
  hums('inbound', 4000, 3000),
];

describe('encodeMp3', () => {
  it.each([
    [1, 'mono'],
    [2, 'stereo'],
  ] as const)('writes %i-channel audio as %s MPEG Layer III frames', (channels, mode) => {
    const audio = renderRecording(call, recordingWindow({ channels, endMs: 7250 }));
    const mp3 = encodeMp3(audio);
    expect(mp3.readUInt16BE(0) & 0xffe0).toBe(0xffe0);
    const frames = readMp3Frames(mp3);
    expect(frames).toMatchObject({ sampleRate: 8000, bitrateKbps: MP3_BITRATE_KBPS, mode });
  });

  it('holds as much audio as was rendered, give or take the encoder padding', () => {
    for (const endMs of [1000, 7250, 61_000]) {
      const audio = renderRecording(call, recordingWindow({ endMs }));
      const frames = readMp3Frames(encodeMp3(audio));
      const framesMs = (frames.count * frames.samplesPerFrame * 1000) / frames.sampleRate;
      expect(framesMs).toBeGreaterThanOrEqual(audio.durationMs);
      expect(framesMs - audio.durationMs).toBeLessThan(4 * 72);
    }
  });

  it('refuses more than two channels', () => {
    const audio = renderRecording(call, recordingWindow());
    expect(() => encodeMp3({ ...audio, channels: [...audio.channels, audio.channels[0]] })).toThrow(
      RangeError,
    );
  });
});

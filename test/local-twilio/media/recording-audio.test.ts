import {
  encodeWav,
  parseWav,
  recordedAudioMs,
  recordingDurationSeconds,
  renderRecording,
  type ParsedWav,
  type RecordingWindow,
  type SoundSegment,
} from '../../../local/stand-in/media';
import { PARTY_PITCH_HZ } from '../../../local/stand-in/media/speech-tones';
import { peak, rms, toneAmplitude } from '../../support/audio-measures';
import { hums, plays, presses, RATE, recordingWindow, says } from './call-fixture';

/** Everything below is read back from the WAV bytes, as a client of the media URL would. */
function recorded(segments: SoundSegment[], window: RecordingWindow): ParsedWav {
  return parseWav(encodeWav(renderRecording(segments, window)));
}

const SOUND = 1000;
const SILENCE = 1;
const CALLER = 0;
const FLOW = 1;

describe('recording media format', () => {
  it('is 8 kHz, 16-bit linear PCM', () => {
    const wav = recorded([hums('inbound', 0, 1000)], recordingWindow({ endMs: 2000 }));
    expect(wav.sampleRate).toBe(RATE);
    expect(wav.bitsPerSample).toBe(16);
    expect(wav.format).toBe(1);
  });

  it.each([
    [2, 'both', 2],
    [1, 'both', 1],
    [2, 'inbound', 1],
    [2, 'outbound', 1],
    [1, 'inbound', 1],
  ] as const)('has %i-channel %s recordings in %i channel(s)', (channels, track, expected) => {
    const wav = recorded([], recordingWindow({ channels, track }));
    expect(wav.channels).toHaveLength(expected);
  });
});

describe('recording length', () => {
  it('lasts exactly as long as the window', () => {
    const window = recordingWindow({ startMs: 1500, endMs: 9250 });
    const wav = recorded([hums('outbound', 0, 20_000)], window);
    expect(wav.durationMs).toBe(7750);
    expect(wav.channels[0]).toHaveLength(7750 * 8);
    expect(recordingDurationSeconds(window)).toBe(8);
  });

  it('reports whole seconds, rounded to the nearest, agreeing with the audio', () => {
    const cases: Array<[RecordingWindow, SoundSegment[]]> = [
      [recordingWindow({ endMs: 1499 }), []],
      [recordingWindow({ endMs: 1500 }), []],
      [recordingWindow({ pauses: [{ fromMs: 2000, toMs: 4600, behavior: 'skip' }] }), []],
      [recordingWindow({ trim: 'trim-silence' }), [says('inbound', 3000, 2600, 'fine thanks')]],
    ];
    const reported = cases.map(([window, segments]) => recordingDurationSeconds(window, segments));
    expect(reported).toEqual([1, 2, 7, 3]);
    cases.forEach(([window, segments], index) => {
      const wav = recorded(segments, window);
      expect(Math.round(wav.durationMs / 1000)).toBe(reported[index]);
      expect(recordedAudioMs(window, segments)).toBe(wav.durationMs);
    });
  });
});

describe('pauses', () => {
  const flowTalksThroughPause = [hums('outbound', 3000, 4000)];
  const pause = { fromMs: 4000, toMs: 6000 };

  it('keeps a paused span as silence with PauseBehavior=silence', () => {
    const window = recordingWindow({ pauses: [{ ...pause, behavior: 'silence' }] });
    const flow = recorded(flowTalksThroughPause, window).channels[FLOW];
    expect(flow.length / 8).toBe(10_000);
    expect(rms(flow, RATE, 3100, 3900)).toBeGreaterThan(SOUND);
    expect(rms(flow, RATE, 4000, 6000)).toBeLessThan(SILENCE);
    expect(rms(flow, RATE, 6100, 6900)).toBeGreaterThan(SOUND);
  });

  it('leaves a paused span out with PauseBehavior=skip, so later sound comes earlier', () => {
    const window = recordingWindow({ pauses: [{ ...pause, behavior: 'skip' }] });
    const wav = recorded([...flowTalksThroughPause, presses('9', 8000, 100)], window);
    expect(wav.durationMs).toBe(8000);
    const flow = wav.channels[FLOW];
    // The flow talked 3-4 s and 6-7 s on the call: 3-5 s in the file, without a gap.
    expect(rms(flow, RATE, 3100, 4900)).toBeGreaterThan(SOUND);
    expect(rms(flow, RATE, 5100, 8000)).toBeLessThan(SILENCE);
    // The key pressed at 8 s on the call is at 6 s in the file.
    const caller = wav.channels[CALLER];
    expect(rms(caller, RATE, 6010, 6090)).toBeGreaterThan(SOUND);
    expect(rms(caller, RATE, 7900, 8000)).toBeLessThan(SILENCE);
  });

  it('is not heard from a party that speaks only during a pause', () => {
    const window = recordingWindow({ pauses: [{ ...pause, behavior: 'silence' }] });
    const wav = recorded([says('inbound', 4200, 1500, 'my card number')], window);
    expect(rms(wav.channels[CALLER], RATE, 0, 10_000)).toBeLessThan(SILENCE);
  });
});

describe('trimming', () => {
  const segments = [says('outbound', 2000, 1500, 'hello there'), says('inbound', 4000, 1000, 'hi')];

  it('cuts leading and trailing silence with trim-silence', () => {
    const wav = recorded(segments, recordingWindow({ trim: 'trim-silence' }));
    expect(wav.durationMs).toBe(3000);
    expect(rms(wav.channels[FLOW], RATE, 0, 100)).toBeGreaterThan(SOUND);
    expect(rms(wav.channels[CALLER], RATE, 2900, 3000)).toBeGreaterThan(SOUND);
  });

  it('keeps them with do-not-trim', () => {
    const wav = recorded(segments, recordingWindow({ trim: 'do-not-trim' }));
    expect(wav.durationMs).toBe(10_000);
    expect(rms(wav.channels[FLOW], RATE, 0, 2000)).toBeLessThan(SILENCE);
    expect(rms(wav.channels[CALLER], RATE, 5000, 10_000)).toBeLessThan(SILENCE);
  });

  it('trims what only the other, unrecorded party said', () => {
    const wav = recorded(segments, recordingWindow({ trim: 'trim-silence', track: 'inbound' }));
    expect(wav.durationMs).toBe(1000);
  });
});

describe('channels and tracks', () => {
  const callerOnly = { fromMs: 1000, toMs: 3000 };
  const flowOnly = { fromMs: 5000, toMs: 7000 };
  const conversation = [
    hums('inbound', callerOnly.fromMs, 2000),
    hums('outbound', flowOnly.fromMs, 2000),
  ];
  const loudness = (samples: Int16Array, span: { fromMs: number; toMs: number }) =>
    rms(samples, RATE, span.fromMs, span.toMs);

  it('puts the caller on channel 1 and the flow on channel 2 with dual', () => {
    const [first, second] = recorded(conversation, recordingWindow({ channels: 2 })).channels;
    expect(loudness(first, callerOnly)).toBeGreaterThan(SOUND);
    expect(loudness(second, callerOnly)).toBeLessThan(SILENCE);
    expect(loudness(second, flowOnly)).toBeGreaterThan(SOUND);
    expect(loudness(first, flowOnly)).toBeLessThan(SILENCE);
  });

  it('mixes both parties, each at its own pitch, into one channel with mono', () => {
    const [mono] = recorded(conversation, recordingWindow({ channels: 1 })).channels;
    expect(loudness(mono, callerOnly)).toBeGreaterThan(SOUND);
    expect(loudness(mono, flowOnly)).toBeGreaterThan(SOUND);
    const pitch = (hz: number, span: { fromMs: number; toMs: number }) =>
      toneAmplitude(mono, RATE, hz, span.fromMs + 100, span.toMs - 100);
    expect(pitch(PARTY_PITCH_HZ.inbound, callerOnly)).toBeGreaterThan(
      10 * pitch(PARTY_PITCH_HZ.outbound, callerOnly),
    );
    expect(pitch(PARTY_PITCH_HZ.outbound, flowOnly)).toBeGreaterThan(
      10 * pitch(PARTY_PITCH_HZ.inbound, flowOnly),
    );
  });

  it('records no flow sound with RecordingTrack=inbound, even when dual was asked for', () => {
    const [only] = recorded(
      conversation,
      recordingWindow({ channels: 2, track: 'inbound' }),
    ).channels;
    expect(loudness(only, callerOnly)).toBeGreaterThan(SOUND);
    expect(loudness(only, flowOnly)).toBeLessThan(SILENCE);
  });

  it('records no caller sound with RecordingTrack=outbound', () => {
    const [only] = recorded(
      conversation,
      recordingWindow({ channels: 1, track: 'outbound' }),
    ).channels;
    expect(loudness(only, flowOnly)).toBeGreaterThan(SOUND);
    expect(loudness(only, callerOnly)).toBeLessThan(SILENCE);
  });

  it('stays well below clipping when both parties talk at once in mono', () => {
    const overTalk = [hums('inbound', 0, 2000), hums('outbound', 0, 2000), presses('5', 500, 100)];
    const [mono] = recorded(overTalk, recordingWindow({ channels: 1, endMs: 2000 })).channels;
    expect(peak(mono)).toBeGreaterThan(SOUND);
    expect(peak(mono)).toBeLessThan(0.9 * 32767);
  });
});

describe('window edges', () => {
  it('hears only the part of a segment inside the window', () => {
    const window = recordingWindow({ startMs: 2000, endMs: 6000 });
    const flow = recorded([hums('outbound', 0, 3000), hums('outbound', 5500, 3000)], window)
      .channels[FLOW];
    expect(rms(flow, RATE, 0, 1000)).toBeGreaterThan(SOUND);
    expect(rms(flow, RATE, 1000, 3500)).toBeLessThan(SILENCE);
    expect(rms(flow, RATE, 3500, 4000)).toBeGreaterThan(SOUND);
  });
});

describe('sounds', () => {
  it('sounds a DTMF key as its two tones', () => {
    const keys: Array<[string, number, number]> = [
      ['1', 697, 1209],
      ['5', 770, 1336],
      ['9', 852, 1477],
      ['#', 941, 1477],
      ['0', 941, 1336],
    ];
    const all = [697, 770, 852, 941, 1209, 1336, 1477, 1633];
    for (const [key, row, column] of keys) {
      const caller = recorded([presses(key, 1000, 100)], recordingWindow({ endMs: 2000 })).channels[
        CALLER
      ];
      const strength = (hz: number) => toneAmplitude(caller, RATE, hz, 1000, 1100);
      const others = all.filter((hz) => hz !== row && hz !== column).map(strength);
      expect(strength(row)).toBeGreaterThan(10 * Math.max(...others));
      expect(strength(column)).toBeGreaterThan(10 * Math.max(...others));
      expect(rms(caller, RATE, 1110, 2000)).toBeLessThan(SILENCE);
    }
  });

  it('gives each word of speech its own burst, with gaps between them', () => {
    const bursts = (text: string) => {
      const caller = recorded([says('inbound', 0, 3000, text)], recordingWindow({ endMs: 3000 }))
        .channels[CALLER];
      let count = 0;
      let sounding = false;
      for (let ms = 0; ms < 3000; ms += 10) {
        const loud = rms(caller, RATE, ms, ms + 10) > 100;
        if (loud && !sounding) count += 1;
        sounding = loud;
      }
      return count;
    };
    expect(bursts('fine')).toBe(1);
    expect(bursts('it was fine thanks')).toBe(4);
  });

  it('fades each burst in and out instead of clicking', () => {
    const caller = recorded([says('inbound', 1000, 1000, 'fine')], recordingWindow({ endMs: 3000 }))
      .channels[CALLER];
    const burstPeak = peak(caller);
    const firstMs = caller.subarray(1000 * 8, 1001 * 8);
    const lastMs = caller.subarray(1999 * 8, 2000 * 8);
    expect(burstPeak).toBeGreaterThan(SOUND);
    expect(peak(firstMs)).toBeLessThan(0.05 * burstPeak);
    expect(peak(lastMs)).toBeLessThan(0.05 * burstPeak);
  });

  it('plays a Play as sound on the flow side', () => {
    const wav = recorded([plays('https://example.com/hold.mp3', 0, 2000)], recordingWindow());
    expect(rms(wav.channels[FLOW], RATE, 0, 2000)).toBeGreaterThan(SOUND);
    expect(rms(wav.channels[CALLER], RATE, 0, 2000)).toBeLessThan(SILENCE);
  });

  it('renders the same call to the same samples every time', () => {
    const call = [says('outbound', 0, 2000, 'how did we do'), says('inbound', 2500, 900, 'good')];
    const window = recordingWindow({ channels: 1, endMs: 4000 });
    expect(recorded(call, window).channels[0]).toEqual(recorded(call, window).channels[0]);
  });
});

describe('invalid input', () => {
  it('refuses a window that ends before it starts', () => {
    expect(() => renderRecording([], recordingWindow({ startMs: 5000, endMs: 4000 }))).toThrow(
      RangeError,
    );
  });

  it('refuses overlapping pauses', () => {
    const pauses = [
      { fromMs: 1000, toMs: 3000, behavior: 'skip' as const },
      { fromMs: 2000, toMs: 4000, behavior: 'silence' as const },
    ];
    expect(() => renderRecording([], recordingWindow({ pauses }))).toThrow(RangeError);
  });
});

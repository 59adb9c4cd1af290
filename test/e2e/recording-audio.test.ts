/**
 * Recordings you can hear: simulated calls through the gateway, the Functions and the stand-in,
 * then the recording downloaded as any client would (the media URL, Basic auth) and read back
 * from the WAV bytes: channels, rate, length against the resource and the status callback, and
 * which party is heard where. Pauses, trimming and tracks go through the toggle's own options.
 */
import { placeCall, type GatherAnswer } from '../../local/call-driver';
import { parseWav, type ParsedWav, type SoundSegment } from '../../local/stand-in/media';
import { PARTY_PITCH_HZ } from '../../local/stand-in/media/speech-tones';
import type { SimulatedRecording } from '../../local/contracts';
import { rms, toneAmplitude } from '../support/audio-measures';
import { standInClient, useSimulation } from '../support/local-twilio';
import { standInDownload } from '../support/stand-in-request';
import { startToggleFlow, type FlowStep } from '../support/toggle-flow';

const RATE = 8000;
const SOUND = 1000;
const SILENCE = 1;
const CALLER = 0;
const FLOW = 1;
/** Left out at each end of a span: the bursts fade in and out. */
const EDGE_MS = 50;

const local = useSimulation();

interface Recorded {
  recording: SimulatedRecording;
  duration: string | null;
  channels: number;
  wav: ParsedWav;
  segments: readonly SoundSegment[];
}

async function download(callSid: string): Promise<Recorded> {
  const [recording] = local.sim.twilio.recordings(callSid);
  const resource = await standInClient(local.sim.twilio).recordings(recording.sid).fetch();
  const media = await standInDownload(local.sim.twilio, resource.mediaUrl);
  expect(media).toMatchObject({ status: 200, contentType: 'audio/x-wav' });
  return {
    recording,
    duration: resource.duration,
    channels: resource.channels,
    wav: parseWav(media.bytes),
    segments: local.sim.twilio.media.segments(callSid),
  };
}

/** Runs a custom flow's call to its end; every toggle in it must have taken Success. */
async function recordFlow(steps: FlowStep[], answers: GatherAnswer[]): Promise<Recorded> {
  const flow = await startToggleFlow(local.sim, steps);
  try {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      webhookPath: flow.start,
      answers,
    });
    await local.sim.twilio.settle(result.callSid);
    expect(flow.toggled).toEqual(
      steps.filter((step) => step.toggle).map(() => '/recording-success'),
    );
    return await download(result.callSid);
  } finally {
    await flow.close();
  }
}

/** Where a segment is in a file that starts with the recording and has nothing cut out. */
function spanOf(segment: SoundSegment | undefined, recording: SimulatedRecording) {
  if (!segment) throw new Error('no such segment');
  const fromMs = segment.startMs - recording.startedAt;
  return { fromMs: fromMs + EDGE_MS, toMs: fromMs + segment.durationMs - EDGE_MS };
}

const loudness = (samples: Int16Array, span: { fromMs: number; toMs: number }) =>
  rms(samples, RATE, span.fromMs, span.toMs);

describe('the Client Feedback flow’s recording (dual)', () => {
  it('downloads as 2-channel 8 kHz 16-bit WAV as long as the resource and the callback say, the caller on channel 1', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      speech: ['The agent was very helpful'],
    });
    await local.sim.twilio.settle(result.callSid);
    const { recording, duration, wav, segments } = await download(result.callSid);
    const completed = local.sim.twilio.callbacks.find(
      (delivery) =>
        delivery.params.RecordingSid === recording.sid &&
        delivery.params.RecordingStatus === 'completed',
    );
    expect(wav).toMatchObject({ sampleRate: RATE, bitsPerSample: 16, format: 1 });
    expect(wav.channels).toHaveLength(2);
    expect(completed?.params).toMatchObject({
      RecordingChannels: '2',
      RecordingDuration: duration,
    });
    expect(String(Math.round(wav.durationMs / 1000))).toBe(duration);
    // What the callback's RecordingUrl serves is the same file.
    const viaCallback = await standInDownload(
      local.sim.twilio,
      `${completed?.params.RecordingUrl}`,
    );
    expect(parseWav(viaCallback.bytes).channels).toEqual(wav.channels);

    const answer = spanOf(
      segments.find((segment) => segment.track === 'inbound'),
      recording,
    );
    const question = spanOf(
      segments.find(
        (segment) => segment.track === 'outbound' && segment.startMs >= recording.startedAt,
      ),
      recording,
    );
    expect(loudness(wav.channels[CALLER], answer)).toBeGreaterThan(SOUND);
    expect(loudness(wav.channels[FLOW], answer)).toBeLessThan(SILENCE);
    expect(loudness(wav.channels[FLOW], question)).toBeGreaterThan(SOUND);
    expect(loudness(wav.channels[CALLER], question)).toBeLessThan(SILENCE);
  });
});

describe('a custom flow through the toggle', () => {
  const welcome: FlowStep = { verbs: '<Say>Welcome to our survey</Say>' };
  const stop: FlowStep = { toggle: { Record: 'false' }, verbs: '<Say>Goodbye</Say>' };
  const question = (text: string) =>
    `<Gather input="speech" action="{next}"><Say>${text}</Say></Gather>`;

  /**
   * Recorded: the flow talks for 2 s, then 2.4 s of paused time in which it asks for a card
   * number, then 0.8 s of question and the caller's 1.6 s answer with 1 s of silence after it.
   */
  const pausedFlow = (behavior: 'silence' | 'skip') =>
    recordFlow(
      [
        welcome,
        { toggle: { Record: 'true' }, verbs: '<Say>Tell us about your visit</Say>' },
        {
          toggle: { Record: 'pause', PauseBehavior: behavior },
          verbs: '<Say>Please enter your card number now</Say>',
        },
        { toggle: { Record: 'resume' }, verbs: question('Anything else') },
        stop,
      ],
      [{ say: 'no that is all' }],
    );

  it('keeps a pause as silence with PauseBehavior=silence, and leaves it out with skip', async () => {
    const silence = await pausedFlow('silence');
    const skip = await pausedFlow('skip');
    expect(silence.wav.durationMs).toBe(7800);
    expect(skip.wav.durationMs).toBe(5400);
    expect([silence.duration, skip.duration]).toEqual(['8', '5']);

    const [caller, flow] = silence.wav.channels;
    expect(loudness(flow, { fromMs: 100, toMs: 1900 })).toBeGreaterThan(SOUND);
    for (const channel of [caller, flow])
      expect(loudness(channel, { fromMs: 2000, toMs: 4400 })).toBeLessThan(SILENCE);
    expect(loudness(flow, { fromMs: 4450, toMs: 5150 })).toBeGreaterThan(SOUND);

    // Skipped: the question comes right after the first 2 s, then the caller.
    const [skipCaller, skipFlow] = skip.wav.channels;
    expect(loudness(skipFlow, { fromMs: 100, toMs: 1900 })).toBeGreaterThan(SOUND);
    expect(loudness(skipFlow, { fromMs: 2050, toMs: 2750 })).toBeGreaterThan(SOUND);
    expect(loudness(skipCaller, { fromMs: 2850, toMs: 4350 })).toBeGreaterThan(SOUND);
    expect(loudness(skipCaller, { fromMs: 0, toMs: 2800 })).toBeLessThan(SILENCE);
  });

  it('cuts the silence at both ends with Trim=trim-silence', async () => {
    const { wav, duration } = await recordFlow(
      [
        welcome,
        {
          toggle: { Record: 'true', Trim: 'trim-silence' },
          verbs: `<Pause length="2"/>${question('How was it')}`,
        },
        { verbs: '<Pause length="2"/>' },
        stop,
      ],
      [{ say: 'great thanks' }],
    );
    // 2 s of silence, 1.2 s of question, 0.8 s of answer, 1 + 2 s of silence: 2 s are left.
    expect(wav.durationMs).toBe(2000);
    expect(duration).toBe('2');
    const [caller, flow] = wav.channels;
    expect(loudness(flow, { fromMs: 0, toMs: 100 })).toBeGreaterThan(SOUND);
    expect(loudness(caller, { fromMs: 1900, toMs: 2000 })).toBeGreaterThan(SOUND);
  });

  const askedFlow = (options: Record<string, string>) =>
    recordFlow(
      [
        welcome,
        { toggle: { Record: 'true', ...options }, verbs: question('How was your visit today') },
        stop,
      ],
      [{ say: 'very good' }],
    );

  /** Where in the file the flow asked its question, and where the caller answered. */
  const questionAndAnswer = (segments: readonly SoundSegment[], recording: SimulatedRecording) => ({
    asked: spanOf(
      segments.find((segment) => segment.text === 'How was your visit today'),
      recording,
    ),
    answered: spanOf(
      segments.find((segment) => segment.track === 'inbound'),
      recording,
    ),
  });

  it('mixes both parties into one channel with RecordingChannels=mono', async () => {
    const { wav, channels, recording, segments } = await askedFlow({ RecordingChannels: 'mono' });
    expect([wav.channels.length, channels]).toEqual([1, 1]);
    const [mono] = wav.channels;
    const { asked, answered } = questionAndAnswer(segments, recording);
    // Within each party's first word: every word is a burst of its own phase.
    const pitch = (party: 'inbound' | 'outbound', span: { fromMs: number }) =>
      toneAmplitude(mono, RATE, PARTY_PITCH_HZ[party], span.fromMs, span.fromMs + 200);
    expect(pitch('outbound', asked)).toBeGreaterThan(SOUND);
    expect(pitch('inbound', asked)).toBeLessThan(SOUND / 10);
    expect(pitch('inbound', answered)).toBeGreaterThan(SOUND);
    expect(pitch('outbound', answered)).toBeLessThan(SOUND / 10);
  });

  it('holds only the caller with RecordingTrack=inbound, in one channel', async () => {
    const { wav, channels, recording, segments } = await askedFlow({ RecordingTrack: 'inbound' });
    expect([wav.channels.length, channels]).toEqual([1, 1]);
    const [only] = wav.channels;
    const { asked, answered } = questionAndAnswer(segments, recording);
    expect(loudness(only, asked)).toBeLessThan(SILENCE);
    expect(loudness(only, answered)).toBeGreaterThan(SOUND);
  });
});

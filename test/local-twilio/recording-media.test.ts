/**
 * A completed recording's media, served as Twilio serves it (WAV without an extension or with
 * .wav, MP3 with .mp3, the resource with .json, behind the API's Basic auth), and the account's
 * Recordings list. Everything is read back from the bytes; nothing is compared to a stored file.
 */
import type { RecordingListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/call/recording';
import { encodeMp3, encodeWav, parseWav, type RenderedAudio } from '../../local/stand-in/media';
import { RecordingMedia } from '../../local/stand-in/recording-media';
import { PARTY_PITCH_HZ } from '../../local/stand-in/media/speech-tones';
import type { LocalTwilio } from '../../local/stand-in/server';
import { rms, toneAmplitude } from '../support/audio-measures';
import { standInClient, startTestStandIn, answeredCall } from '../support/local-twilio';
import { readMp3Frames } from '../support/mp3-frames';
import { rewriteToLoopback } from '../../src/twilio/loopback';
import { recordingWindow, says } from './media/call-fixture';
import { accountPath, standInDownload, standInRequest } from '../support/stand-in-request';

const RATE = 8000;
const SOUND = 1000;
const SILENCE = 1;

let twilio: LocalTwilio;
const client = () => standInClient(twilio);

beforeAll(async () => {
  twilio = await startTestStandIn();
});
afterAll(() => twilio.close());

/**
 * A 5-second recording in which the caller speaks from 1 s to 3 s and no one else makes a
 * sound, stopped and processed; its account-level resource (which has the media URL).
 */
async function recordedCall(options: RecordingListInstanceCreateOptions = {}) {
  const call = answeredCall(twilio);
  const created = await client().calls(call.sid).recordings.create(options);
  await twilio.clock.advance(1000);
  twilio.media.heard(call.sid, {
    track: 'inbound',
    kind: 'speech',
    text: 'it was fine thanks',
    startMs: twilio.clock.now(),
    durationMs: 2000,
  });
  await twilio.clock.advance(4000);
  await client().calls(call.sid).recordings(created.sid).update({ status: 'stopped' });
  await twilio.settle(call.sid);
  return client().recordings(created.sid).fetch();
}

describe('media URL', () => {
  it('serves 8 kHz 16-bit PCM WAV without an extension and with .wav, as long as the resource says', async () => {
    const recording = await recordedCall({ recordingChannels: 'dual' });
    expect(recording.mediaUrl).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${twilio.accountSid}/Recordings/${recording.sid}`,
    );
    const bare = await standInDownload(twilio, recording.mediaUrl);
    const wav = await standInDownload(twilio, `${recording.mediaUrl}.wav`);
    for (const download of [bare, wav]) {
      expect(download).toMatchObject({ status: 200, contentType: 'audio/x-wav' });
    }
    const audio = parseWav(wav.bytes);
    expect(parseWav(bare.bytes).channels).toEqual(audio.channels);
    expect(audio).toMatchObject({ sampleRate: RATE, bitsPerSample: 16, format: 1 });
    expect(audio.channels).toHaveLength(recording.channels);
    expect(audio.durationMs).toBe(5000);
    expect(String(Math.round(audio.durationMs / 1000))).toBe(recording.duration);
    const [caller, flow] = audio.channels;
    expect(rms(caller, RATE, 1100, 2900)).toBeGreaterThan(SOUND);
    expect(rms(caller, RATE, 3100, 5000)).toBeLessThan(SILENCE);
    expect(rms(flow, RATE, 0, 5000)).toBeLessThan(SILENCE);
  });

  it('serves MP3 with .mp3: Layer III frames at 8 kHz, as many channels, as long', async () => {
    const recording = await recordedCall({ recordingChannels: 'dual' });
    const mp3 = await standInDownload(twilio, `${recording.mediaUrl}.mp3`);
    expect(mp3).toMatchObject({ status: 200, contentType: 'audio/mpeg' });
    const frames = readMp3Frames(mp3.bytes);
    expect(frames).toMatchObject({ sampleRate: RATE, mode: 'stereo' });
    const framesMs = (frames.count * frames.samplesPerFrame * 1000) / frames.sampleRate;
    expect(framesMs).toBeGreaterThanOrEqual(5000);
    expect(framesMs - 5000).toBeLessThan(4 * 72);
  });

  it('gives the Recording resource with .json', async () => {
    const recording = await recordedCall();
    const answer = await standInRequest(
      twilio,
      'GET',
      accountPath(twilio, `/Recordings/${recording.sid}.json`),
    );
    expect(answer).toMatchObject({
      status: 200,
      body: {
        sid: recording.sid,
        status: 'completed',
        duration: '5',
        channels: 1,
        media_url: recording.mediaUrl,
      },
    });
  });

  it('needs the account’s credentials, as with "Enforce HTTP Auth on Media URLs"', async () => {
    const recording = await recordedCall();
    for (const auth of [false, `${twilio.accountSid}:wrong-token`]) {
      const answer = await standInDownload(twilio, `${recording.mediaUrl}.wav`, { auth });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.bytes.toString())).toMatchObject({ status: 401, code: 20003 });
    }
  });

  it('has none for an absent, a running or an unknown recording, nor in another format', async () => {
    const call = answeredCall(twilio);
    const recordings = client().calls(call.sid).recordings;
    const short = await recordings.create({});
    await twilio.clock.advance(400);
    await recordings(short.sid).update({ status: 'stopped' });
    await twilio.settle(call.sid);
    const running = await recordings.create({});
    const completed = await recordedCall();
    const base = `https://api.twilio.com${accountPath(twilio, '/Recordings')}`;
    expect((await client().recordings(short.sid).fetch()).status).toBe('absent');
    for (const url of [
      `${base}/${short.sid}.wav`,
      `${base}/${running.sid}`,
      `${base}/RE${'0'.repeat(32)}.mp3`,
      `${completed.mediaUrl}.ogg`,
    ]) {
      const answer = await standInDownload(twilio, url);
      expect({ url, status: answer.status }).toEqual({ url, status: 404 });
      expect(JSON.parse(answer.bytes.toString())).toMatchObject({ code: 20404 });
    }
  });
});

describe('a recording still being processed', () => {
  it('answers 21501 with Retry-After until its file is ready, then serves it', async () => {
    const call = answeredCall(twilio);
    const recordings = client().calls(call.sid).recordings;
    const created = await recordings.create({});
    await twilio.clock.advance(3000);
    // The test is an actor on the stand-in's clock: time stands still until it sleeps.
    const test = twilio.clock.actor();
    await recordings(created.sid).update({ status: 'stopped' });
    const url = `https://api.twilio.com${accountPath(twilio, `/Recordings/${created.sid}.mp3`)}`;
    const download = async () => {
      const response = await fetch(rewriteToLoopback(url, twilio.url), {
        headers: {
          authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
        },
        signal: AbortSignal.timeout(10_000),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, retryAfter: response.headers.get('retry-after'), bytes };
    };
    // The default processing takes 2 s of the stand-in's clock from the stop.
    const stopped = await download();
    expect(stopped).toMatchObject({ status: 503, retryAfter: '2' });
    expect(JSON.parse(stopped.bytes.toString())).toMatchObject({ status: 503, code: 21501 });
    await test.sleep(1500);
    expect((await client().recordings(created.sid).fetch()).status).toBe('processing');
    expect(await download()).toMatchObject({ status: 503, retryAfter: '1' });
    test.done();
    await twilio.settle(call.sid);
    const ready = await download();
    expect(ready).toMatchObject({ status: 200, retryAfter: null });
    expect(readMp3Frames(ready.bytes).count).toBeGreaterThan(0);
  });
});

describe('the media cache', () => {
  const window = recordingWindow({ endMs: 4000 });
  const heardOn = (media: RecordingMedia, callSid: string) =>
    media.heard(callSid, says('inbound', 500, 2000, 'it was fine'));

  it('encodes each file once: per recording, channels, speech and format', () => {
    const encoded: string[] = [];
    const counting =
      (format: 'wav' | 'mp3', encode: (audio: RenderedAudio) => Buffer) =>
      (audio: RenderedAudio) => {
        encoded.push(`${format} ${audio.channels.length}`);
        return encode(audio);
      };
    let voice: 'tones' | 'espeak' = 'tones';
    const media = new RecordingMedia(() => voice, {
      wav: counting('wav', encodeWav),
      mp3: counting('mp3', encodeMp3),
    });
    heardOn(media, 'CA1');
    const first = media.file('RE1', 'CA1', window, 'mp3');
    expect(media.file('RE1', 'CA1', window, 'mp3')).toBe(first);
    expect(encoded).toEqual(['mp3 2']);
    media.file('RE1', 'CA1', { ...window, channels: 1 }, 'mp3');
    media.file('RE1', 'CA1', window, 'wav');
    media.file('RE1', 'CA1', window, 'wav');
    expect(encoded).toEqual(['mp3 2', 'mp3 1', 'wav 2']);
    // Another recording, and the same recording in another voice, are files of their own.
    media.file('RE2', 'CA1', window, 'mp3');
    voice = 'espeak';
    media.file('RE1', 'CA1', window, 'mp3');
    expect(encoded).toEqual(['mp3 2', 'mp3 1', 'wav 2', 'mp3 2', 'mp3 2']);
  });

  it('lets go of a deleted recording’s audio and files, and of no other recording’s', () => {
    const encoded: string[] = [];
    const wav = (audio: RenderedAudio) => {
      encoded.push(`wav ${audio.channels.length}`);
      return encodeWav(audio);
    };
    const media = new RecordingMedia(() => 'tones', { wav, mp3: encodeMp3 });
    heardOn(media, 'CA1');
    media.file('RE1', 'CA1', window, 'wav');
    media.file('RE10', 'CA1', window, 'wav');
    media.forget('RE1');
    // RE10 starts with RE1: only the recording named is forgotten.
    media.file('RE10', 'CA1', window, 'wav');
    expect(encoded).toEqual(['wav 2', 'wav 2']);
    media.file('RE1', 'CA1', window, 'wav');
    expect(encoded).toEqual(['wav 2', 'wav 2', 'wav 2']);
  });

  it('stays within its size bound, least recently used out', () => {
    let encodes = 0;
    const wav = (audio: RenderedAudio) => {
      encodes += 1;
      return encodeWav(audio);
    };
    // Room for one recording's rendered samples and its WAV (2 channels, 4 s, 16-bit: 128 kB
    // each), not for a second recording's as well.
    const media = new RecordingMedia(() => 'tones', { wav, mp3: encodeMp3 }, 300_000);
    heardOn(media, 'CA1');
    media.file('RE1', 'CA1', window, 'wav');
    media.file('RE1', 'CA1', window, 'wav');
    expect(encodes).toBe(1);
    media.file('RE2', 'CA1', window, 'wav');
    media.file('RE1', 'CA1', window, 'wav');
    expect(encodes).toBe(3);
  });
});

describe('channels of the file', () => {
  it('holds one channel for a single track, even with RecordingChannels=dual', async () => {
    const recording = await recordedCall({ recordingChannels: 'dual', recordingTrack: 'inbound' });
    expect(recording.channels).toBe(1);
    const audio = parseWav((await standInDownload(twilio, recording.mediaUrl)).bytes);
    expect(audio.channels).toHaveLength(1);
    expect(rms(audio.channels[0], RATE, 1100, 2900)).toBeGreaterThan(SOUND);
  });

  it('downmixes a dual recording with RequestedChannels=1', async () => {
    const recording = await recordedCall({ recordingChannels: 'dual' });
    const mixed = parseWav(
      (await standInDownload(twilio, `${recording.mediaUrl}.wav?RequestedChannels=1`)).bytes,
    );
    expect(mixed.channels).toHaveLength(1);
    const [mono] = mixed.channels;
    expect(toneAmplitude(mono, RATE, PARTY_PITCH_HZ.inbound, 1100, 1500)).toBeGreaterThan(SOUND);
  });

  it('serves a mono recording as recorded when asked for two channels, with warning 16113', async () => {
    const recording = await recordedCall({ recordingChannels: 'mono' });
    const answer = await standInDownload(twilio, `${recording.mediaUrl}?RequestedChannels=2`);
    expect(parseWav(answer.bytes).channels).toHaveLength(1);
    expect(twilio.exchanges.at(-1)?.warnings).toEqual([expect.stringMatching(/^16113 /)]);
    const wrong = await standInDownload(twilio, `${recording.mediaUrl}?RequestedChannels=3`);
    expect(wrong.status).toBe(400);
  });
});

describe('the account’s Recordings list', () => {
  it('lists newest first, by call and by creation date, page by page', async () => {
    const call = answeredCall(twilio);
    const sids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      sids.push((await client().calls(call.sid).recordings.create({})).sid);
      await twilio.clock.advance(1500);
    }
    const newestFirst = [...sids].reverse();
    const listed = await client().recordings.list({ callSid: call.sid, pageSize: 2 });
    expect(listed.map((recording) => recording.sid)).toEqual(newestFirst);
    const pages = twilio.exchanges.filter(
      (exchange) => exchange.operation === 'ListRecording' && exchange.params.CallSid === call.sid,
    );
    expect(pages.map((page) => page.params.PageToken)).toEqual([
      undefined,
      `PA${newestFirst[1]}`,
      `PA${newestFirst[3]}`,
    ]);

    const third = await client().recordings(sids[2]).fetch();
    const since = await client().recordings.list({
      callSid: call.sid,
      dateCreatedAfter: third.dateCreated,
    });
    expect(since.map((recording) => recording.sid)).toEqual(newestFirst.slice(0, 3));
    const today = new Date(twilio.clock.now()).toISOString().slice(0, 10);
    const onDay = (filters: Record<string, string>) =>
      standInRequest(twilio, 'GET', accountPath(twilio, '/Recordings.json'), {
        CallSid: call.sid,
        ...filters,
      }).then((answer) => (answer.body.recordings as unknown[]).length);
    expect(await onDay({ DateCreated: today })).toBe(5);
    expect(await onDay({ 'DateCreated<': '2000-01-01' })).toBe(0);
    expect(await onDay({ 'DateCreated>': '2000-01-01' })).toBe(5);
  });
});

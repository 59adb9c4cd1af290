/**
 * Deleting recordings on the local Twilio, through the real twilio library doing real HTTP to a
 * strict stand-in (every answer checked against Twilio's description): DeleteRecording and
 * DeleteCallRecording, the media gone, the metadata kept 40 days on the stand-in's clock and
 * shown only with IncludeSoftDeleted, and the refusals where a recording cannot be deleted yet.
 */
import type { LocalTwilio } from '../../local/stand-in/server';
import { SOFT_DELETED_KEPT_MS } from '../../local/stand-in/soft-deleted-recordings';
import { answeredCall, standInClient, startTestStandIn } from '../support/local-twilio';
import { accountPath, standInDownload, standInRequest } from '../support/stand-in-request';

let twilio: LocalTwilio;
const client = () => standInClient(twilio);
const NOT_FOUND = { status: 404, code: 20404 };

beforeAll(async () => {
  twilio = await startTestStandIn();
});
afterAll(() => twilio.close());

/** A call with a recording of three seconds, stopped and processed: `completed`. */
async function completedRecording(callSid = answeredCall(twilio).sid) {
  const recordings = client().calls(callSid).recordings;
  const { sid } = await recordings.create({ recordingChannels: 'dual' });
  // The voice engine would report sound; three seconds of the call make a file long enough.
  await twilio.clock.advance(3000);
  await recordings(sid).update({ status: 'stopped' });
  await twilio.settle(callSid);
  const recording = await client().recordings(sid).fetch();
  expect(recording.status).toBe('completed');
  return { callSid, sid, mediaUrl: recording.mediaUrl };
}

describe('DeleteRecording', () => {
  it('deletes a completed recording: gone from fetch, lists and media, its metadata kept', async () => {
    const { callSid, sid, mediaUrl } = await completedRecording();
    const kept = await completedRecording(callSid);
    expect((await standInDownload(twilio, mediaUrl)).status).toBe(200);

    await expect(client().recordings(sid).remove()).resolves.toBe(true);
    expect(twilio.exchanges.at(-1)).toMatchObject({ operation: 'DeleteRecording', status: 204 });

    // "By default, fetching a deleted recording returns not found and deleted recordings are
    // not returned in the list."
    await expect(client().recordings(sid).fetch()).rejects.toMatchObject(NOT_FOUND);
    await expect(client().calls(callSid).recordings(sid).fetch()).rejects.toMatchObject(NOT_FOUND);
    await expect(
      client().calls(callSid).recordings(sid).update({ status: 'paused' }),
    ).rejects.toMatchObject(NOT_FOUND);
    const sids = (list: Array<{ sid: string }>) => list.map((recording) => recording.sid);
    expect(sids(await client().recordings.list({ callSid }))).toEqual([kept.sid]);
    expect(sids(await client().calls(callSid).recordings.list())).toEqual([kept.sid]);
    expect(twilio.recordings(callSid).map((recording) => recording.sid)).toEqual([kept.sid]);

    // The media: no file in any format, the other recording's untouched.
    for (const url of [mediaUrl, `${mediaUrl}.wav`, `${mediaUrl}.mp3`]) {
      const download = await standInDownload(twilio, url);
      expect(download.status).toBe(404);
      expect(JSON.parse(download.bytes.toString())).toMatchObject(NOT_FOUND);
    }
    expect((await standInDownload(twilio, kept.mediaUrl)).status).toBe(200);

    // With IncludeSoftDeleted=true: the metadata, status `deleted`.
    const deleted = await client().recordings(sid).fetch({ includeSoftDeleted: true });
    expect(deleted).toMatchObject({ sid, callSid, status: 'deleted', channels: 2, duration: '3' });
    expect(deleted.dateUpdated.getTime()).toBeGreaterThanOrEqual(deleted.dateCreated.getTime());
    const listed = await client().recordings.list({ callSid, includeSoftDeleted: true });
    expect(listed.map((recording) => [recording.sid, recording.status])).toEqual(
      expect.arrayContaining([
        [sid, 'deleted'],
        [kept.sid, 'completed'],
      ]),
    );
    expect(listed).toHaveLength(2);
    // A call's list has no such parameter and never shows a deleted recording.
    expect(sids(await client().calls(callSid).recordings.list())).toEqual([kept.sid]);
  });

  it('answers a second delete, and one of a recording that never was, as not found', async () => {
    const { sid } = await completedRecording();
    await client().recordings(sid).remove();
    await expect(client().recordings(sid).remove()).rejects.toMatchObject(NOT_FOUND);
    await expect(
      client()
        .recordings(`RE${'0'.repeat(32)}`)
        .remove(),
    ).rejects.toMatchObject(NOT_FOUND);
    // Still deleted once, not twice: its metadata is there, as it was.
    expect((await client().recordings(sid).fetch({ includeSoftDeleted: true })).status).toBe(
      'deleted',
    );
  });

  it('deletes an absent recording (no file, metadata only)', async () => {
    const call = answeredCall(twilio);
    const { sid } = await client().calls(call.sid).recordings.create();
    await client().calls(call.sid).recordings(sid).update({ status: 'stopped' });
    await twilio.settle(call.sid);
    expect((await client().recordings(sid).fetch()).status).toBe('absent');
    await client().recordings(sid).remove();
    expect(await client().recordings(sid).fetch({ includeSoftDeleted: true })).toMatchObject({
      status: 'deleted',
      errorCode: 16101,
    });
  });
});

describe('DeleteCallRecording', () => {
  it('deletes a recording of the call named, and no recording of another call', async () => {
    const { callSid, sid } = await completedRecording();
    const other = await completedRecording();
    await expect(client().calls(callSid).recordings(other.sid).remove()).rejects.toMatchObject(
      NOT_FOUND,
    );
    await expect(
      client()
        .calls(`CA${'0'.repeat(32)}`)
        .recordings(sid)
        .remove(),
    ).rejects.toMatchObject(NOT_FOUND);
    expect((await client().recordings(other.sid).fetch()).status).toBe('completed');

    await expect(client().calls(callSid).recordings(sid).remove()).resolves.toBe(true);
    expect(twilio.exchanges.at(-1)).toMatchObject({
      operation: 'DeleteCallRecording',
      status: 204,
      response: undefined,
    });
    await expect(client().calls(callSid).recordings(sid).remove()).rejects.toMatchObject(NOT_FOUND);
    expect((await client().recordings(sid).fetch({ includeSoftDeleted: true })).status).toBe(
      'deleted',
    );
  });
});

describe('a recording that cannot be deleted yet', () => {
  it('refuses one in progress or paused, and changes nothing', async () => {
    const call = answeredCall(twilio);
    const recordings = client().calls(call.sid).recordings;
    const { sid } = await recordings.create();
    const refusal = { status: 400, code: 21220, message: expect.stringMatching(/stop it/) };
    await expect(client().recordings(sid).remove()).rejects.toMatchObject(refusal);
    await recordings(sid).update({ status: 'paused' });
    await expect(recordings(sid).remove()).rejects.toMatchObject(refusal);
    expect((await recordings(sid).fetch()).status).toBe('paused');
    expect((await recordings.list()).map((recording) => recording.sid)).toEqual([sid]);
  });

  it('asks for a retry while the recording is processed, then deletes it', async () => {
    const call = answeredCall(twilio);
    const { sid } = await client().calls(call.sid).recordings.create();
    await twilio.clock.advance(3000);
    // A busy actor holds the clock still, so processing (2 s of the clock) has not ended yet.
    const holder = twilio.clock.actor();
    await client().calls(call.sid).recordings(sid).update({ status: 'stopped' });
    const path = accountPath(twilio, `/Recordings/${sid}.json`);
    const stopped = await standInRequest(twilio, 'DELETE', path);
    expect(stopped.status).toBe(503);
    expect(stopped.body).toMatchObject({ code: 21501, status: 503 });
    expect(stopped.headers.get('retry-after')).toBe('2');
    const callPath = accountPath(twilio, `/Calls/${call.sid}/Recordings/${sid}.json`);
    expect((await standInRequest(twilio, 'DELETE', callPath)).status).toBe(503);
    holder.done();
    await twilio.settle(call.sid);
    expect((await standInRequest(twilio, 'DELETE', path)).status).toBe(204);
  });
});

describe('the 40 days a deleted recording’s metadata is kept', () => {
  it('shows it until 40 days after the delete on the stand-in’s clock, then never', async () => {
    const { callSid, sid } = await completedRecording();
    await client().recordings(sid).remove();
    const deletedAt = twilio.clock.now();
    const listed = async () =>
      (await client().recordings.list({ callSid, includeSoftDeleted: true })).map(
        (recording) => recording.sid,
      );

    await twilio.clock.advance(SOFT_DELETED_KEPT_MS - 1000);
    expect((await client().recordings(sid).fetch({ includeSoftDeleted: true })).status).toBe(
      'deleted',
    );
    expect(await listed()).toEqual([sid]);

    await twilio.clock.advance(1000);
    expect(twilio.clock.now() - deletedAt).toBe(40 * 24 * 60 * 60 * 1000);
    await expect(
      client().recordings(sid).fetch({ includeSoftDeleted: true }),
    ).rejects.toMatchObject(NOT_FOUND);
    expect(await listed()).toEqual([]);
  });
});

describe('paging through recordings while deleting them', () => {
  it('refuses the next page once the recording its token names is deleted', async () => {
    const { callSid, sid: older } = await completedRecording();
    const { sid: newer } = await completedRecording(callSid);
    const first = await client().recordings.page({ callSid, pageSize: 1 });
    expect(first.instances.map((recording) => recording.sid)).toEqual([newer]);
    expect((await first.nextPage())?.instances.map((recording) => recording.sid)).toEqual([older]);
    await client().recordings(newer).remove();
    await expect(first.nextPage()).rejects.toMatchObject({ status: 400, code: 20001 });
  });
});

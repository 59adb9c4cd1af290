/**
 * POST /dashboard-erase, the recordings page's "Delete recordings", through the local gateway
 * to the built Function, the stand-in and its Sync: who may send it, what it refuses, what an
 * erasure deletes and keeps, what /dashboard-calls shows afterwards, a failure then a retry.
 */
import { placeCall } from '../../local/call-driver';
import { withOverrides } from '../../local/with-overrides';
import type { DashboardPage, EraseAnswer } from '../../src/dashboard/view';
import { logOfCall, standInClient, useSimulation } from '../support/local-twilio';
import { loggedCall } from '../support/logged-calls';
import { postForm } from '../support/webhook-client';

const PASSWORD = 'a-long-enough-password-for-erasing';
const FEEDBACK = 'Please call me back on my mobile';
const local = useSimulation({ env: { DASHBOARD_PASSWORD: PASSWORD, RECORDING_CONSENT: 'opt-in' } });
const twilio = () => local.sim.twilio;
afterEach(() => twilio().clearFaults());

const PAGE = { 'X-Requested-With': 'recordings-page' };
const auth = (password = PASSWORD) => ({
  Authorization: `Basic ${Buffer.from(`page:${password}`).toString('base64')}`,
});

/** What the page sends: a form POST with the password and its header. */
const erase = (
  fields: Record<string, string>,
  headers: Record<string, string> = { ...auth(), ...PAGE },
) => postForm(`${local.sim.gateway.url}/dashboard-erase`, fields, { headers, timeoutMs: 15_000 });

async function flowCall() {
  const result = await placeCall(twilio(), local.sim.gateway.url, {
    answers: [{ press: '1' }, { say: FEEDBACK }],
  });
  await twilio().settle(result.callSid);
  const [recording] = twilio().recordings(result.callSid);
  return { callSid: result.callSid, recordingSid: recording.sid };
}

const statusOf = async (recordingSid: string) =>
  (await standInClient(twilio()).recordings(recordingSid).fetch({ includeSoftDeleted: true }))
    .status;
const changesSince = (from: number) =>
  twilio()
    .exchanges.slice(from)
    .filter((exchange) => exchange.method !== 'GET')
    .map((exchange) => exchange.operation);

async function pageCall(callSid: string) {
  const answer = await postForm(
    `${local.sim.gateway.url}/dashboard-calls`,
    { CallSid: callSid },
    { method: 'GET', headers: { ...auth(), ...PAGE }, timeoutMs: 15_000 },
  );
  expect(answer.status).toBe(200);
  const [call] = (JSON.parse(answer.body) as DashboardPage).calls;
  return call;
}

describe('who may erase', () => {
  it('answers 404 when the page is off, 401 to a wrong password, and deletes nothing', async () => {
    const { callSid, recordingSid } = await flowCall();
    const before = twilio().exchanges.length;
    const off = await withOverrides(local.sim.env, { DASHBOARD_PASSWORD: undefined }, () =>
      erase({ CallSid: callSid }),
    );
    expect(off.status).toBe(404);
    const wrong = await erase(
      { CallSid: callSid },
      { ...auth('not-the-password-at-all'), ...PAGE },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBeNull();
    expect(changesSince(before)).toEqual([]);
    expect(await statusOf(recordingSid)).toBe('completed');
  });

  it('takes only the page’s own POST: 405 for a GET, 403 without its header', async () => {
    const { callSid, recordingSid } = await flowCall();
    const before = twilio().exchanges.length;
    const get = await postForm(
      `${local.sim.gateway.url}/dashboard-erase`,
      { CallSid: callSid },
      { method: 'GET', headers: { ...auth(), ...PAGE } },
    );
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const foreign = await erase({ CallSid: callSid }, auth());
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toMatch(/x-requested-with: recordings-page/);
    expect(changesSince(before)).toEqual([]);
    expect(await statusOf(recordingSid)).toBe('completed');
  });

  it.each([
    ['no CallSid', {}, /CallSid: is required/],
    ['a CallSid that is none', { CallSid: 'CA123' }, /CallSid: must be CA followed by 32/],
    [
      'a reason too long',
      { CallSid: `CA${'0'.repeat(32)}`, Reason: 'x'.repeat(201) },
      /Reason: is 201 characters; at most 200/,
    ],
  ])('refuses %s with 400 naming the field', async (_what, fields, message) => {
    const answer = await erase(fields);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: 'invalid-input',
      message: expect.stringMatching(message),
    });
  });

  it('refuses a call this service never handled with 404, and touches nothing', async () => {
    const stranger = twilio().createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    const before = twilio().exchanges.length;
    const answer = await erase({ CallSid: stranger.sid });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).message).toMatch(/not in the recording log/);
    expect(changesSince(before)).toEqual([]);
  });
});

describe('an erasure from the page', () => {
  it('deletes the recordings and the speech, keeps its entry, and /dashboard-calls shows the call erased', async () => {
    const { callSid, recordingSid } = await flowCall();
    const shownBefore = await pageCall(callSid);
    expect(shownBefore).toMatchObject({ logged: true });
    expect(shownBefore.recordings[0]).toMatchObject({
      audio: expect.any(Object),
      feedback: { speechResult: FEEDBACK },
    });

    const answer = await erase({ CallSid: callSid, Reason: 'Caller asked on the phone' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = JSON.parse(answer.body) as EraseAnswer;
    expect(body).toEqual({
      callSid,
      erasure: { at: expect.any(String), means: 'page', reason: 'Caller asked on the phone' },
      recordings: [{ sid: recordingSid, result: 'deleted' }],
      alreadyErased: false,
    });
    expect(Math.abs(Date.parse(body.erasure.at) - twilio().clock.now())).toBeLessThan(1000);
    expect(await statusOf(recordingSid)).toBe('deleted');

    const shown = await pageCall(callSid);
    expect(shown.erasure).toEqual({
      at: body.erasure.at,
      means: 'page',
      reason: 'Caller asked on the phone',
      recordings: 1,
      recordingSids: [recordingSid],
      complete: true,
    });
    expect(shown.recordings).toEqual([]);
    expect(shown.feedback).toBeUndefined();
    expect(shown.consent).toMatchObject({
      decision: 'granted',
      method: 'dtmf',
      answerErased: true,
    });
    expect(shown.consent).not.toHaveProperty('digits');
    expect(JSON.stringify(shown)).not.toContain(FEEDBACK);
    expect(JSON.stringify(await logOfCall(local.sim, callSid))).not.toContain(FEEDBACK);

    const again = await erase({ CallSid: callSid });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({
      alreadyErased: true,
      recordings: [],
      erasure: body.erasure,
    });
  });

  it('stops a recording still being made and deletes it, inside the Function’s time', async () => {
    const live = await loggedCall(twilio(), { stillRecording: true });
    const started = Date.now();
    const answer = await erase({ CallSid: live.callSid });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer.status).toBe(200);
    expect(await statusOf(live.recordingSids[0])).toBe('deleted');
    twilio().endCall(live.callSid);
  });

  it('answers 503 when a recording could not be deleted, and a second try finishes', async () => {
    const { callSid, recordingSid } = await flowCall();
    twilio().injectFault({
      operation: 'DeleteRecording',
      effect: { kind: 'error', status: 400, code: 20001, message: 'Refused for this test' },
    });
    const first = await erase({ CallSid: callSid });
    expect(first.status).toBe(503);
    expect(JSON.parse(first.body)).toMatchObject({
      error: 'erasure-incomplete',
      message: expect.stringMatching(
        new RegExp(`${recordingSid}: Refused for this test.*try again`),
      ),
    });
    // Meanwhile the page shows the call as being erased: no speech, no audio.
    const meanwhile = await pageCall(callSid);
    expect(meanwhile.erasure).toMatchObject({ complete: false });
    expect(meanwhile.recordings.map((recording) => recording.audio)).toEqual([undefined]);
    expect(JSON.stringify(meanwhile)).not.toContain(FEEDBACK);

    const second = await erase({ CallSid: callSid });
    expect(second.status).toBe(200);
    expect(await statusOf(recordingSid)).toBe('deleted');
    expect((await pageCall(callSid)).erasure).toMatchObject({ complete: true });
  });
});

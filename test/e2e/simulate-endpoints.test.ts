/**
 * The local-only endpoints of a running simulation, wired as `npm start` wires them: calls
 * placed from a chosen caller's number (POST /_simulate/call with `from`, and `npm run call --
 * --server URL --from`), and where the local Twilio is (GET /_simulate/twilio), which is what a
 * command run with `--server URL` reads to use the local Twilio's REST API.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_CALLER } from '../../local/call-script';
import { localTwilioOf, restClientEnv } from '../../local/local-twilio-access';
import { PROJECT_ROOT } from '../../local/project-root';
import { simulatedCallEndpoints } from '../../local/simulated-calls';
import { readSettings } from '../../src/config/settings';
import { createRestClient } from '../../src/twilio/rest-client';
import { standInClient, useSimulation } from '../support/local-twilio';
import { postForm } from '../support/webhook-client';

const run = promisify(execFile);
const CALL = join(PROJECT_ROOT, 'dist', 'local', 'call.js');

const local = useSimulation({ control: simulatedCallEndpoints(() => local.sim) });
const gateway = () => local.sim.gateway.url;
const client = () => standInClient(local.sim.twilio);

const placeCall = (fields: Record<string, string>) =>
  postForm(`${gateway()}/_simulate/call`, fields, { timeoutMs: 30_000 });
const callSidOf = (transcript: string) => {
  const sid = /^Call (CA[0-9a-f]{32}) /m.exec(transcript)?.[1];
  if (!sid) throw new Error(`no call in: ${transcript.slice(0, 200)}`);
  return sid;
};

describe('GET /_simulate/twilio', () => {
  it('says where the local Twilio is and which credentials it takes, and they work', async () => {
    const answer = await postForm(`${gateway()}/_simulate/twilio`, {}, { method: 'GET' });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    const { twilio } = local.sim;
    const told = JSON.parse(answer.body);
    expect(told).toEqual({
      apiBaseUrl: twilio.url,
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
    });

    // What a command given --server reads, and the project's own REST client made from it.
    const access = await localTwilioOf(gateway());
    expect(access).toEqual({ ok: true, value: told });
    if (!access.ok) return;
    const made = createRestClient({
      ...readSettings(restClientEnv(access.value)).twilio,
      restTimeoutMs: 5000,
    });
    if (!made.ok) throw new Error(made.error.message);
    const before = twilio.exchanges.length;
    await made.value.recordings.list({ limit: 1 });
    expect(twilio.exchanges.slice(before)).toEqual([
      expect.objectContaining({ operation: 'ListRecording', status: 200 }),
    ]);
  });

  it('gives a command a clear sentence for a server that is not a running simulation', async () => {
    const { twilio } = local.sim;
    expect(await localTwilioOf('nonsense')).toEqual({
      ok: false,
      error: expect.stringMatching(/^--server nonsense: not a URL/),
    });
    // Nothing listens on port 1 of this machine.
    expect(await localTwilioOf('http://127.0.0.1:1')).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^no answer from http:\/\/127\.0\.0\.1:1 .*is npm start running/,
      ),
    });
    // The REST stand-in itself is no gateway: 404.
    expect(await localTwilioOf(twilio.url)).toEqual({
      ok: false,
      error: expect.stringMatching(/answered 404 to \/_simulate\/twilio/),
    });
    const stranger = createServer((_req, res) => res.end('{"authToken":"leaked?"}'));
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    try {
      const port = (stranger.address() as AddressInfo).port;
      const answer = await localTwilioOf(`http://127.0.0.1:${port}`);
      expect(answer).toEqual({
        ok: false,
        error: expect.stringMatching(/did not say where its local Twilio is/),
      });
      // What the server answered is never repeated (it may hold a token).
      expect(JSON.stringify(answer)).not.toContain('leaked');
    } finally {
      await new Promise((resolve) => stranger.close(resolve));
    }
  });
});

describe('POST /_simulate/call with the caller’s number', () => {
  it('places calls from the number given, found together by the Calls list’s From filter', async () => {
    const from = '+15551230001';
    const first = callSidOf((await placeCall({ from, say: 'First call' })).body);
    const second = callSidOf((await placeCall({ from, say: 'Second call' })).body);
    const other = callSidOf((await placeCall({ say: 'Someone else' })).body);

    const found = await client().calls.list({ from });
    expect(found.map((call) => call.sid).sort()).toEqual([first, second].sort());
    expect(found.map((call) => [call.from, call.status])).toEqual([
      [from, 'completed'],
      [from, 'completed'],
    ]);
    expect((await client().calls(other).fetch()).from).toBe(DEFAULT_CALLER);

    // A caller's recordings erased through the REST API, as an erasure by number would: those
    // two calls' recordings deleted, the other caller's untouched.
    for (const call of found)
      for (const recording of await client().calls(call.sid).recordings.list())
        await client().recordings(recording.sid).remove();
    const statuses = async (callSid: string) =>
      (await client().recordings.list({ callSid, includeSoftDeleted: true })).map(
        (recording) => recording.status,
      );
    expect(await statuses(first)).toEqual(['deleted']);
    expect(await statuses(second)).toEqual(['deleted']);
    expect(await statuses(other)).toEqual(['completed']);
  });

  it('refuses a number that is not E.164, and places no call', async () => {
    const countCalls = async () => (await client().calls.list()).length;
    const callsBefore = await countCalls();
    const refused = await placeCall({ from: 'nonsense', say: 'Hello' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/^from 'nonsense': use E\.164/);
    // curl -d from=+1555…: the + arrives as a space, and the answer says how to send it.
    const raw = await fetch(`${gateway()}/_simulate/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'from=+15551230001&say=Hello',
      signal: AbortSignal.timeout(10_000),
    });
    expect(raw.status).toBe(400);
    expect(await raw.text()).toMatch(/send it as %2B/);
    expect(await countCalls()).toBe(callsBefore);
  });
});

describe('npm run call -- --from', () => {
  it('places the call from that number on a running simulation (--server)', async () => {
    const { stdout } = await run(
      process.execPath,
      [CALL, '--server', gateway(), '--from', '+15551230002', '--say', 'From the command'],
      { timeout: 30_000 },
    );
    expect(stdout).toMatch(/CALLER SAYS\s+"From the command"/);
    expect((await client().calls(callSidOf(stdout)).fetch()).from).toBe('+15551230002');
  });

  it('stops with a clear error for a number that is not E.164', async () => {
    await expect(
      run(process.execPath, [CALL, '--from', 'nonsense'], { timeout: 30_000 }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--from 'nonsense': use E\.164/),
    });
  });
});

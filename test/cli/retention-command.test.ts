/**
 * npm run retention as a user runs it against a running local service (`--server URL`): the
 * setting and --days, the age of recordings on Twilio's clock (the stand-in's, moved on by 31
 * days while this machine's stays put), erasing them, a rerun, calls still being recorded, an
 * interrupted run finished by the next, Twilio's and Sync's rate limits, and every bad input.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { placeCall } from '../../local/call-driver';
import { PROJECT_ROOT } from '../../local/project-root';
import { simulatedCallEndpoints } from '../../local/simulated-calls';
import { runRetention } from '../../scripts/erasure/retention-command';
import { logOfCall, standInClient, useSimulation } from '../support/local-twilio';
import { loggedCall } from '../support/logged-calls';

const run = promisify(execFile);
const RETENTION = join(PROJECT_ROOT, 'dist', 'scripts', 'retention.js');
const DAY_MS = 24 * 60 * 60 * 1000;
const local = useSimulation({
  env: { RECORDING_CONSENT: 'opt-in' },
  control: simulatedCallEndpoints(() => local.sim),
});
const twilio = () => local.sim.twilio;
afterEach(() => twilio().clearFaults());

async function flowCall() {
  const result = await placeCall(twilio(), local.sim.gateway.url, {
    answers: [{ say: 'yes' }, { say: 'Keep this only a month please' }],
  });
  await twilio().settle(result.callSid);
  const [recording] = twilio().recordings(result.callSid);
  return { callSid: result.callSid, recordingSid: recording.sid };
}

/** The command, in-process, as `npm run retention -- …`, with `env` as .env would give it. */
async function retention(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await runRetention(['--server', local.sim.gateway.url, ...argv], {
    env,
    print: (line) => out.push(line),
    printError: (line) => errors.push(line),
    callBudgetMs: 3000,
  });
  return { code, out: out.join('\n'), err: errors.join('\n') };
}

const statusOf = async (recordingSid: string) =>
  (await standInClient(twilio()).recordings(recordingSid).fetch({ includeSoftDeleted: true }))
    .status;
const changesSince = (from: number) =>
  twilio()
    .exchanges.slice(from)
    .filter((exchange) => exchange.method !== 'GET')
    .map((exchange) => exchange.operation);

describe('npm run retention', () => {
  const old: Array<{ callSid: string; recordingSid: string }> = [];
  let recent: { callSid: string; recordingSid: string };

  it('keeps everything while RECORDING_RETENTION_DAYS is empty, and says so', async () => {
    old.push(await flowCall(), await flowCall());
    const before = twilio().exchanges.length;
    const { code, out } = await retention([]);
    expect(code).toBe(0);
    expect(out).toMatch(/RECORDING_RETENTION_DAYS is empty: recordings are kept/);
    expect(twilio().exchanges.length).toBe(before);
  });

  it('measures age on Twilio’s clock: nothing is 30 days old, until Twilio’s clock says so', async () => {
    expect((await retention(['--days', '30'])).out).toContain('Nothing to delete.');
    const machineBefore = Date.now();
    await twilio().clock.advance(31 * DAY_MS);
    recent = await flowCall();
    // RECORDING_RETENTION_DAYS from .env, as a scheduled run would read it.
    const { code, out } = await retention([], { RECORDING_RETENTION_DAYS: '30' });
    expect(code).toBe(0);
    expect(Date.now() - machineBefore).toBeLessThan(DAY_MS);
    expect(out).toContain('Retention: 30 days (RECORDING_RETENTION_DAYS).');
    expect(out).toContain(
      `Twilio's clock: ${new Date(twilio().clock.now()).toISOString().slice(0, 16)}`,
    );
    for (const call of old)
      expect(out).toMatch(
        new RegExp(`${call.callSid}: ${call.recordingSid} \\(completed, created `),
      );
    expect(out).not.toContain(recent.callSid);
    expect(out).toMatch(/Dry run: 2 calls, 2 recordings to delete; nothing was changed/);
    for (const call of old) expect(await statusOf(call.recordingSid)).toBe('completed');
  });

  it('erases them with --apply (means retention), and a rerun finds nothing more', async () => {
    const { code, out } = await retention(['--days', '30', '--apply']);
    expect(code).toBe(0);
    expect(out).toMatch(/Done: 2 calls: 2 recordings deleted/);
    for (const call of old) {
      expect(await statusOf(call.recordingSid)).toBe('deleted');
      const log = await logOfCall(local.sim, call.callSid);
      expect(log.erasure).toMatchObject({
        means: 'retention',
        reason: 'kept 30 days (--days)',
        complete: true,
      });
      expect(JSON.stringify(log)).not.toContain('Keep this only a month');
    }
    expect(await statusOf(recent.recordingSid)).toBe('completed');

    const before = twilio().exchanges.length;
    const again = await retention(['--days', '30', '--apply']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to delete.');
    expect(changesSince(before)).toEqual([]);
  });

  it('with --days 0 takes every finished recording and leaves a call still being recorded', async () => {
    const live = await loggedCall(twilio(), { stillRecording: true });
    const { code, out } = await retention(['--days', '0', '--apply']);
    expect(code).toBe(0);
    expect(out).toContain('Left for a later run: 1 call still being recorded.');
    expect(await statusOf(recent.recordingSid)).toBe('deleted');
    expect(await statusOf(live.recordingSids[0])).toBe('in-progress');
    twilio().endCall(live.callSid);
    await twilio().settle(live.callSid);
  });

  it('finishes an interrupted run on the next, repeating nothing', async () => {
    const call = await flowCall();
    twilio().injectFault({
      operation: 'DeleteSyncMapItem',
      times: Infinity,
      effect: { kind: 'error', status: 400, code: 20001, message: 'Refused for this test' },
    });
    const interrupted = await retention(['--days', '0', '--apply']);
    expect(interrupted.code).toBe(1);
    expect(interrupted.out).toMatch(/not finished: Sync: Refused for this test/);
    twilio().clearFaults();

    const dry = await retention(['--days', '0']);
    expect(dry.out).toContain(`${call.callSid}: an erasure to finish`);
    const before = twilio().exchanges.length;
    const rerun = await retention(['--days', '0', '--apply']);
    expect(rerun.code).toBe(0);
    // Only what was left: the caller's entries removed; no recording deleted, no entry written.
    const changes = changesSince(before);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(changes)).toEqual(new Set(['DeleteSyncMapItem']));
    expect(JSON.stringify(await logOfCall(local.sim, call.callSid))).not.toContain(
      'Keep this only',
    );
  });

  it('rides out the account’s and Sync’s rate limits (20429, 54009)', async () => {
    const call = await flowCall();
    twilio().injectFault({
      operation: 'ListSyncMapItem',
      effect: { kind: 'error', status: 429, code: 54009 },
    });
    twilio().injectFault({
      operation: 'ListRecording',
      effect: { kind: 'error', status: 429, code: 20429 },
    });
    twilio().injectFault({
      operation: 'DeleteRecording',
      effect: { kind: 'error', status: 429, code: 20429 },
    });
    const before = twilio().exchanges.length;
    const { code } = await retention(['--days', '0', '--apply']);
    expect(code).toBe(0);
    const answers = twilio()
      .exchanges.slice(before)
      .map((exchange) => `${exchange.operation} ${exchange.status}`);
    expect(answers).toEqual(
      expect.arrayContaining([
        'ListSyncMapItem 429',
        'ListRecording 429',
        'DeleteRecording 429',
        'DeleteRecording 204',
      ]),
    );
    expect(await statusOf(call.recordingSid)).toBe('deleted');
  });
});

describe('bad input', () => {
  it.each([
    [
      'a negative number of days',
      ['--days', '-1'],
      {},
      /--days '-1': a whole number of days from 0 to 99999/,
    ],
    ['days that are not a number', ['--days', 'thirty'], {}, /--days 'thirty'/],
    ['a fraction of a day', ['--days', '1.5'], {}, /--days '1.5'/],
    ['an unknown option', ['--days', '3', '--force'], {}, /unknown option --force/],
    [
      'a setting that is no number',
      [],
      { RECORDING_RETENTION_DAYS: 'a month' },
      /RECORDING_RETENTION_DAYS 'a month' must be a whole number of days, 0 or more; nothing was changed/,
    ],
  ])('refuses %s with exit 2 and changes nothing', async (_what, argv, env, message) => {
    const before = twilio().exchanges.length;
    const { code, err } = await retention(argv, env);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(changesSince(before)).toEqual([]);
  });

  it('the built command exits 2 on bad input', async () => {
    await expect(
      run(process.execPath, [RETENTION, '--days', '-1'], { timeout: 30_000, cwd: PROJECT_ROOT }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--days '-1'/) });
  });
});

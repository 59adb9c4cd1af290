/**
 * npm run erase as a user runs it against a running local service (`--server URL`, which reads
 * GET /_simulate/twilio): calls placed through the whole flow, then erased by CallSid and by the
 * caller's number, a dry run first, a rerun after, a failure on the way, and every bad input.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { placeCall } from '../../local/call-driver';
import { PROJECT_ROOT } from '../../local/project-root';
import { simulatedCallEndpoints } from '../../local/simulated-calls';
import { runErase } from '../../scripts/erasure/erase-command';
import { logOfCall, standInClient, useSimulation } from '../support/local-twilio';

const run = promisify(execFile);
const ERASE = join(PROJECT_ROOT, 'dist', 'scripts', 'erase.js');
const local = useSimulation({
  env: { RECORDING_CONSENT: 'opt-in' },
  control: simulatedCallEndpoints(() => local.sim),
});
const twilio = () => local.sim.twilio;
const client = () => standInClient(twilio());
afterEach(() => twilio().clearFaults());

const CALLER = '+15551230042';
const FEEDBACK = 'My name is Ada and my order number is 4711';

/** A call through the whole flow: consent said, feedback said, one recording completed. */
async function flowCall(from = CALLER, feedback = FEEDBACK) {
  const result = await placeCall(twilio(), local.sim.gateway.url, {
    from,
    answers: [{ say: 'yes' }, { say: feedback }],
  });
  await twilio().settle(result.callSid);
  const recordings = twilio()
    .recordings(result.callSid)
    .map((recording) => recording.sid);
  expect(recordings).toHaveLength(1);
  return { callSid: result.callSid, recordingSid: recordings[0] };
}

/**
 * The command, in-process, as `npm run erase -- …` with no .env: `--server` says where. Each
 * call's erasure gets 3 s here, so that one Twilio keeps failing gives up soon.
 */
async function erase(...argv: string[]) {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await runErase(['--server', local.sim.gateway.url, ...argv], {
    env: {},
    print: (line) => out.push(line),
    printError: (line) => errors.push(line),
    callBudgetMs: 3000,
  });
  return { code, out: out.join('\n'), err: errors.join('\n') };
}

const statusOf = async (recordingSid: string) =>
  (await client().recordings(recordingSid).fetch({ includeSoftDeleted: true })).status;
/** What changed on the account since `from`: any request but a read. */
const changesSince = (from: number) =>
  twilio()
    .exchanges.slice(from)
    .filter((exchange) => exchange.method !== 'GET')
    .map((exchange) => exchange.operation);

describe('npm run erase -- --call', () => {
  it('lists the recordings by SID in a dry run and changes nothing', async () => {
    const { callSid, recordingSid } = await flowCall();
    const before = twilio().exchanges.length;
    const { code, out, err } = await erase('--call', callSid);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(`${callSid}: 1 recording to delete`);
    expect(out).toContain(`  ${recordingSid} (completed)`);
    expect(out).toMatch(/2 log entries with the caller's words or consent answer to remove/);
    expect(out).toMatch(/Dry run: 1 call, 1 recording to delete; nothing was changed/);
    expect(changesSince(before)).toEqual([]);
    expect(await statusOf(recordingSid)).toBe('completed');
  });

  it('erases with --apply: recordings deleted, speech gone, the erasure in the log; a rerun does nothing more', async () => {
    const { callSid, recordingSid } = await flowCall();
    const first = await erase('--call', callSid, '--apply', '--reason', 'Caller asked by email');
    expect({ code: first.code, err: first.err }).toEqual({ code: 0, err: '' });
    expect(first.out).toMatch(
      new RegExp(
        `${callSid}: erased \\(\\S+ on Twilio's clock, by command, reason "Caller asked by email"\\)`,
      ),
    );
    expect(first.out).toContain(`  ${recordingSid} deleted`);
    expect(first.out).toContain('Done: 1 call: 1 recording deleted, 0 already gone.');
    expect(await statusOf(recordingSid)).toBe('deleted');

    // What the service's own /recordings route answers now.
    const log = await logOfCall(local.sim, callSid);
    expect(JSON.stringify(log)).not.toContain(FEEDBACK);
    expect(log.consent).toMatchObject({
      decision: 'granted',
      method: 'speech',
      answerErased: true,
    });
    expect(log.consent).not.toHaveProperty('speech');
    expect(log.erasure).toMatchObject({
      means: 'command',
      reason: 'Caller asked by email',
      recordingSids: [recordingSid],
      complete: true,
    });

    const before = twilio().exchanges.length;
    const again = await erase('--call', callSid, '--apply');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/erased already .*by command.*: nothing more to do/);
    expect(changesSince(before)).toEqual([]);
  });

  it('reports a recording it could not delete, exits 1, and a rerun finishes with 0', async () => {
    const { callSid, recordingSid } = await flowCall();
    twilio().injectFault({
      operation: 'DeleteRecording',
      times: Infinity,
      effect: { kind: 'error', status: 503, code: 20503, message: 'Service unavailable' },
    });
    const failed = await erase('--call', callSid, '--apply');
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(
      `${recordingSid} NOT deleted: Service unavailable (passing: run the command again)`,
    );
    expect(failed.out).toMatch(
      /Not finished: .*1 not deleted, 1 call to finish; run the same command again/,
    );
    expect(await statusOf(recordingSid)).toBe('completed');
    // The speech is gone already, and the log says an erasure is under way.
    expect((await logOfCall(local.sim, callSid)).erasure).toMatchObject({ complete: false });

    twilio().clearFaults();
    const rerun = await erase('--call', callSid, '--apply');
    expect(rerun.code).toBe(0);
    expect(rerun.out).toContain(`  ${recordingSid} deleted`);
    expect(await statusOf(recordingSid)).toBe('deleted');
    expect((await logOfCall(local.sim, callSid)).erasure).toMatchObject({ complete: true });
  }, 60_000);
});

describe('npm run erase -- --from', () => {
  it('finds every call from the number the log knows, and erases only those', async () => {
    const number = '+15551230077';
    const mine = [await flowCall(number), await flowCall(number)];
    const other = await flowCall('+15551230078');
    // A call from the number that this service never logged: left alone.
    const foreign = twilio().createCall({ from: number, to: '+15005550001', direction: 'inbound' });

    const dry = await erase('--from', number);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Calls from ${number} in the account: 3.`);
    for (const call of mine) expect(dry.out).toContain(`  ${call.recordingSid} (completed)`);
    expect(dry.out).not.toContain(foreign.sid);
    expect(dry.out).toContain('In the recording log: 2 of them.');

    const applied = await erase('--from', number, '--apply');
    expect(applied.code).toBe(0);
    for (const call of mine) expect(await statusOf(call.recordingSid)).toBe('deleted');
    expect(await statusOf(other.recordingSid)).toBe('completed');
    expect((await logOfCall(local.sim, other.callSid)).erasure).toBeUndefined();
  }, 60_000);
});

describe('bad input', () => {
  const SOME_CALL = `CA${'0'.repeat(32)}`;
  it.each([
    [
      'a CallSid that is none',
      ['--call', 'nonsense'],
      /--call 'nonsense': a CallSid is CA and 32 lowercase hex digits/,
    ],
    ['a number not in E.164', ['--from', '5551230042'], /--from '5551230042': use E\.164/],
    ['an option without its value', ['--from'], /--from needs a value/],
    ['an unknown option', ['--call', SOME_CALL, '--force'], /unknown option --force/],
    ['no call named', ['--apply'], /say which calls: --call CA… or --from/],
    [
      'both ways of naming calls',
      ['--call', SOME_CALL, '--from', CALLER],
      /give --call or --from, not both/,
    ],
    [
      'a reason too long',
      ['--call', SOME_CALL, '--reason', 'x'.repeat(201)],
      /--reason is 201 characters; at most 200/,
    ],
    ['a blank reason', ['--call', SOME_CALL, '--reason', ' '], /--reason needs some text/],
    ['two numbers', ['--from', CALLER, '--from', '+15551230043'], /give --from once/],
  ])('refuses %s with exit 2 and changes nothing', async (_what, argv, message) => {
    const before = twilio().exchanges.length;
    const { code, err } = await erase(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(twilio().exchanges.length).toBe(before);
  });

  it('refuses a call the recording log does not know, even beside one it knows, and changes nothing', async () => {
    const { callSid, recordingSid } = await flowCall();
    const stranger = twilio().createCall({
      from: CALLER,
      to: '+15005550001',
      direction: 'inbound',
    });
    const before = twilio().exchanges.length;
    const { code, err } = await erase('--call', callSid, '--call', stranger.sid, '--apply');
    expect(code).toBe(2);
    expect(err).toContain(`${stranger.sid}: not in the recording log`);
    expect(changesSince(before)).toEqual([]);
    expect(await statusOf(recordingSid)).toBe('completed');
  });

  it('refuses a --server that is no running npm start', async () => {
    const out: string[] = [];
    const errors: string[] = [];
    const code = await runErase(
      ['--server', 'http://127.0.0.1:1', '--call', `CA${'0'.repeat(32)}`],
      {
        env: {},
        print: (line) => out.push(line),
        printError: (line) => errors.push(line),
      },
    );
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(
      /no answer from http:\/\/127\.0\.0\.1:1 .*is npm start running/,
    );
  });

  it('asks for credentials without --server and with none in the environment', async () => {
    const errors: string[] = [];
    const code = await runErase(['--call', `CA${'0'.repeat(32)}`], {
      env: {},
      print: () => undefined,
      printError: (line) => errors.push(line),
    });
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/ACCOUNT_SID and AUTH_TOKEN must be set/);
  });
});

describe('the built command (node dist/scripts/erase.js)', () => {
  it('erases a call on a running local service, and exits 2 on bad input', async () => {
    const { callSid, recordingSid } = await flowCall();
    const { stdout } = await run(
      process.execPath,
      [ERASE, '--server', local.sim.gateway.url, '--call', callSid, '--apply'],
      { timeout: 30_000, cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '' } },
    );
    expect(stdout).toContain(`  ${recordingSid} deleted`);
    expect(stdout).not.toContain(twilio().authToken);
    await expect(
      run(process.execPath, [ERASE, '--call', 'nonsense'], { timeout: 30_000, cwd: PROJECT_ROOT }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--call 'nonsense'/) });
  });
});

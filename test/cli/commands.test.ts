/** The README's commands, run as a user runs them (from the build output). */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../local/project-root';
import { parseArguments } from '../../local/cli/call';
import { parseFault, parseStandInFault } from '../../local/fault-spec';
import { hasRealCredentials } from '../../local/cli/start';
import { readDotEnv } from '../../local/dot-env';
import { parseWav } from '../../local/stand-in/media';
import { readMp3Frames } from '../support/mp3-frames';
import { postForm } from '../support/webhook-client';

const run = promisify(execFile);
const CALL = join(PROJECT_ROOT, 'dist', 'local', 'call.js');
const START = join(PROJECT_ROOT, 'dist', 'local', 'start.js');

describe('npm run call', () => {
  // Where the calls' audio goes, instead of the project's recordings/.
  const out = mkdtempSync(join(tmpdir(), 'recordings-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('places a call through the whole flow, prints the transcript and saves the audio', async () => {
    const { stdout } = await run(
      process.execPath,
      [CALL, '--say', 'Very good', '--mp3', '--out', out],
      { timeout: 30000, cwd: out },
    );
    expect(stdout).toMatch(/final status: completed/);
    expect(stdout).toMatch(/CALLER SAYS\s+"Very good"/);
    expect(stdout).toMatch(/RecordingChannels=dual/);
    expect(stdout).toMatch(
      /STATUS CB\s+POST \/recording-status RecordingStatus=completed .* -> 200/,
    );
    expect(stdout).toMatch(/Recordings: RE[0-9a-f]{32} completed \d+s dual/);
    expect(stdout).toMatch(/"speechResult": "Very good"/);
    // The auth token of the local account is never printed.
    expect(stdout).not.toMatch(/AUTH_TOKEN|Authorization/i);
    // The recording's audio, saved where it says, as long as the recording.
    const saved = /Audio of (RE[0-9a-f]{32}): (\S+\.wav), (\S+\.mp3)/.exec(stdout);
    const seconds = /Recordings: RE[0-9a-f]{32} completed (\d+)s/.exec(stdout)?.[1];
    expect(saved?.[2]).toBe(`${saved?.[1]}.wav`);
    const wav = parseWav(readFileSync(join(out, `${saved?.[1]}.wav`)));
    expect(wav.channels).toHaveLength(2);
    expect(String(Math.round(wav.durationMs / 1000))).toBe(seconds);
    expect(readMp3Frames(readFileSync(join(out, `${saved?.[1]}.mp3`))).mode).toBe('stereo');
  });

  it('takes the Failed path on an injected API error', async () => {
    const { stdout } = await run(
      process.execPath,
      [CALL, '--fault', 'CreateCallRecording:21220', '--say', 'Fine', '--out', out],
      { timeout: 30000 },
    );
    expect(stdout).toMatch(
      /recording-failed\?RecAction=start&RecFailureReason=api-error&RecFailureCode=21220/,
    );
    expect(stdout).toMatch(/could not record this call/);
    expect(stdout).toMatch(/Recordings: none/);
  });

  it('takes a processing delay as a fault: completed comes after the hang-up', async () => {
    const { stdout } = await run(
      process.execPath,
      [CALL, '--fault', 'processing=30000', '--say', 'Fine', '--out', out],
      { timeout: 30000 },
    );
    const lines = stdout.split('\n');
    const hangUp = lines.findIndex((line) => /HANG UP/.test(line));
    const completed = lines.findIndex((line) =>
      /STATUS CB .*RecordingStatus=completed .* -> 200/.test(line),
    );
    expect(hangUp).toBeGreaterThan(0);
    expect(completed).toBeGreaterThan(hangUp);
    expect(stdout).toMatch(/Recordings: RE[0-9a-f]{32} completed/);
  });

  it('asks no consent question in notice mode, and stores the feedback, not the consent answer', async () => {
    const { stdout } = await run(
      process.execPath,
      [CALL, '--mode', 'notice', '--consent', 'yes', '--out', out],
      { timeout: 30000 },
    );
    expect(stdout).toMatch(/final status: completed/);
    expect(stdout).toMatch(/"speechResult": "The agent was friendly/);
    expect(stdout).not.toMatch(/"speechResult": "yes"/);
  });

  it('explains its options and refuses unknown ones', async () => {
    const { stdout } = await run(process.execPath, [CALL, '--help'], { timeout: 30000 });
    expect(stdout).toMatch(/--hangup-during-question/);
    await expect(
      run(process.execPath, [CALL, '--bogus'], { timeout: 30000 }),
    ).rejects.toMatchObject({ code: 2 });
  });

  it('parses scenarios and faults', () => {
    expect(parseFault('CreateCallRecording:429')).toEqual({
      operation: 'CreateCallRecording',
      effect: { kind: 'error', status: 429 },
    });
    expect(parseFault('UpdateCallRecording:delay=5000')).toEqual({
      operation: 'UpdateCallRecording',
      effect: { kind: 'delay', ms: 5000 },
    });
    expect(parseFault('CreateCallRecording:20404')).toMatchObject({
      effect: { kind: 'error', status: 404, code: 20404 },
    });
    expect(() => parseFault('CreateCallRecording:sometimes')).toThrow(/unknown effect/);
    expect(parseStandInFault('processing=30000')).toEqual({ processingDelayMs: 30000 });
    expect(parseStandInFault('concurrency=0')).toEqual({ concurrencyLimit: 0 });
    expect(parseStandInFault('latency=200')).toEqual({ latencyMs: 200 });
    expect(parseStandInFault('CreateCallRecording:429')).toBeUndefined();
    expect(
      parseArguments([
        '--fault',
        'concurrency=1',
        '--fault',
        'UpdateCallRecording:500',
        '--strict',
      ]),
    ).toMatchObject({
      standIn: { concurrencyLimit: 1, strict: true },
      faults: [{ operation: 'UpdateCallRecording', effect: { kind: 'error', status: 500 } }],
    });
    expect(parseArguments(['--silent', '--outbound']).script).toMatchObject({
      answers: [],
      direction: 'outbound-api',
    });
    expect(parseArguments([])).toMatchObject({
      formats: ['wav'],
      out: join(PROJECT_ROOT, 'recordings'),
    });
    expect(parseArguments(['--mp3', '--out', '/tmp/calls', '--espeak'])).toMatchObject({
      formats: ['wav', 'mp3'],
      out: '/tmp/calls',
      standIn: { speech: 'espeak' },
    });
  });
});

describe('npm start without credentials', () => {
  it('serves the flow behind a local Twilio, places a demo call, and takes more calls', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [START], {
      env: { ...process.env, PORT: String(port), ACCOUNT_SID: '', AUTH_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 30000;
      while (!output.includes('Stop with Ctrl-C') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(/final status: completed/);
      expect(output).toContain(`curl -s -X POST http://127.0.0.1:${port}/_simulate/call`);
      const answer = await postForm(
        `http://127.0.0.1:${port}/_simulate/call`,
        { say: 'Another one' },
        { timeoutMs: 20000 },
      );
      expect(answer.body).toMatch(/CALLER SAYS\s+"Another one"/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60000);

  it('uses the real account only when both credentials look real', () => {
    expect(hasRealCredentials({ ACCOUNT_SID: 'AC' + 'a'.repeat(32), AUTH_TOKEN: 'x' })).toBe(true);
    expect(hasRealCredentials({ ACCOUNT_SID: '', AUTH_TOKEN: 'x' })).toBe(false);
    expect(hasRealCredentials({ ACCOUNT_SID: 'ACxxx', AUTH_TOKEN: 'x' })).toBe(false);
    expect(readDotEnv(join(PROJECT_ROOT, 'no-such-file'))).toEqual({});
  });
});

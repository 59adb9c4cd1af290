/**
 * npm run wire, end to end against the local Twilio: the real twilio library talks to the
 * stand-in through the loopback seam, the number is found and updated there, and a call placed
 * to it afterwards runs the flow. Then npm run deploy's last words.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { placeCall } from '../../local/call-driver';
import { PROJECT_ROOT } from '../../local/project-root';
import type { SimulatedService } from '../../local/stand-in/serverless';
import { runWire } from '../../scripts/wire/wire';
import { OTHER_ACCOUNT_SID } from '../support/fixtures';
import { useSimulation } from '../support/local-twilio';

const run = promisify(execFile);
const WIRE = join(PROJECT_ROOT, 'dist', 'scripts', 'wire.js');
const DEPLOY = join(PROJECT_ROOT, 'dist', 'scripts', 'deploy.js');
const local = useSimulation();
const folders: string[] = [];
let service: SimulatedService;
let project: string;

/** A project folder after a deploy: its .twiliodeployinfo names the seeded service. */
function deployedProject(accountSid = local.sim.twilio.accountSid): string {
  const folder = mkdtempSync(join(tmpdir(), 'wire-'));
  folders.push(folder);
  const info = {
    [`${accountSid}:us1`]: { serviceSid: service.sid, latestBuild: 'ZB' + '3'.repeat(32) },
  };
  writeFileSync(join(folder, '.twiliodeployinfo'), JSON.stringify(info, null, '\t'));
  return folder;
}

beforeAll(() => {
  service = local.sim.twilio.serverless.addService('call-recording', ['dev', '']);
  project = deployedProject();
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const devDomain = () => service.environments[0].domainName;
const productionDomain = () => service.environments[1].domainName;
const credentials = () => ({
  ACCOUNT_SID: local.sim.twilio.accountSid,
  AUTH_TOKEN: local.sim.twilio.authToken,
  TWILIO_API_BASE_URL: local.sim.twilio.url,
});

async function wire(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
) {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await runWire(argv, {
    env: { ...credentials(), ...options.env },
    cwd: options.cwd ?? project,
    print: (line) => out.push(line),
    printError: (line) => errors.push(line),
  });
  return { code, out: out.join('\n'), err: errors.join('\n') };
}

const voiceOf = (phoneNumber: string) => {
  const fields = local.sim.twilio.phoneNumbers.byNumber(phoneNumber)?.fields;
  return { voiceUrl: fields?.voice_url, voiceMethod: fields?.voice_method };
};
const updates = () =>
  local.sim.twilio.exchanges.filter(
    (exchange) => exchange.operation === 'UpdateIncomingPhoneNumber',
  );

describe('npm run wire', () => {
  it('points the number at the last deploy, prints the way back, and the number then rings the flow', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230100', {
      voiceUrl: 'https://demo.twilio.com/welcome/voice/',
      voiceMethod: 'GET',
    });
    const before = updates().length;
    const { code, out, err } = await wire(['+15551230100']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(`Domain: ${devDomain()} (environment dev of service ${service.sid}`);
    expect(out).toMatch(
      /now: {6}VoiceUrl=https:\/\/demo\.twilio\.com\/welcome\/voice\/ {2}VoiceMethod=GET/,
    );
    expect(out).toContain(
      `new:      VoiceUrl=https://${devDomain()}/incoming-call  VoiceMethod=POST`,
    );
    expect(out).toContain(
      "npm run wire -- +15551230100 --restore --voice-url 'https://demo.twilio.com/welcome/voice/' --voice-method GET",
    );
    expect(out).not.toContain(local.sim.twilio.authToken);
    expect(
      updates()
        .slice(before)
        .map((exchange) => exchange.params),
    ).toEqual([{ VoiceUrl: `https://${devDomain()}/incoming-call`, VoiceMethod: 'POST' }]);

    // A caller dials the number: Twilio finds its voice URL, on the deployed domain.
    const call = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      number: '+15551230100',
      speech: ['Great'],
    });
    expect(call.status).toBe('completed');
    expect(call.transcript[0].text).toMatch(new RegExp(`^POST ${devDomain()}/incoming-call`));
    expect(local.sim.twilio.recordings(call.callSid).map((one) => one.status)).toEqual([
      'completed',
    ]);
  });

  it('shows what would change with --dry-run, and changes nothing', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230101');
    const before = updates().length;
    const { code, out } = await wire(['+15551230101', '--dry-run', '--production']);
    expect(code).toBe(0);
    expect(out).toContain('now:      VoiceUrl=(none)  VoiceMethod=POST');
    expect(out).toContain(`would be: VoiceUrl=https://${productionDomain()}/incoming-call`);
    expect(out).toContain('Dry run: nothing changed.');
    expect(updates().length).toBe(before);
    expect(voiceOf('+15551230101').voiceUrl).toBe('');
  });

  it('can always go back: step by step from its history, or with the printed command', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230102', {
      voiceUrl: 'https://old.example/voice?a=1&b=2',
      voiceMethod: 'GET',
    });
    const first = await wire(['+15551230102']);
    const second = await wire(['+15551230102', '--production']);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(voiceOf('+15551230102').voiceUrl).toBe(`https://${productionDomain()}/incoming-call`);
    expect(readFileSync(join(project, '.wire-history.json'), 'utf8')).toContain(
      'https://old.example/voice?a=1&b=2',
    );

    expect((await wire(['+15551230102', '--restore'])).code).toBe(0);
    expect(voiceOf('+15551230102').voiceUrl).toBe(`https://${devDomain()}/incoming-call`);
    const back = await wire(['+15551230102', '--restore']);
    expect(back.code).toBe(0);
    expect(voiceOf('+15551230102')).toEqual({
      voiceUrl: 'https://old.example/voice?a=1&b=2',
      voiceMethod: 'GET',
    });
    const empty = await wire(['+15551230102', '--restore']);
    expect(empty).toMatchObject({
      code: 1,
      err: expect.stringMatching(/holds no earlier configuration of \+15551230102/),
    });

    // The command the first run printed, run as a shell reads it, gets there too.
    await wire(['+15551230102']);
    const printed = /npm run wire -- (.*--restore .*)$/m.exec(first.out)?.[1] ?? '';
    const argv = execFileSync('sh', ['-c', `printf '%s\\0' ${printed}`])
      .toString()
      .split('\0')
      .slice(0, -1);
    expect((await wire(argv)).code).toBe(0);
    expect(voiceOf('+15551230102')).toEqual({
      voiceUrl: 'https://old.example/voice?a=1&b=2',
      voiceMethod: 'GET',
    });
  });

  it('uses --domain as given, without looking for a deploy', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230103');
    const empty = mkdtempSync(join(tmpdir(), 'wire-'));
    folders.push(empty);
    const before = local.sim.twilio.exchanges.filter(
      (one) => one.operation === 'ListEnvironment',
    ).length;
    const { code } = await wire(['+15551230103', '--domain', 'Voice.Example.com'], { cwd: empty });
    expect(code).toBe(0);
    expect(voiceOf('+15551230103')).toEqual({
      voiceUrl: 'https://voice.example.com/incoming-call',
      voiceMethod: 'POST',
    });
    expect(
      local.sim.twilio.exchanges.filter((one) => one.operation === 'ListEnvironment'),
    ).toHaveLength(before);
    // It had no voice URL; restoring gives it none again.
    expect((await wire(['+15551230103', '--restore'], { cwd: empty })).code).toBe(0);
    expect(voiceOf('+15551230103')).toEqual({ voiceUrl: '', voiceMethod: 'POST' });
  });

  it.each([
    ['a number that is not E.164', ['5551230104'], {}, /use E\.164/],
    [
      'a number not on the account',
      ['+15551239999'],
      {},
      /\+15551239999 is not a phone number of account AC/,
    ],
    ['a partial match only', ['+1555123010'], {}, /\+1555123010 is not a phone number of account/],
    ['an http domain', ['+15551230104', '--domain', 'http://x.twil.io'], {}, /has a scheme/],
    [
      'a missing environment',
      ['+15551230104', '--environment', 'qa'],
      {},
      /has no environment 'qa' \(it has: dev, \(production\)\)/,
    ],
    [
      'missing credentials',
      ['+15551230104'],
      { env: { AUTH_TOKEN: '' } },
      /ACCOUNT_SID and AUTH_TOKEN must be set/,
    ],
    [
      'wrong credentials',
      ['+15551230104'],
      { env: { AUTH_TOKEN: 'not-the-token' } },
      /refused the credentials \(20003\)/,
    ],
  ] as const)('refuses %s (exit 1) and changes nothing', async (_name, argv, options, message) => {
    if (!local.sim.twilio.phoneNumbers.byNumber('+15551230104'))
      local.sim.twilio.phoneNumbers.add('+15551230104');
    const before = updates().length;
    const result = await wire([...argv], options);
    expect(result).toMatchObject({ code: 1, err: expect.stringMatching(message) });
    expect(result.err).toMatch(/^Refused: /);
    expect(result.err + result.out).not.toContain(local.sim.twilio.authToken);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(updates().length).toBe(before);
  });

  it('refuses without a deploy for this account, and for a number a TwiML App handles', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230105');
    const empty = mkdtempSync(join(tmpdir(), 'wire-'));
    folders.push(empty);
    expect(await wire(['+15551230105'], { cwd: empty })).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /no \.twiliodeployinfo in .*: run npm run deploy first, or give --domain/,
      ),
    });
    expect(await wire(['+15551230105'], { cwd: deployedProject(OTHER_ACCOUNT_SID) })).toMatchObject(
      {
        code: 1,
        err: expect.stringMatching(/has no deploy for account AC/),
      },
    );
    const app = local.sim.twilio.phoneNumbers.add('+15551230106');
    app.fields.voice_application_sid = 'AP' + '4'.repeat(32);
    expect(await wire(['+15551230106'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/handled by TwiML App AP4+, so Twilio ignores its voice URL/),
    });
  });

  it('exits 2 on unexpected API trouble, keeping the number and the history as they were', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230107', { voiceUrl: 'https://keep.example/x' });
    local.sim.twilio.injectFault({
      operation: 'UpdateIncomingPhoneNumber',
      effect: { kind: 'error', status: 500, code: 20500, message: 'Internal Server Error' },
    });
    const result = await wire(['+15551230107']);
    expect(result).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Failed: Twilio answered 500 \(20500\)/),
    });
    expect(voiceOf('+15551230107').voiceUrl).toBe('https://keep.example/x');
    expect(readFileSync(join(project, '.wire-history.json'), 'utf8')).not.toContain('+15551230107');
  });

  it('runs as built, reading the credentials from .env', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230108');
    const folder = deployedProject();
    const { ACCOUNT_SID, AUTH_TOKEN, TWILIO_API_BASE_URL } = credentials();
    writeFileSync(
      join(folder, '.env'),
      `ACCOUNT_SID=${ACCOUNT_SID}\nAUTH_TOKEN="${AUTH_TOKEN}"\nTWILIO_API_BASE_URL=${TWILIO_API_BASE_URL}\n`,
    );
    const env = { PATH: process.env.PATH, ACCOUNT_SID: '', AUTH_TOKEN: '' };
    const { stdout } = await run(process.execPath, [WIRE, '+15551230108'], {
      cwd: folder,
      env,
      timeout: 20000,
    });
    expect(stdout).toContain(
      `new:      VoiceUrl=https://${devDomain()}/incoming-call  VoiceMethod=POST`,
    );
    expect(stdout).not.toContain(AUTH_TOKEN);
    expect(voiceOf('+15551230108').voiceUrl).toBe(`https://${devDomain()}/incoming-call`);
    await expect(
      run(process.execPath, [WIRE, '+1 555'], { cwd: folder, env, timeout: 20000 }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^Refused: phone number '\+1 555'/),
    });
  });
});

describe('npm run deploy', () => {
  const deploy = (args: string[], cwd: string) =>
    run(process.execPath, [DEPLOY, ...args], { cwd, timeout: 20000 }).then(
      (done) => ({ code: 0, ...done }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );

  it('runs as built: twilio-run’s deploy with the arguments given, then the wire command', async () => {
    // --help: twilio-run answers it without an account, and exits 0 as a deploy that worked.
    const { stdout } = await deploy(['--help'], deployedProject());
    expect(stdout).toMatch(/^twilio-run(\.js)? deploy/m);
    expect(stdout.trimEnd()).toMatch(/\n {2}npm run wire -- \+15551234567$/);
  });

  it('ends with the wire command for the environment deployed to', async () => {
    const { stdout } = await deploy(['--help', '--environment', 'stage'], deployedProject());
    expect(stdout.trimEnd()).toMatch(/npm run wire -- \+15551234567 --environment stage$/);
  });

  it('refuses without the account in .env, and then runs nothing and prints no next step', async () => {
    const folder = deployedProject();
    writeFileSync(join(folder, '.env'), 'ACCOUNT_SID=\nAUTH_TOKEN=\n');
    const refused = await deploy([], folder);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^Refused: ACCOUNT_SID and AUTH_TOKEN must be set in \.env/);
    const missing = await deploy(['--env', 'nowhere.env'], folder);
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/nowhere\.env does not exist/),
    });
  });
});

/**
 * npm run deploy:local as a user runs it, from a clean copy of the project with .env copied
 * from .env.example: twilio-run's deploy to the local Twilio, the Client Feedback call on what
 * was uploaded, the page's address and password, then serving until Ctrl-C, unmoved by a build
 * that changes dist/ meanwhile.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';

jest.setTimeout(90_000);

/** A copy of the built project, as a fresh clone after npm ci and npm run build. */
function cleanCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'project copy '));
  for (const file of ['package.json', '.twilioserverlessrc'])
    cpSync(join(PROJECT_ROOT, file), join(root, file));
  cpSync(join(PROJECT_ROOT, '.env.example'), join(root, '.env'));
  cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  const descriptions = join('local', 'stand-in', 'twilio-oai');
  cpSync(join(PROJECT_ROOT, descriptions), join(root, descriptions), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'junction');
  return root;
}

/** Resolves with everything printed once `marker` appears (or the process ends). */
function printedUntil(child: ChildProcessWithoutNullStreams, marker: string): Promise<string> {
  let out = '';
  return new Promise((resolve) => {
    const look = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(marker)) resolve(out);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', () => resolve(out));
  });
}

let root: string;
let child: ChildProcessWithoutNullStreams;
let printed: string;
let url: string;
let password: string;

beforeAll(async () => {
  root = cleanCopy();
  child = spawn(process.execPath, [join(root, 'dist', 'local', 'deploy-local.js')], {
    cwd: root,
    // The shell's settings are not the deployed service's: consent stays .env's "notice".
    env: { ...process.env, PORT: '0', RECORDING_CONSENT: 'opt-in' },
  });
  printed = await printedUntil(child, 'Stop with Ctrl-C.');
  const page = /Recordings page: +(http:\/\/127\.0\.0\.1:\d+)\/ {2}\(password: (\S+)\)/.exec(
    printed,
  );
  url = page?.[1] ?? '';
  password = page?.[2] ?? '';
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

it('deploys with twilio-run’s code and completes the Client Feedback call on the upload', () => {
  expect(printed).toMatch(/Serverless project successfully deployed/);
  expect(printed).toMatch(
    /Serving what was uploaded to https:\/\/twilio-call-recording-functions-\d{4}-dev\.twil\.io at http:\/\/127\.0\.0\.1:\d+/,
  );
  expect(printed).toMatch(
    /Installed for the build: @twilio\/runtime-handler@2\.0\.1, twilio@5\.13\.1\n/,
  );
  expect(printed).toMatch(/final status: completed/);
  expect(printed).toMatch(/CALLER SAYS\s+"The agent was friendly/);
  expect(printed).toMatch(
    /STATUS CB\s+POST \/recording-status RecordingStatus=completed .* -> 200/,
  );
  expect(printed).not.toMatch(/To agree, press 1/);
  expect(url).not.toBe('');
  expect(printed).toContain(`curl -s -X POST ${url}/_simulate/call`);
});

it('serves the page behind the uploaded password, and the same local endpoints as npm start', async () => {
  const auth = { authorization: `Basic ${Buffer.from(`any:${password}`).toString('base64')}` };
  expect((await fetch(`${url}/dashboard-calls`, { headers: auth })).status).toBe(200);
  expect((await fetch(`${url}/dashboard-calls`)).status).toBe(401);
  const status = await fetch(`${url}/_simulate/status`);
  expect(await status.json()).toEqual({ consentMode: 'notice' });
});

it('keeps serving what was uploaded while dist/ changes', async () => {
  const original = readFileSync(join(root, 'dist', 'assets', 'index.html'), 'utf8');
  writeFileSync(join(root, 'dist', 'assets', 'index.html'), 'a later build');
  writeFileSync(
    join(root, 'dist', 'functions', 'incoming-call.protected.js'),
    'exports.handler = () => { throw new Error("a later build"); };',
  );
  expect(await (await fetch(`${url}/index.html`)).text()).toBe(original);
  const call = await fetch(`${url}/_simulate/call`, {
    method: 'POST',
    body: new URLSearchParams({ say: 'Still the deployed code' }),
  });
  expect(await call.text()).toMatch(
    /final status: completed[\s\S]*CALLER SAYS\s+"Still the deployed code"/,
  );
});

it('stops on Ctrl-C', async () => {
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.on('exit', resolve);
  });
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

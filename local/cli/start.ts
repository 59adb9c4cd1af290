/**
 * npm start. With real Twilio credentials (in .env or the environment) it runs the plain local
 * Functions server, twilio-run on port 3000, against the real account. Without them it starts
 * the local Twilio (stand-in, gateway on port 3000, the Functions behind it), places one
 * simulated call, prints its transcript and the recordings page's address and password, and
 * keeps serving the page and simulated calls until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isSid } from '../../src/twilio/sids';
import { errorMessage } from '../../src/errors';
import { MIN_PASSWORD_LENGTH, readSettings } from '../../src/config/settings';
import { readDotEnv } from '../dot-env';
import { PROJECT_ROOT } from '../project-root';
import { simulatedCallEndpoints } from '../simulated-calls';
import { startSimulation, type Simulation } from '../simulation';

export function hasRealCredentials(env: Record<string, string | undefined>): boolean {
  return isSid('AccountSid', env.ACCOUNT_SID) && (env.AUTH_TOKEN ?? '') !== '';
}

/** What the simulated Functions take from .env: every setting but the account's. */
function settingsOf(env: Record<string, string | undefined>): Record<string, string> {
  const own = new Set(['ACCOUNT_SID', 'AUTH_TOKEN', 'TWILIO_API_BASE_URL', 'PORT']);
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        /^[A-Z][A-Z0-9_]*$/.test(entry[0]) && !own.has(entry[0]) && entry[1] !== undefined,
    ),
  );
}

/**
 * The recordings page's password for this run: DASHBOARD_PASSWORD from .env, or one made up
 * now. A password under 16 characters is a configuration error: it is said here, and the page
 * stays off (its Functions answer 404), as it would deployed.
 */
function dashboardPasswordFor(env: Record<string, string | undefined>): string | undefined {
  const given = env.DASHBOARD_PASSWORD;
  if (given === undefined || given === '') return randomBytes(18).toString('base64url');
  const check = readSettings({ DASHBOARD_PASSWORD: given }).pagePassword;
  if (check.state === 'too-short') {
    console.error(
      `Configuration error: DASHBOARD_PASSWORD is ${check.length} characters; it must be at least ${MIN_PASSWORD_LENGTH}. The recordings page stays off.`,
    );
  }
  return given;
}

/**
 * twilio-run's own JS entry file, run with this Node: node_modules/.bin/twilio-run is a shell
 * script (a .cmd on Windows), which spawn cannot start without a shell there.
 */
export function twilioRunEntry(): string {
  const fromProject = createRequire(join(PROJECT_ROOT, 'package.json'));
  const manifest = fromProject('twilio-run/package.json') as { bin: Record<string, string> };
  return join(dirname(fromProject.resolve('twilio-run/package.json')), manifest.bin['twilio-run']);
}

/** PORT, from the shell or .env: a whole number from 0 (any free port) to 65535; 3000 if unset. */
export function listeningPort(given: string | undefined): number {
  if (given === undefined || given.trim() === '') return 3000;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT must be a whole number from 0 to 65535, not "${given}"`);
  return port;
}

/** A setting the user has to fix; said in one line, with exit code 2. */
class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

async function main(): Promise<void> {
  const env = { ...readDotEnv(join(PROJECT_ROOT, '.env')), ...process.env };
  const port = listeningPort(env.PORT);
  if (hasRealCredentials(env)) {
    console.log('Twilio credentials found: starting twilio-run against your account.');
    const child = spawn(
      process.execPath,
      // In-process: a forked local runtime turns a binary answer (the page's audio) into JSON.
      [twilioRunEntry(), '--port', String(port), '--no-fork-process'],
      { stdio: 'inherit', cwd: PROJECT_ROOT },
    );
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  const password = dashboardPasswordFor(env);
  const running: { simulation?: Simulation } = {};
  const endpoints = simulatedCallEndpoints(() => running.simulation);
  const simulation = await startSimulation({
    port,
    // The .env settings apply to the simulated Functions too; the credentials are the stand-in's.
    env: { ...settingsOf(env), ...(password ? { DASHBOARD_PASSWORD: password } : {}) },
    control: endpoints,
  });
  running.simulation = simulation;
  const url = simulation.gateway.url;
  console.log(
    `No Twilio credentials in .env: serving the Functions behind a local Twilio at ${url}`,
  );
  console.log(
    `(REST stand-in at ${simulation.twilio.url}; signatures are checked on every .protected route)\n`,
  );
  console.log('A simulated call through the Client Feedback flow:\n');
  const demo = await endpoints(
    '/_simulate/call',
    new URLSearchParams({
      say: 'The agent was friendly and solved my problem quickly',
      consent: 'yes',
    }),
    {},
  );
  console.log(demo.body);
  console.log(`Recordings page:     ${url}/  (password: ${password ?? 'off, see above'})`);
  console.log(`Place another call:  curl -s -X POST ${url}/_simulate/call -d say="Great service"`);
  console.log(`                 or:  npm run call -- --server ${url} --say "Great service"`);
  console.log('Stop with Ctrl-C.');

  const stop = async () => {
    await simulation.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(errorMessage(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}

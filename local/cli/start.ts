/**
 * npm start. With real Twilio credentials (in .env or the environment) it runs the plain local
 * Functions server, twilio-run on port 3000, against the real account. Without them it starts
 * the local Twilio (stand-in, gateway on port 3000, the Functions behind it), places one
 * simulated call, prints its transcript and the recordings page's address and password, and
 * keeps serving the page and simulated calls until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isSid } from '../../src/twilio/sids';
import { errorMessage } from '../../src/errors';
import {
  dashboardPasswordFor,
  demoCallAndAddresses,
  listeningPort,
  UsageError,
} from '../demo-call';
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
 * twilio-run's own JS entry file, run with this Node: node_modules/.bin/twilio-run is a shell
 * script (a .cmd on Windows), which spawn cannot start without a shell there.
 */
export { listeningPort };

export function twilioRunEntry(): string {
  const fromProject = createRequire(join(PROJECT_ROOT, 'package.json'));
  const manifest = fromProject('twilio-run/package.json') as { bin: Record<string, string> };
  return join(dirname(fromProject.resolve('twilio-run/package.json')), manifest.bin['twilio-run']);
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
  await demoCallAndAddresses(endpoints, url, password, (line) => console.log(line));

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

import { randomBytes } from 'node:crypto';
import { MIN_PASSWORD_LENGTH, readSettings } from '../src/config/settings';
import type { ControlHandler } from './gateway';

/**
 * What npm start and npm run deploy:local share once the Functions are served: the port (the
 * shell's PORT, then .env's, then 3000), the recordings page's password, the demo call and the
 * addresses printed after it.
 */

/** A setting the user has to fix; said in one line, with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** PORT, from the shell or .env: a whole number from 0 (any free port) to 65535; 3000 if unset. */
export function listeningPort(given: string | undefined): number {
  if (given === undefined || given.trim() === '') return 3000;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT must be a whole number from 0 to 65535, not "${given}"`);
  return port;
}

/** The port the local gateway listens on; `env` holds .env's values with the shell's over them. */
export function localPort(env: Record<string, string | undefined>): number {
  return listeningPort(env.PORT);
}

/**
 * The recordings page's password for this run: DASHBOARD_PASSWORD from .env, or one made up
 * now. A password under 16 characters is a configuration error: it is said here, and the page
 * stays off (its Functions answer 404), as it would deployed.
 */
export function dashboardPasswordFor(env: Record<string, string | undefined>): string | undefined {
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
 * Places one simulated call through the Client Feedback flow on the served Functions, prints
 * its transcript, then the page's address and password and how to place another call.
 */
export async function demoCallAndAddresses(
  endpoints: ControlHandler,
  url: string,
  password: string | undefined,
  print: (line: string) => void,
): Promise<void> {
  print('A simulated call through the Client Feedback flow:\n');
  const demo = await endpoints(
    '/_simulate/call',
    new URLSearchParams({
      say: 'The agent was friendly and solved my problem quickly',
      consent: 'yes',
    }),
    {},
  );
  print(demo.body);
  print(`Recordings page:     ${url}/  (password: ${password ?? 'off, see above'})`);
  print(`Place another call:  curl -s -X POST ${url}/_simulate/call -d say="Great service"`);
  print(`                 or:  npm run call -- --server ${url} --say "Great service"`);
  print('Stop with Ctrl-C.');
}

/**
 * npm run wire -- +15551234567: points the number at the last deploy's /incoming-call. Talks to
 * the real account with ACCOUNT_SID / AUTH_TOKEN from .env or the environment (a value set in
 * the environment wins), as twilio-run deploy does. Exit: 0 done, 1 refused, 2 unexpected.
 */
import { join } from 'node:path';
import { runAsMain } from '../command-main';
import { readDotEnv } from '../../local/dot-env';
import { EXIT, runWire } from './wire';

function environment(cwd: string): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...readDotEnv(join(cwd, '.env')) };
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && value !== '') merged[name] = value;
  return merged;
}

if (require.main === module) {
  const cwd = process.cwd();
  runAsMain(runWire, { env: environment(cwd), cwd }, EXIT.unexpected);
}

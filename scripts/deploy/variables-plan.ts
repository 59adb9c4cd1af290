import { ok, type Result } from '../../src/result';

/** What a deploy uploads as the environment's Variables. */
export interface DeployVariables {
  upload: Record<string, string>;
}

/**
 * Settings that never leave this machine: the account's credentials (Twilio gives the deployed
 * Functions their own through "Add my Twilio Credentials") and what only the local tools read.
 */
const STAYS_HOME = new Set(['ACCOUNT_SID', 'AUTH_TOKEN', 'PORT', 'TWILIO_API_BASE_URL']);

/**
 * The Variables a deploy uploads, from `.env` alone (never the shell's environment), or why the
 * deploy must not happen. Every deploy (npm run deploy and npm run deploy:local) asks this
 * before anything is uploaded, and uploads exactly `upload`. For now: every non-empty value but
 * the settings that stay home.
 */
export function planDeployVariables(
  dotEnv: Record<string, string>,
): Result<DeployVariables, string> {
  const upload: Record<string, string> = {};
  for (const [name, value] of Object.entries(dotEnv))
    if (value !== '' && !STAYS_HOME.has(name)) upload[name] = value;
  return ok({ upload });
}

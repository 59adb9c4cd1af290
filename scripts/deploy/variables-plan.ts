import {
  CONTEXT_LIMIT_BYTES,
  contextBytes,
  invocationContext,
} from '../../local/deploy/function-context';
import { SETTINGS, type SettingName } from '../../src/config/settings-table';
import { err, ok, type Result } from '../../src/result';
import { ROUTE_PATHS } from '../../src/route-paths';

/** What a deploy uploads as the environment's Variables, and what it leaves home. */
export interface DeployVariables {
  upload: Record<string, string>;
  /** The largest context a Function of the service will get, estimated before the upload. */
  estimateBytes: number;
  /** What the estimate is held to: Twilio's 3,000 bytes less a margin for what it adds unsaid. */
  budgetBytes: number;
  /** Variables of .env not uploaded: credentials, local-only, empty, or equal to their default. */
  leftHome: string[];
  /** Uploaded names the project does not know (the user's own, or a misspelt setting). */
  unknown: string[];
}

/**
 * Twilio does not say what the context's "account metadata" holds (error 82006): the estimate
 * counts what it can, and must stay 10% under the limit for the rest.
 */
export const CONTEXT_MARGIN = 0.1;
export const CONTEXT_BUDGET_BYTES = Math.floor(CONTEXT_LIMIT_BYTES * (1 - CONTEXT_MARGIN));

/** The Variable resource's own limits (twilio_serverless_v1.json, CreateVariable). */
const MAX_KEY_CHARACTERS = 128;
const MAX_VALUE_BYTES = 450;

/** Where the service is served, for the estimate; the real one is known only after the deploy. */
export interface DeployTarget {
  /** The service's name (twilio-run's --service-name, else package.json's name). */
  serviceName: string;
  /** The environment's domain suffix (twilio-run's --environment, dev by default). */
  environment: string;
}

function isSetting(name: string): name is SettingName {
  return Object.prototype.hasOwnProperty.call(SETTINGS, name);
}

/** Whether a value of .env goes up: a service setting set to something else than its default. */
function uploaded(name: string, value: string): boolean {
  if (value.trim() === '') return false;
  if (!isSetting(name)) return true;
  const row = SETTINGS[name];
  return row.scope === 'service' && value.trim() !== row.default;
}

/** A Variable Twilio would refuse, with the reason, or undefined. */
function refusedByTwilio(name: string, value: string): string | undefined {
  if (name.length > MAX_KEY_CHARACTERS)
    return `${name.slice(0, 40)}…: a Variable's key is at most ${MAX_KEY_CHARACTERS} characters`;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_VALUE_BYTES)
    return `${name}: its value is ${bytes} bytes, and a Variable's value is at most ${MAX_VALUE_BYTES} bytes`;
  return undefined;
}

/** The context of the service's largest invocation: the longest path, a full-length domain. */
export function estimateContext(upload: Record<string, string>, target: DeployTarget): number {
  const longestPath = Object.values(ROUTE_PATHS).reduce((a, b) => (b.length > a.length ? b : a));
  const sid = (prefix: string) => `${prefix}${'0'.repeat(32)}`;
  const suffix = target.environment === '' ? '' : `-${target.environment}`;
  return contextBytes(
    invocationContext(
      {
        credentials: { accountSid: sid('AC'), authToken: '0'.repeat(32) },
        serviceSid: sid('ZS'),
        environmentSid: sid('ZE'),
        domainName: `${target.serviceName}-0000${suffix}.twil.io`,
      },
      longestPath,
      upload,
    ),
  );
}

function overBudget(upload: Record<string, string>, estimate: number): string {
  const largest = Object.entries(upload)
    .map(([name, value]) => ({ name, bytes: Buffer.byteLength(JSON.stringify({ [name]: value })) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map(({ name, bytes }) => `${name} (${bytes} bytes)`);
  return [
    `The deployed Functions' context would be about ${estimate} bytes, over the ${CONTEXT_BUDGET_BYTES}-byte budget: Twilio fails invocations whose context passes 3,000 bytes (error 82006), and counts more than this estimate can see.`,
    `Largest Variables: ${largest.join(', ')}.`,
    'Fix: leave out of .env every setting you do not change (a default is never uploaded), or shorten the longest texts.',
  ].join('\n');
}

/**
 * The Variables a deploy uploads, from `.env` alone (never the shell's environment), or why the
 * deploy must not happen. Every deploy (npm run deploy and npm run deploy:local) asks this
 * before anything is uploaded, and uploads exactly `upload`: the service's settings that differ
 * from their defaults, and any variable the project does not know. Credentials, local-only
 * settings, empty values and defaults stay home.
 */
export function planDeployVariables(
  dotEnv: Record<string, string>,
  target: DeployTarget,
): Result<DeployVariables, string> {
  const upload: Record<string, string> = {};
  const leftHome: string[] = [];
  for (const [name, value] of Object.entries(dotEnv)) {
    if (uploaded(name, value)) upload[name] = value;
    else leftHome.push(name);
  }
  const refused = Object.entries(upload)
    .map(([name, value]) => refusedByTwilio(name, value))
    .filter((reason): reason is string => reason !== undefined);
  if (refused.length > 0) return err(`Twilio would refuse these Variables: ${refused.join('; ')}.`);
  const estimateBytes = estimateContext(upload, target);
  if (estimateBytes > CONTEXT_BUDGET_BYTES) return err(overBudget(upload, estimateBytes));
  const unknown = Object.keys(upload).filter((name) => !isSetting(name));
  return ok({ upload, estimateBytes, budgetBytes: CONTEXT_BUDGET_BYTES, leftHome, unknown });
}

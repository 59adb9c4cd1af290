import { err, ok, type Result } from '../../src/result';
import { E164_RULE, isE164 } from './e164';
import { checkHostName } from './host-name';
import type { VoiceConfig } from './voice-config';

export const WIRE_HELP = `Usage: npm run wire -- +15551234567 [options]

Points the number's voice webhook at this project's /incoming-call (VoiceMethod POST) on the
domain of the last deploy, and prints the previous configuration with the command that puts it
back. Needs ACCOUNT_SID and AUTH_TOKEN (.env or the environment); no Twilio CLI.

  --domain HOST          use this domain instead of the last deploy's, e.g.
                         call-recording-1234-dev.twil.io (https is implied)
  --environment SUFFIX   the deploy's environment (default: dev, as npm run deploy uses)
  --production           the production environment (no suffix)
  --dry-run              show what would change, change nothing
  --restore              put back the configuration saved by the last wire of this number
  --restore --voice-url URL --voice-method GET|POST
                         put back this configuration (as printed by an earlier run)
  --help`;

export type WireRequest =
  | { kind: 'help' }
  | {
      kind: 'wire';
      phoneNumber: string;
      dryRun: boolean;
      /** A bare host name; undefined: the last deploy's, from its environment. */
      domain?: string;
      /** The deploy's domain suffix; '' for production. */
      environment: string;
    }
  | {
      kind: 'restore';
      phoneNumber: string;
      dryRun: boolean;
      /** undefined: the configuration saved by the last wire. */
      to?: VoiceConfig;
    };

const ENVIRONMENT_SUFFIX = /^[a-z0-9][a-z0-9-]{0,15}$/;

/** Reads the command line; every refusal names the option and what it accepts. */
export function parseWireArguments(argv: string[]): Result<WireRequest, string> {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  const takesValue = new Set(['--domain', '--environment', '--voice-url', '--voice-method']);
  const flags = new Set(['--production', '--dry-run', '--restore', '--help', '-h']);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg];
    if (takesValue.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return err(`${name} needs a value`);
      options.set(name, value);
    } else if (flags.has(name) && inline === undefined) {
      options.set(name, true);
    } else if (arg.startsWith('-')) {
      return err(`unknown option ${arg}; see npm run wire -- --help`);
    } else {
      positional.push(arg);
    }
  }
  if (options.has('--help') || options.has('-h')) return ok({ kind: 'help' });
  if (positional.length !== 1) {
    return err(
      positional.length === 0
        ? `give the phone number to wire, e.g. npm run wire -- +15551234567`
        : `give one phone number, not ${positional.length} (${positional.join(' ')})`,
    );
  }
  const phoneNumber = positional[0];
  if (!isE164(phoneNumber)) return err(`phone number '${phoneNumber}': ${E164_RULE}`);
  const dryRun = options.has('--dry-run');
  const text = (name: string) => {
    const value = options.get(name);
    return typeof value === 'string' ? value : undefined;
  };

  if (options.has('--restore')) {
    for (const name of ['--domain', '--environment', '--production'])
      if (options.has(name)) return err(`${name} does not go with --restore`);
    const voiceUrl = text('--voice-url');
    const voiceMethod = text('--voice-method');
    if (voiceUrl === undefined && voiceMethod === undefined)
      return ok({ kind: 'restore', phoneNumber, dryRun });
    if (voiceUrl === undefined || voiceMethod === undefined)
      return err('--voice-url and --voice-method go together; give both, or neither');
    if (voiceUrl !== '' && !isWebhookUrl(voiceUrl))
      return err(`--voice-url '${voiceUrl}' is not an absolute http(s) URL ('' for none)`);
    const method = voiceMethod.toUpperCase();
    if (method !== 'GET' && method !== 'POST')
      return err(`--voice-method '${voiceMethod}' is not allowed; use GET or POST`);
    return ok({ kind: 'restore', phoneNumber, dryRun, to: { voiceUrl, voiceMethod: method } });
  }

  for (const name of ['--voice-url', '--voice-method'])
    if (options.has(name)) return err(`${name} only goes with --restore`);
  const domainOption = text('--domain');
  const environmentOption = text('--environment');
  const production = options.has('--production');
  if (
    [domainOption !== undefined, environmentOption !== undefined, production].filter(Boolean)
      .length > 1
  )
    return err('give one of --domain, --environment and --production');
  let domain: string | undefined;
  if (domainOption !== undefined) {
    const checked = checkHostName(domainOption);
    if (!checked.ok) return err(`--domain ${checked.error}`);
    domain = checked.value;
  }
  if (environmentOption !== undefined && !ENVIRONMENT_SUFFIX.test(environmentOption)) {
    return err(
      `--environment '${environmentOption}' is not a domain suffix: lowercase letters, digits and -, up to 16 (--production for none)`,
    );
  }
  const environment = production ? '' : (environmentOption ?? 'dev');
  return ok({ kind: 'wire', phoneNumber, dryRun, domain, environment });
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !/\s/.test(value);
  } catch {
    return false;
  }
}

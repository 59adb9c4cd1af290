import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Twilio } from 'twilio';
import { readSettings } from '../../src/config/settings';
import { errorMessage } from '../../src/errors';
import type { Result } from '../../src/result';
import { createRestClient } from '../../src/twilio/rest-client';
import { parseWireArguments, WIRE_HELP, type WireRequest } from './arguments';
import { DEPLOY_INFO_FILE, deployedServiceSid, parseDeployInfo } from './deploy-info';
import { environmentDomain } from './service-domain';
import {
  describeVoiceConfig,
  restoreCommand,
  sameVoiceConfig,
  wiredVoiceConfig,
  type VoiceConfig,
} from './voice-config';
import { WIRE_HISTORY_FILE, WireHistory, type SavedVoiceConfig } from './wire-history';

/** What the command works with; injected so that tests can run it in-process. */
export interface WireContext {
  /** ACCOUNT_SID, AUTH_TOKEN (and, locally, TWILIO_API_BASE_URL). */
  env: Record<string, string | undefined>;
  /** Where .twiliodeployinfo and the history are, as for twilio-run: the project folder. */
  cwd: string;
  print(line: string): void;
  printError(line: string): void;
}

export const EXIT = { done: 0, refused: 1, unexpected: 2 } as const;

const REST_TIMEOUT_MS = 10000;

/** A refusal the user can act on (bad input, not found): exit 1, one clear line. */
class Refusal {
  constructor(readonly message: string) {}
}

interface PhoneNumberRecord {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
  voiceMethod: string;
  voiceApplicationSid: string | null;
  trunkSid: string | null;
}

/** npm run wire: wires a number to the last deploy, or puts its previous configuration back. */
export async function runWire(argv: string[], context: WireContext): Promise<number> {
  const parsed = parseWireArguments(argv);
  if (!parsed.ok) {
    context.printError(`Refused: ${parsed.error}`);
    return EXIT.refused;
  }
  const request = parsed.value;
  if (request.kind === 'help') {
    context.print(WIRE_HELP);
    return EXIT.done;
  }
  try {
    await carryOut(request, context);
    return EXIT.done;
  } catch (error) {
    if (error instanceof Refusal) {
      context.printError(`Refused: ${error.message}`);
      return EXIT.refused;
    }
    const refusal = refusalFromTwilio(error);
    if (refusal) {
      context.printError(`Refused: ${refusal}`);
      return EXIT.refused;
    }
    context.printError(`Failed: ${describeUnexpected(error)}`);
    return EXIT.unexpected;
  }
}

async function carryOut(
  request: Exclude<WireRequest, { kind: 'help' }>,
  context: WireContext,
): Promise<void> {
  const made = createRestClient({
    ...readSettings(context.env).twilio,
    restTimeoutMs: REST_TIMEOUT_MS,
  });
  if (!made.ok)
    throw new Refusal('ACCOUNT_SID and AUTH_TOKEN must be set, in .env or the environment');
  const client = made.value;
  const accountSid = String(context.env.ACCOUNT_SID);
  const history = need(WireHistory.open(context.cwd));

  const number = await findNumber(client, accountSid, request.phoneNumber);
  refuseIfNotByUrl(number);
  const current: VoiceConfig = {
    voiceUrl: number.voiceUrl ?? '',
    voiceMethod: number.voiceMethod?.toUpperCase() === 'GET' ? 'GET' : 'POST',
  };
  const { target, saved } = await targetOf(request, {
    client,
    accountSid,
    history,
    number,
    context,
  });

  context.print(`${number.phoneNumber} (${number.sid}, "${number.friendlyName}")`);
  context.print(`  now:      ${describeVoiceConfig(current)}`);
  if (sameVoiceConfig(current, target)) {
    context.print('Nothing to change: the number is already configured so.');
    if (saved && !request.dryRun) history.remove(saved);
    return;
  }
  context.print(`  ${request.dryRun ? 'would be:' : 'new:     '} ${describeVoiceConfig(target)}`);
  if (request.dryRun) {
    context.print('Dry run: nothing changed.');
    return;
  }

  let kept: SavedVoiceConfig | undefined;
  if (request.kind === 'wire') {
    // Saved before the change, so that whatever happens next the old configuration survives.
    kept = {
      accountSid,
      phoneNumber: number.phoneNumber,
      ...current,
      savedAt: new Date().toISOString(),
    };
    history.push(kept);
  }
  try {
    await client
      .incomingPhoneNumbers(number.sid)
      .update({ voiceUrl: target.voiceUrl, voiceMethod: target.voiceMethod });
  } catch (error) {
    if (kept) history.remove(kept);
    throw error;
  }
  if (saved) history.remove(saved);
  reportDone(request.kind, number.phoneNumber, current, context);
}

/** A number answered by a TwiML App or a SIP trunk: Twilio ignores its voice URL. */
function refuseIfNotByUrl(number: PhoneNumberRecord): void {
  if (!number.voiceApplicationSid && !number.trunkSid) return;
  const by = number.voiceApplicationSid
    ? `TwiML App ${number.voiceApplicationSid}`
    : `SIP trunk ${number.trunkSid}`;
  throw new Refusal(
    `${number.phoneNumber} is handled by ${by}, so Twilio ignores its voice URL; detach it in the Console (Phone Numbers → the number → Voice Configuration) first`,
  );
}

/**
 * The configuration to set: the deployed service's (wire), or the one to put back (restore),
 * given or the latest saved, which is then `saved`.
 */
async function targetOf(
  request: Exclude<WireRequest, { kind: 'help' }>,
  found: {
    client: Twilio;
    accountSid: string;
    history: WireHistory;
    number: PhoneNumberRecord;
    context: WireContext;
  },
): Promise<{ target: VoiceConfig; saved?: SavedVoiceConfig }> {
  if (request.kind === 'wire') {
    const domain =
      request.domain ??
      (await deployedDomain(found.client, found.accountSid, request, found.context));
    return { target: wiredVoiceConfig(domain) };
  }
  if (request.to) return { target: request.to };
  const saved = found.history.latest(found.accountSid, found.number.phoneNumber);
  if (!saved)
    throw new Refusal(
      `${WIRE_HISTORY_FILE} holds no earlier configuration of ${found.number.phoneNumber}: give --voice-url and --voice-method, as the wire run printed them`,
    );
  return { target: saved, saved };
}

/** What was done, and how to undo it. */
function reportDone(
  kind: 'wire' | 'restore',
  phoneNumber: string,
  previous: VoiceConfig,
  context: WireContext,
): void {
  context.print(kind === 'wire' ? 'Wired.' : 'Restored.');
  context.print('To put the previous configuration back:');
  context.print(`  ${restoreCommand(phoneNumber, previous)}`);
  if (kind === 'wire') {
    context.print(
      `  or: npm run wire -- ${phoneNumber} --restore   (saved in ${WIRE_HISTORY_FILE})`,
    );
    context.print(`Call ${phoneNumber} now; see the logs with npm run logs -- --tail`);
  }
}

/** The number among the account's IncomingPhoneNumbers; the list filter matches partial numbers too. */
async function findNumber(
  client: Twilio,
  accountSid: string,
  phoneNumber: string,
): Promise<PhoneNumberRecord> {
  const candidates = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 50 });
  const number = candidates.find((candidate) => candidate.phoneNumber === phoneNumber);
  if (!number)
    throw new Refusal(
      `${phoneNumber} is not a phone number of account ${accountSid}; check the number, or the credentials in .env`,
    );
  return number;
}

/** The domain of the last deploy: its service from .twiliodeployinfo, its environment's domain. */
async function deployedDomain(
  client: Twilio,
  accountSid: string,
  request: { environment: string },
  context: WireContext,
): Promise<string> {
  const file = join(context.cwd, DEPLOY_INFO_FILE);
  if (!existsSync(file))
    throw new Refusal(
      `no ${DEPLOY_INFO_FILE} in ${context.cwd}: run npm run deploy first, or give --domain`,
    );
  const serviceSid = need(
    deployedServiceSid(need(parseDeployInfo(readFileSync(file, 'utf8'))), accountSid),
  );
  let environments;
  try {
    environments = await client.serverless.v1.services(serviceSid).environments.list();
  } catch (error) {
    if ((error as { status?: unknown }).status === 404)
      throw new Refusal(
        `service ${serviceSid} from ${DEPLOY_INFO_FILE} is not on account ${accountSid} any more: deploy again, or give --domain`,
      );
    throw error;
  }
  const domain = need(environmentDomain(environments, request.environment, serviceSid));
  const which = request.environment === '' ? 'production' : `environment ${request.environment}`;
  context.print(`Domain: ${domain} (${which} of service ${serviceSid}, from ${DEPLOY_INFO_FILE})`);
  return domain;
}

function need<T>(result: Result<T, string>): T {
  if (!result.ok) throw new Refusal(result.error);
  return result.value;
}

/** Twilio's answers that mean the user has something to fix. */
function refusalFromTwilio(error: unknown): string | undefined {
  const { status, code } = error as { status?: unknown; code?: unknown };
  if (status === 401 || code === 20003)
    return 'Twilio refused the credentials (20003): check ACCOUNT_SID and AUTH_TOKEN';
  return undefined;
}

function describeUnexpected(error: unknown): string {
  const { status, code } = error as { status?: unknown; code?: unknown };
  if (typeof status === 'number')
    return `Twilio answered ${status}${code ? ` (${String(code)})` : ''}: ${errorMessage(error)}`;
  return errorMessage(error);
}

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Twilio } from 'twilio';
import { readSettings } from '../../src/config/settings';
import { errorMessage } from '../../src/errors';
import { err, ok, type Result } from '../../src/result';
import { createRestClient } from '../../src/twilio/rest-client';
import { parseDeployArguments, type DeployArguments } from './deploy-arguments';
import { writeEnvFile } from './env-file';
import { chooseService, findNamedService, lastDeployedService } from './existing-service';
import { runTwilioRun } from './twilio-run-process';
import { removeLeftoverVariables, type LeftoverVariables } from './variable-cleanup';
import { planDeployVariables, type DeployVariables } from './variables-plan';

export type DeployPhase = 'checks' | 'twilio-run' | 'cleanup' | 'done';

/** One deploy: npm run deploy (a real account) and npm run deploy:local alike. */
export interface DeployRequest {
  /** twilio-run's working folder: the project, or a staged copy of its build (deploy:local). */
  cwd: string;
  /** The user's arguments for twilio-run deploy. */
  args: string[];
  /** The .env file's values, read as twilio-run reads them: the only source of Variables. */
  dotEnv: Record<string, string>;
  /** The account to deploy to; by default ACCOUNT_SID and AUTH_TOKEN from `dotEnv`. */
  credentials?: { accountSid: string; authToken: string };
  /** deploy:local: the local Twilio's address, which twilio-run then reaches through the seam. */
  localApiBase?: string;
  /** The command the user runs, for what the messages tell them to run. */
  command: string;
  /** Whether a Variable is one of this project's settings (only those are ever removed). */
  isManaged(name: string): boolean;
  print(line: string): void;
  printError(line: string): void;
  /** Where twilio-run's own output goes; by default straight to this terminal. */
  printTwilioRun?(text: string): void;
  /** Told as each phase starts (the benchmark counts requests per phase). */
  onPhase?(phase: DeployPhase): void;
}

export interface DeployOutcome {
  code: number;
  /** What was uploaded as Variables. */
  uploaded: Record<string, string>;
  serviceSid?: string;
  leftovers?: LeftoverVariables;
}

interface Prepared {
  upload: Record<string, string>;
  /** The account, unless given to twilio-run as flags (the wrapper's own steps are skipped). */
  account?: { accountSid: string; authToken: string; client: Twilio };
}

/** What the plan uploads, said before the deploy starts. */
function tellPlan(request: DeployRequest, plan: DeployVariables): void {
  const { upload, estimateBytes, budgetBytes, unknown } = plan;
  request.print(
    `Uploading ${Object.keys(upload).length} Variables; the Functions' context comes to about ${estimateBytes} of its ${budgetBytes}-byte budget (Twilio's limit: 3,000).`,
  );
  if (unknown.length > 0) {
    request.print(`Not settings of this project, uploaded as they are: ${unknown.join(', ')}.`);
  }
}

/** The Variables to upload and the account to use, or why the deploy cannot start. */
function prepare(request: DeployRequest, args: DeployArguments): Result<Prepared, string> {
  const target = {
    serviceName: serviceName(request.cwd, args),
    environment: args.environmentSuffix,
  };
  const plan = planDeployVariables(request.dotEnv, target);
  if (!plan.ok) return plan;
  const { upload } = plan.value;
  const told = () => tellPlan(request, plan.value);
  if (args.credentialFlags) {
    told();
    return ok({ upload });
  }
  const accountSid = request.credentials?.accountSid ?? request.dotEnv.ACCOUNT_SID ?? '';
  const authToken = request.credentials?.authToken ?? request.dotEnv.AUTH_TOKEN ?? '';
  const env = { ACCOUNT_SID: accountSid, AUTH_TOKEN: authToken };
  const twilio = readSettings({ ...env, TWILIO_API_BASE_URL: request.localApiBase }).twilio;
  const client = createRestClient({ ...twilio, restTimeoutMs: 15_000 });
  if (!client.ok)
    return err(
      'ACCOUNT_SID and AUTH_TOKEN must be set in .env (the deploy reads them there, never from the shell)',
    );
  told();
  return ok({ upload, account: { accountSid, authToken, client: client.value } });
}

function serviceName(cwd: string, args: DeployArguments): string {
  if (args.serviceName) return args.serviceName;
  const manifest = join(cwd, 'package.json');
  if (!existsSync(manifest)) return '';
  return String((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name ?? '');
}

/**
 * The arguments that point twilio-run at the right service: none when the arguments or the
 * last deploy say which, or when no service has the name; `--service-sid` to carry on with a
 * first deploy that stopped half-way; a refusal for someone else's live service of that name.
 */
async function serviceArguments(
  request: DeployRequest,
  args: DeployArguments,
  account: NonNullable<Prepared['account']>,
): Promise<Result<string[], string>> {
  if (args.serviceSid || args.overrideChosen) return ok([]);
  if (lastDeployedService(request.cwd, account.accountSid)) return ok([]);
  const name = serviceName(request.cwd, args);
  if (name === '') return ok([]);
  const choice = chooseService(name, await findNamedService(account.client, name), request.command);
  if (choice.kind === 'refused') return err(choice.message);
  if (choice.kind === 'new') return ok([]);
  request.print(
    `A first deploy stopped half-way and left service "${name}" (${choice.serviceSid}) with nothing deployed: carrying on with it.`,
  );
  return ok(['--service-sid', choice.serviceSid]);
}

/** Runs twilio-run deploy with the Variables in a private .env file it reads, removed after. */
async function runDeploy(
  request: DeployRequest,
  args: DeployArguments,
  prepared: Prepared,
  extra: string[],
): Promise<Result<number, string>> {
  const folder = mkdtempSync(join(tmpdir(), 'deploy-env-'));
  try {
    const credentials: Record<string, string> = prepared.account
      ? { ACCOUNT_SID: prepared.account.accountSid, AUTH_TOKEN: prepared.account.authToken }
      : {};
    const file = writeEnvFile(join(folder, '.env'), { ...prepared.upload, ...credentials });
    if (!file.ok) return file;
    const code = await runTwilioRun({
      args: ['deploy', ...args.passOn, ...extra, '--env', file.value],
      cwd: request.cwd,
      localApiBase: request.localApiBase,
      print: request.printTwilioRun,
    });
    return ok(code);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Says what the deploy did about the Variables it did not upload. */
function reportLeftovers(request: DeployRequest, leftovers: LeftoverVariables, suffix: string) {
  const where = `the ${suffix === '' ? 'production' : `'${suffix}'`} environment`;
  if (leftovers.removed.length > 0)
    request.print(`Removed from ${where}, no longer in .env: ${leftovers.removed.join(', ')}`);
  if (leftovers.kept.length > 0)
    request.printError(
      `Warning: left in ${where}, not being settings of this project: ${leftovers.kept.join(', ')}. Remove them in the Console if nothing needs them.`,
    );
}

/**
 * The deploy: the Variables planned from .env (refused before anything is uploaded), the
 * service chosen (a half-made first deploy is carried on), twilio-run's own deploy with exactly
 * the planned Variables, then the leftover Variables removed. Resolves with twilio-run's exit
 * code, or 1 when the wrapper refused or failed.
 */
export async function deployProject(request: DeployRequest): Promise<DeployOutcome> {
  const args = parseDeployArguments(request.args);
  const refuse = (message: string): DeployOutcome => {
    request.printError(`Refused: ${message}`);
    return { code: 1, uploaded: {} };
  };
  if (args.help) {
    const code = await runTwilioRun({
      args: ['deploy', ...request.args],
      cwd: request.cwd,
      print: request.printTwilioRun,
    });
    return { code, uploaded: {} };
  }
  const prepared = prepare(request, args);
  if (!prepared.ok) return refuse(prepared.error);
  const { upload, account } = prepared.value;
  request.onPhase?.('checks');
  let extra: Result<string[], string> = ok([]);
  try {
    if (account) extra = await serviceArguments(request, args, account);
  } catch (error) {
    return refuse(`the account's services could not be read: ${errorMessage(error)}`);
  }
  if (!extra.ok) return refuse(extra.error);
  request.onPhase?.('twilio-run');
  const code = await runDeploy(request, args, prepared.value, extra.value);
  if (!code.ok) return refuse(code.error);
  if (code.value !== 0) {
    request.printError(
      `The deploy did not finish. Once the cause above is fixed, run ${request.command} again: a first deploy that stopped half-way is carried on, nothing needs deleting.`,
    );
    return { code: code.value, uploaded: upload };
  }
  return finish(request, args, upload, account, extra.value[1]);
}

/** After twilio-run's deploy: the Variables it left behind, removed or named. */
async function finish(
  request: DeployRequest,
  args: DeployArguments,
  upload: Record<string, string>,
  account: Prepared['account'],
  resumedSid: string | undefined,
): Promise<DeployOutcome> {
  request.onPhase?.('cleanup');
  const serviceSid =
    args.serviceSid ??
    resumedSid ??
    (account && lastDeployedService(request.cwd, account.accountSid));
  if (!account || !serviceSid) {
    request.printError(
      "Note: the environment's Variables were not checked for leftovers (no account in .env).",
    );
    request.onPhase?.('done');
    return { code: 0, uploaded: upload, serviceSid };
  }
  try {
    const target = { serviceSid, environmentSuffix: args.environmentSuffix };
    const leftovers = await removeLeftoverVariables(
      account.client,
      target,
      upload,
      request.isManaged,
    );
    reportLeftovers(request, leftovers, args.environmentSuffix);
    request.onPhase?.('done');
    return { code: 0, uploaded: upload, serviceSid, leftovers };
  } catch (error) {
    request.printError(
      `The deploy worked, but its leftover Variables could not be checked: ${errorMessage(error)}`,
    );
    request.onPhase?.('done');
    return { code: 1, uploaded: upload, serviceSid };
  }
}

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RestExchange } from '../../local/contracts';
import { deployToLocalTwilio } from '../../local/deploy/deploy-local';
import { stageProject, type StagedProject } from '../../local/deploy/stage-project';
import { PROJECT_ROOT } from '../../local/project-root';
import {
  startTwilioStandIn,
  type LocalTwilio,
  type StandInOptions,
} from '../../local/stand-in/server';
import type { DeployOutcome, DeployPhase } from '../deploy/deploy';
import { readEnvFile } from '../deploy/env-file';

/** One deploy as people run it, measured. */
export interface DeployCaseResult {
  name: string;
  code: number;
  /** Wall-clock milliseconds of the whole command. */
  ms: number;
  /** Every request the case made, by operation. */
  counts: Record<string, number>;
  total: number;
  /** Of which twilio-run's own deploy made (the rest are the wrapper's checks and clean-up). */
  byTwilioRun: number;
  output: string[];
  exchanges: RestExchange[];
  outcome: DeployOutcome;
}

function countByOperation(exchanges: RestExchange[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const exchange of exchanges)
    counts[exchange.operation] = (counts[exchange.operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Runs one deploy of `staged` to the local Twilio, and counts and times it. */
export async function deployCase(
  name: string,
  twilio: LocalTwilio,
  staged: StagedProject,
  dotEnv: Record<string, string>,
): Promise<DeployCaseResult> {
  const output: string[] = [];
  const start = twilio.exchanges.length;
  const phases = new Map<DeployPhase, number>();
  const began = performance.now();
  const outcome = await deployToLocalTwilio(twilio, staged, {
    dotEnv,
    print: (line) => output.push(line),
    printError: (line) => output.push(line),
    onPhase: (phase) => phases.set(phase, twilio.exchanges.length),
  });
  const ms = performance.now() - began;
  const exchanges = twilio.exchanges.slice(start);
  const twilioRunFrom = phases.get('twilio-run') ?? twilio.exchanges.length;
  const twilioRunTo = phases.get('cleanup') ?? twilio.exchanges.length;
  return {
    name,
    code: outcome.code,
    ms,
    counts: countByOperation(exchanges),
    total: exchanges.length,
    byTwilioRun: twilioRunTo - twilioRunFrom,
    output,
    exchanges,
    outcome,
  };
}

/** The settings people deploy: .env.example copied whole, the page's password set, a voice chosen. */
export function exampleSettings(): Record<string, string> {
  return {
    ...readEnvFile(join(PROJECT_ROOT, '.env.example')),
    DASHBOARD_PASSWORD: 'a-password-for-the-page',
    SAY_VOICE: 'Polly.Matthew',
  };
}

/** Where the cases deploy: the project's own name, the dev environment. */
export const EXAMPLE_TARGET = {
  serviceName: 'twilio-call-recording-functions',
  environment: 'dev',
};

/** The setting taken out of .env in the third case, and a Variable set by hand beforehand. */
export const REMOVED_SETTING = 'SAY_VOICE';
export const HAND_SET_VARIABLE = 'OPERATOR_NOTE';
/** A Dependency nothing installs: the failing first deploy's build cannot resolve it. */
export const UNRESOLVABLE = { name: 'left-pad', version: '1.3.0' };

export interface DeploySession {
  results: DeployCaseResult[];
  /** The account the first three cases deploy to, and their staged project. */
  main: { twilio: LocalTwilio; staged: StagedProject };
  /** The account of the failed first deploy and its retry. */
  failing: { twilio: LocalTwilio; staged: StagedProject };
  close(): Promise<void>;
}

function setDependency(staged: StagedProject, extra?: { name: string; version: string }): void {
  const file = join(staged.dir, 'package.json');
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  if (extra) manifest.dependencies[extra.name] = extra.version;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

/**
 * The deploys people make, in order: a first deploy; a redeploy of a changed build; a redeploy
 * with a setting removed from .env (and a Variable someone set by hand); and, on another
 * account, a first deploy whose build fails, retried once fixed, with no flag added.
 */
export async function runDeployCases(standIn: StandInOptions = {}): Promise<DeploySession> {
  const settings = exampleSettings();
  const main = { twilio: await startTwilioStandIn(standIn), staged: stageProject() };
  const failing = { twilio: await startTwilioStandIn(standIn), staged: stageProject() };
  const results: DeployCaseResult[] = [];
  results.push(await deployCase('first deploy', main.twilio, main.staged, settings));
  appendFileSync(
    join(main.staged.dir, 'functions', 'incoming-call.protected.js'),
    '\n// changed\n',
  );
  results.push(await deployCase('redeploy, changed build', main.twilio, main.staged, settings));
  const service = main.twilio.serverless.services.get(results[0].outcome.serviceSid ?? '');
  service?.environments[0]?.variables.push({
    sid: `ZV${'0'.repeat(31)}1`,
    key: HAND_SET_VARIABLE,
    value: 'set in the Console',
    createdAt: main.twilio.clock.now(),
    updatedAt: main.twilio.clock.now(),
  });
  const { [REMOVED_SETTING]: _removed, ...fewer } = settings;
  results.push(
    await deployCase('redeploy, a setting removed from .env', main.twilio, main.staged, fewer),
  );
  setDependency(failing.staged, UNRESOLVABLE);
  results.push(
    await deployCase('first deploy, its build failed', failing.twilio, failing.staged, settings),
  );
  setDependency(failing.staged);
  results.push(
    await deployCase('the same deploy run again', failing.twilio, failing.staged, settings),
  );
  return {
    results,
    main,
    failing,
    async close() {
      for (const { twilio, staged } of [main, failing]) {
        staged.remove();
        await twilio.close();
      }
    },
  };
}

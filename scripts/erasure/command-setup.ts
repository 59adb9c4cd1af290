import { join } from 'node:path';
import { readDotEnv } from '../../local/dot-env';
import { localTwilioOf, restClientEnv } from '../../local/local-twilio-access';
import { readSettings, type Settings } from '../../src/config/settings';
import { erasureServices } from '../../src/erasure/erasure-services';
import type { ErasureServices } from '../../src/erasure/erasure-types';
import { describeFieldErrors } from '../../src/failure';
import { err, ok, type Result } from '../../src/result';
import type { BudgetClock } from '../../src/retry';

/** What a command works with; injected so that tests and the benchmark run it in-process. */
export interface CommandContext {
  /** ACCOUNT_SID, AUTH_TOKEN and the log's settings, as .env and the environment give them. */
  env: Record<string, string | undefined>;
  print(line: string): void;
  printError(line: string): void;
  /** What waits pass on: the machine's clock, or the stand-in's in the benchmark. */
  clock?: BudgetClock;
  /** Calls erased at the same time (default ERASE_CONCURRENCY). */
  concurrency?: number;
  /** The time one call's erasure may take (default CALL_BUDGET_MS). */
  callBudgetMs?: number;
}

export const EXIT = { done: 0, unfinished: 1, badInput: 2 } as const;

/** Calls erased at once: each one's requests go one after another. */
export const ERASE_CONCURRENCY = 4;
/** The time one call's erasure may take: waiting for a recording's processing included. */
const CALL_BUDGET_MS = 120_000;

/** .env, then the environment over it (a value set in the environment wins), as npm run wire. */
export function commandEnvironment(cwd: string): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...readDotEnv(join(cwd, '.env')) };
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && value !== '') merged[name] = value;
  return merged;
}

/**
 * The settings a command runs with: the environment's, or, given `--server URL`, pointed at
 * that running npm start's local Twilio (GET /_simulate/twilio says where it is). A setting that
 * is wrong is said on stderr; missing credentials are a refusal.
 */
export async function commandSettings(
  context: CommandContext,
  server: string | undefined,
): Promise<Result<Settings, string>> {
  let env = context.env;
  if (server !== undefined) {
    const access = await localTwilioOf(server);
    if (!access.ok) return err(access.error);
    env = { ...env, ...restClientEnv(access.value) };
  }
  const settings = readSettings(env);
  if (!settings.twilio.credentials.ok)
    return err(
      'ACCOUNT_SID and AUTH_TOKEN must be set, in .env or the environment (or give --server URL of a running npm start)',
    );
  if (settings.problems.length > 0)
    context.printError(`Settings: ${describeFieldErrors(settings.problems)}`);
  return ok(settings);
}

/** The services an erasure needs, from the settings, waiting on the context's clock. */
export function commandServices(
  settings: Settings,
  context: CommandContext,
): Result<ErasureServices, string> {
  const made = erasureServices(settings, {
    budgetMs: context.callBudgetMs ?? CALL_BUDGET_MS,
    clock: context.clock,
  });
  return made.ok ? made : err(made.error.message);
}

import type { Settings } from '../config/settings';
import type { Failure } from '../failure';
import { openLog } from '../recording-log/sharded-log';
import { ok, type Result } from '../result';
import { budget, type BudgetClock } from '../retry';
import { createRestClient } from '../twilio/rest-client';
import type { ErasureServices } from './erasure-types';

/**
 * What an erasure needs, from the settings: the account's REST client, the recording log, and
 * a budget of `budgetMs` for each call (on `clock`: the machine's, or a simulated one).
 */
export function erasureServices(
  settings: Pick<Settings, 'twilio' | 'log'>,
  options: { budgetMs: number; clock?: BudgetClock },
): Result<ErasureServices, Failure> {
  const client = createRestClient(settings.twilio);
  if (!client.ok) return client;
  return ok({
    client: client.value,
    log: openLog(client.value, settings.log),
    budget: () => budget(options.budgetMs, settings.twilio.restTimeoutMs, { clock: options.clock }),
  });
}

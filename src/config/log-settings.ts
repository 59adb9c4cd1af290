import type { SettingsGroup } from './settings-group';
import {
  RECORDING_LOG_BUDGET_MS,
  RECORDING_LOG_CALLER_BUDGET_MS,
  RECORDING_LOG_FORMER_SHARDS,
  RECORDING_LOG_MAP,
  RECORDING_LOG_SHARDS,
  RECORDING_LOG_SYNC_SERVICE,
  RECORDING_LOG_TTL_SECONDS,
  RECORDING_RETENTION_DAYS,
} from './settings-table';
import type { SettingValues } from './setting-values';

export interface LogSettings {
  syncService: string;
  mapPrefix: string;
  shards: number;
  formerShards: number[];
  ttlSeconds: number;
  /** For storing a status event, and on the caller's path. */
  budgetMs: number;
  callerBudgetMs: number;
}

export const LOG: SettingsGroup<LogSettings> = {
  read: (values) => ({
    syncService: values.text(RECORDING_LOG_SYNC_SERVICE),
    mapPrefix: values.text(RECORDING_LOG_MAP),
    shards: values.whole(RECORDING_LOG_SHARDS),
    formerShards: formerShardCounts(values),
    ttlSeconds: values.whole(RECORDING_LOG_TTL_SECONDS),
    budgetMs: values.whole(RECORDING_LOG_BUDGET_MS),
    callerBudgetMs: values.whole(RECORDING_LOG_CALLER_BUDGET_MS),
  }),
};

/** `32, 16` → [32, 16]; a part that is not a whole number from 1 to 1024 is left out. */
function formerShardCounts(values: SettingValues): number[] {
  const parts = values
    .text(RECORDING_LOG_FORMER_SHARDS)
    .split(/[\s,]+/)
    .filter((part) => part !== '');
  const counts = parts
    .map(Number)
    .filter((count) => Number.isInteger(count) && count >= 1 && count <= 1024);
  if (counts.length < parts.length) {
    values.problem(
      RECORDING_LOG_FORMER_SHARDS,
      'lists something other than whole numbers 1-1024; those are left out',
    );
  }
  return counts;
}

/** Days recordings are kept (npm run retention); undefined keeps them. */
export const RETENTION_DAYS: SettingsGroup<number | undefined> = {
  read(values) {
    const given = values.given(RECORDING_RETENTION_DAYS);
    if (given === undefined) return undefined;
    if (/^\d{1,5}$/.test(given)) return Number(given);
    values.problem(
      RECORDING_RETENTION_DAYS,
      `'${given}' must be a whole number of days, 0 or more; recordings are kept`,
    );
    return undefined;
  },
};

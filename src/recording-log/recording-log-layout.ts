import type { CallLog } from './call-log';
import type { LogEntry } from './log-entries';
import type { LogBudget } from './sync-request';

/**
 * How the recording log is laid out across Sync objects. Both operations throw
 * RecordingLogUnavailable when Sync cannot be reached within the budget.
 */
export interface RecordingLogLayout {
  /** Stores one entry; `duplicate` when it was stored before (a second delivery). */
  append(entry: LogEntry, budget: LogBudget): Promise<{ duplicate: boolean }>;
  /** Everything logged about one call. */
  readCall(callSid: string, budget: LogBudget): Promise<CallLog>;
}

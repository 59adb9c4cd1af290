import type { Twilio } from 'twilio';
import type { Failure } from '../failure';
import type { ErasureMeans } from '../recording-log/entries';
import type { LogStore } from '../recording-log/sharded-log';
import type { Budget } from '../retry';

/** What an erasure works with: the account, the recording log, and the time it may take. */
export interface ErasureServices {
  client: Twilio;
  log: LogStore;
  /** A budget for one call's erasure, every request and wait included. */
  budget(): Budget;
}

/** One call to erase, and who asks. */
export interface ErasureRequest {
  callSid: string;
  means: ErasureMeans;
  reason?: string;
  /** False for a dry run: say what would be erased, change nothing. */
  apply: boolean;
}

/** A recording of the call as Twilio lists it, deleted ones included (their metadata). */
export interface CallRecording {
  sid: string;
  callSid: string;
  /** Twilio's status: in-progress, paused, stopped, processing, completed, absent, failed, deleted. */
  status: string;
  /** When it was created, on Twilio's clock (ms since the epoch). */
  createdAt: number;
}

/** Recording statuses that mean it is still being made: it is stopped before it is deleted. */
export const ACTIVE_STATUSES: readonly string[] = ['in-progress', 'paused'];
/** Statuses of a recording whose making is over for good. */
export const FINISHED_STATUSES: readonly string[] = ['completed', 'absent', 'failed'];

/** What became of one recording. */
export interface RecordingOutcome {
  recordingSid: string;
  /** Twilio's status when the erasure looked (`unlisted`: the log knows it, Twilio lists nothing). */
  statusBefore: string;
  /**
   * `to-delete` in a dry run; `deleted` by this erasure; `already-gone` when Twilio had it no
   * more; `failed` with why, and whether running the erasure again may succeed.
   */
  result: 'to-delete' | 'deleted' | 'already-gone' | 'failed';
  /** It was still being recorded, and was stopped first. */
  stoppedFirst?: true;
  /** When Twilio confirmed it gone, on its clock (ISO 8601). */
  at?: string;
  failure?: Failure;
}

/** How the erasure of one call went. */
export interface CallErasure {
  callSid: string;
  /**
   * `not-logged`: the log holds nothing of the call, so nothing was touched; `planned`: a dry
   * run; `done`: every recording gone and the personal data removed; `incomplete`: something
   * failed (see `recordings` and `failure`), and running the erasure again finishes it.
   */
  state: 'not-logged' | 'planned' | 'done' | 'incomplete';
  /** An earlier erasure had done everything: nothing was changed. */
  alreadyErased: boolean;
  /** The erasure entry in effect: this run's, or an earlier one's. */
  erasure?: { at: string; means: ErasureMeans; reason?: string };
  recordings: RecordingOutcome[];
  /** The log's entries holding the caller's personal data: found, and removed by this run. */
  personalData: { found: number; removed: number };
  /** What stopped the whole call's erasure (the log or Twilio could not be read or written). */
  failure?: Failure;
  /** Requests made, REST and Sync, retries included. */
  requests: number;
}

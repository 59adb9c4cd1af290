import type { RecordingSnapshot } from '../../src/recording/recording-snapshot';
import type { RecordingsApi, UpdateStatus } from '../../src/recording/recordings-api';
import { CURRENT_RECORDING } from '../../src/twilio/recording-values';
import { TEST_ACCOUNT_SID, TEST_CALL_SID } from './fixtures';

type Operation = 'create' | 'update' | 'fetch' | 'list';

/** What a scripted fault does to one request: the API refuses, or the answer never arrives. */
export type FakeFault =
  | { kind: 'refuse'; status: number; code?: number } // nothing applied, Twilio's error answer
  | { kind: 'network'; code: string } // nothing applied, a network error (ECONNREFUSED, ...)
  | { kind: 'lost-answer' }; // applied, then the answer is lost (reads as a reset)

/**
 * The Recordings API in memory, for unit tests of the toggle's retry policy: it keeps one
 * call's recordings, applies what it is asked as Twilio would, can fail any request as
 * scripted, and lets virtual time pass on every request.
 */
export class FakeRecordingsApi implements RecordingsApi {
  readonly recordings: RecordingSnapshot[] = [];
  readonly calls: Operation[] = [];
  private readonly faults: Array<{ operation: Operation; fault: FakeFault; left: number }> = [];
  private created = 0;

  constructor(private readonly clock: { now: number; latencyMs: number }) {}

  /** The next `times` requests of `operation` (Infinity: all of them) fail with `fault`. */
  failNext(operation: Operation, fault: FakeFault, times = 1): this {
    this.faults.push({ operation, fault, left: times });
    return this;
  }

  /** A recording already on the call, in this status. */
  withRecording(status: string): RecordingSnapshot {
    const recording = this.newRecording();
    recording.Status = status;
    this.recordings.push(recording);
    return recording;
  }

  async create(): Promise<RecordingSnapshot> {
    return this.handle('create', () => {
      const recording = this.newRecording();
      this.recordings.push(recording);
      return recording;
    });
  }

  async update(_callSid: string, sid: string, status: UpdateStatus): Promise<RecordingSnapshot> {
    return this.handle('update', () => {
      const active = this.recordings.filter((r) => ['in-progress', 'paused'].includes(r.Status));
      const target =
        sid === CURRENT_RECORDING ? active[0] : this.recordings.find((r) => r.Sid === sid);
      if (!target || (sid === CURRENT_RECORDING && active.length !== 1)) {
        throw Object.assign(new Error('not found'), { status: 404, code: 20404 });
      }
      target.Status = status === 'stopped' ? 'stopped' : status;
      return { ...target };
    });
  }

  async fetch(_callSid: string, sid: string): Promise<RecordingSnapshot> {
    return this.handle('fetch', () => {
      const found = this.recordings.find((r) => r.Sid === sid);
      if (!found) throw Object.assign(new Error('not found'), { status: 404, code: 20404 });
      return { ...found };
    });
  }

  async list(): Promise<RecordingSnapshot[]> {
    return this.handle('list', () => this.recordings.map((r) => ({ ...r })));
  }

  private handle<T>(operation: Operation, apply: () => T): T {
    this.calls.push(operation);
    this.clock.now += this.clock.latencyMs;
    const scripted = this.faults.find((entry) => entry.operation === operation && entry.left > 0);
    if (scripted) scripted.left -= 1;
    const fault = scripted?.fault;
    if (fault?.kind === 'refuse') {
      throw Object.assign(new Error(`refused with ${fault.status}`), {
        status: fault.status,
        code: fault.code,
      });
    }
    if (fault?.kind === 'network') {
      throw Object.assign(new Error(fault.code), { code: fault.code });
    }
    const result = apply();
    if (fault?.kind === 'lost-answer') {
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    return result;
  }

  private newRecording(): RecordingSnapshot {
    this.created += 1;
    const date = new Date(Date.UTC(2026, 10, 24, 15, 21, this.created)).toUTCString();
    return {
      AccountSid: TEST_ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: TEST_CALL_SID,
      ConferenceSid: '',
      DateCreated: date,
      DateUpdated: date,
      EncryptionDetails: '',
      ErrorCode: '',
      PriceUnit: '',
      Sid: `RE${String(this.created).padStart(32, '0')}`,
      Uri: '',
      Source: 'StartCallRecordingAPI',
      StartTime: date,
      Status: 'in-progress',
      Channels: '2',
      Track: 'both',
    };
  }
}

import type { Clock } from '../clock';
import type { StoredRecording } from './recordings';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a deleted recording's metadata is kept: "The recording is set to a status of
 * 'deleted' and the metadata is preserved for a period of 40 days, during which time the
 * metadata is still available" (twilio.com/en-us/changelog/fetch-deleted-call-recording-metadata-;
 * the API description's IncludeSoftDeleted says the same: "Recordings metadata are kept after
 * deletion for a retention period of 40 days").
 * Assumption [soft-deleted-kept-40-days]: the 40 days are counted from the deletion, in days of
 * 24 hours, on the stand-in's clock; from the end of the 40th day the metadata is gone, and the
 * recording is not found even with IncludeSoftDeleted=true.
 */
export const SOFT_DELETED_KEPT_MS = 40 * DAY_MS;

/**
 * The metadata of deleted recordings, for the account's Recordings fetch and list when they are
 * asked for it (`IncludeSoftDeleted=true`; by default "fetching a deleted recording returns not
 * found and deleted recordings are not returned in the list", the same changelog entry). Each
 * read first lets go of what is past its 40 days.
 */
export class SoftDeletedRecordings {
  /** In the order they were deleted, which is the order they expire in. */
  private readonly kept = new Map<string, StoredRecording & { deletedAt: number }>();

  constructor(private readonly clock: Clock) {}

  keep(recording: StoredRecording & { deletedAt: number }): void {
    this.kept.set(recording.sid, recording);
  }

  find(sid: string): StoredRecording | undefined {
    this.expire();
    return this.kept.get(sid);
  }

  all(): StoredRecording[] {
    this.expire();
    return [...this.kept.values()];
  }

  private expire(): void {
    const now = this.clock.now();
    for (const [sid, recording] of this.kept) {
      if (now - recording.deletedAt < SOFT_DELETED_KEPT_MS) return;
      this.kept.delete(sid);
    }
  }
}

import type { Twilio } from 'twilio';
import type { LogSettings } from '../config/settings';
import type { Failure } from '../failure';
import { scanLog, type ScannedEntry } from '../recording-log/log-scan';
import { holdsPersonalData } from '../recording-log/entries';
import { ok, type Result } from '../result';
import type { Budget } from '../retry';
import type { AnswerHeaders } from '../twilio/answer-headers';
import { callRecording, type RecordingResource } from './call-recordings';
import { FINISHED_STATUSES, type CallRecording } from './erasure-types';
import { restRequest, type ListPage } from './twilio-requests';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Recordings per page of the account's list (its PageSize maximum). */
const RECORDINGS_PAGE_SIZE = 1000;

/** A call retention erases, and why. */
export interface DueCall {
  callSid: string;
  /** Its recordings Twilio still has (all finished, the newest older than the cutoff). */
  recordings: CallRecording[];
  /** `older`: its recordings are past the retention; `unfinished`: an erasure to finish. */
  why: 'older' | 'unfinished';
}

/** What a retention run found. */
export interface RetentionFindings {
  /** Twilio's clock (the Date of its answers), and the cutoff it gives: now minus the days. */
  now: number;
  cutoff: number;
  due: DueCall[];
  /** Logged calls with a recording past the cutoff but another still being made: left alone. */
  stillRecording: number;
  read: { logPages: number; logEntries: number; recordingPages: number };
}

/** What the log says of one call, for retention. */
interface LoggedCall {
  /** The recordings its erasure set out to delete, when it has one. */
  erasing?: string[];
  gone: Set<string>;
  personal: number;
}

/**
 * Finds what retention erases, reading only: the whole recording log (every Map, page by page)
 * for the calls this service logged, then the account's Recordings list (every page) for their
 * recordings. A call is due when Twilio still has recordings of it, every one finished, the
 * newest created `days` days or more before Twilio's now (0: every finished one); and, whatever
 * its age, when an erasure of it was begun and not finished (a rerun after an interruption).
 */
export async function findDueCalls(
  client: Twilio,
  logSettings: LogSettings,
  days: number,
  pageBudget: () => Budget,
): Promise<Result<RetentionFindings, Failure>> {
  const logged = new Map<string, LoggedCall>();
  const scanned = await scanLog(client, logSettings, pageBudget, (entries) =>
    summarise(logged, entries),
  );
  if (!scanned.ok) return scanned;
  const listed = await loggedRecordings(client, logged, pageBudget);
  if (!listed.ok) return listed;
  const cutoff = listed.value.now - days * DAY_MS;
  const due: DueCall[] = [];
  let stillRecording = 0;
  for (const [callSid, call] of logged) {
    const recordings = listed.value.byCall.get(callSid) ?? [];
    const finished = recordings.every((recording) => FINISHED_STATUSES.includes(recording.status));
    const newest = Math.max(...recordings.map((recording) => recording.createdAt));
    const unfinished =
      call.erasing !== undefined &&
      (call.personal > 0 || call.erasing.some((sid) => !call.gone.has(sid)));
    if (recordings.length > 0 && finished && newest <= cutoff)
      due.push({ callSid, recordings, why: 'older' });
    else if (unfinished) due.push({ callSid, recordings, why: 'unfinished' });
    else if (!finished && recordings.some((recording) => recording.createdAt <= cutoff))
      stillRecording += 1;
  }
  return ok({
    now: listed.value.now,
    cutoff,
    due: due.sort((a, b) => a.callSid.localeCompare(b.callSid)),
    stillRecording,
    read: {
      logPages: scanned.value.pages,
      logEntries: scanned.value.entries,
      recordingPages: listed.value.pages,
    },
  });
}

function summarise(logged: Map<string, LoggedCall>, entries: readonly ScannedEntry[]): void {
  for (const { entry } of entries) {
    const call = logged.get(entry.callSid) ?? { gone: new Set<string>(), personal: 0 };
    logged.set(entry.callSid, call);
    if (entry.kind === 'erasure') call.erasing = entry.recordingSids;
    else if (entry.kind === 'recording-deleted') call.gone.add(entry.recordingSid);
    else if (holdsPersonalData(entry)) call.personal += 1;
  }
}

/**
 * The account's recordings of the logged calls, every page read before anything is deleted
 * (a deletion can break the next page's token), each page with its own budget; and Twilio's
 * clock as its first answer gave it.
 */
async function loggedRecordings(
  client: Twilio,
  logged: ReadonlyMap<string, LoggedCall>,
  pageBudget: () => Budget,
): Promise<Result<{ byCall: Map<string, CallRecording[]>; now: number; pages: number }, Failure>> {
  const byCall = new Map<string, CallRecording[]>();
  const noted: AnswerHeaders = {};
  let pages = 0;
  let next: () => Promise<ListPage<RecordingResource>> | undefined = () =>
    client.recordings.page({ pageSize: RECORDINGS_PAGE_SIZE }) as unknown as Promise<
      ListPage<RecordingResource>
    >;
  let now: number | undefined;
  for (;;) {
    const within = pageBudget();
    const request = next;
    const page = await restRequest(within, async () => request(), noted);
    if (!page.ok) return page;
    now ??= noted.date ?? within.now();
    if (!page.value) break;
    pages += 1;
    for (const resource of page.value.instances) {
      if (!logged.has(resource.callSid)) continue;
      const mine = byCall.get(resource.callSid) ?? [];
      mine.push(callRecording(resource));
      byCall.set(resource.callSid, mine);
    }
    if (!page.value.nextPageUrl) break;
    const current = page.value;
    next = () => current.nextPage();
  }
  // Every path out of the loop has read a first page, which set `now`.
  return ok({ byCall, now: now ?? Date.now(), pages });
}

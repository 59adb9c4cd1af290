import { err, ok, type Result } from '../result';
import { parseHttpUrl } from '../service-url';
import {
  allowedList,
  oneOf,
  readField,
  readOwnAccountSid,
  readSid,
  type FieldError,
  type FieldRead,
  type Fields,
} from '../request/fields';
import {
  CALLBACK_STATUSES,
  TRACKS,
  type CallbackStatus,
  type Track,
} from '../twilio/recording-values';

export type RecordingStatus = CallbackStatus;

/** A recording status callback, validated. Optional fields are undefined when not sent. */
export interface RecordingStatusEvent {
  accountSid: string;
  callSid: string;
  recordingSid: string;
  status: RecordingStatus;
  url?: string;
  /** Seconds; undefined while in progress (Twilio sends -1 or nothing then), or when odd. */
  durationSeconds?: number;
  channels?: 1 | 2;
  startTime?: string;
  source?: string;
  track?: Track;
  errorCode?: number;
}

/** What the log keeps of a status event: everything but the account, which is always this one. */
export type RecordingStatusFacts = Omit<RecordingStatusEvent, 'accountSid'>;

/** A status event as read, and what it carried that could not be kept (field and why). */
export interface ParsedStatusEvent {
  event: RecordingStatusEvent;
  oddities: FieldError[];
}

/**
 * Parses the parameters Twilio sends to a recording status callback. Only what the recording
 * log cannot do without is required: the account (ours), the call, the recording and a known
 * status; a problem there is an error. Anything else Twilio sends that does not look as
 * expected is left out of the event and reported as an oddity, never refused: Twilio does not
 * document every value it sends per status, and it never retries a 4xx, so refusing a signed
 * event over an optional field would lose it for good.
 */
export function parseStatusEvent(
  event: Fields,
  ownAccountSid: unknown,
): Result<ParsedStatusEvent, FieldError[]> {
  const errors: FieldError[] = [];
  const oddities: FieldError[] = [];
  const required = (read: FieldRead) => {
    if (read.error) errors.push(read.error);
    return read.value ?? '';
  };
  const optional = (field: string) => {
    const read = readField(event, field);
    if (read.error) oddities.push({ ...read.error, message: `${read.error.message}; left out` });
    return read.value;
  };
  /** Keeps `value` when `valid`; otherwise notes why it was left out. */
  const kept = <T>(
    field: string,
    raw: string | undefined,
    value: T,
    valid: boolean,
    why: string,
  ) => {
    if (raw === undefined) return undefined;
    if (valid) return value;
    oddities.push({ field, message: `'${raw}' ${why}; left out` });
    return undefined;
  };

  const accountSid = required(readOwnAccountSid(event, ownAccountSid, { required: true }));
  const callSid = required(readSid(event, 'CallSid', { required: true }));
  const recordingSid = required(readSid(event, 'RecordingSid', { required: true }));

  const rawStatus = readField(event, 'RecordingStatus');
  const status = CALLBACK_STATUSES.find((value) => value === rawStatus.value);
  if (!status) {
    errors.push({
      field: 'RecordingStatus',
      message: `${rawStatus.value === undefined ? 'is required' : `'${rawStatus.value}' is not a recording status`}; expected one of ${allowedList(CALLBACK_STATUSES)}`,
    });
  }
  if (errors.length > 0 || !status) return err(errors);

  const rawUrl = optional('RecordingUrl');
  const url = kept(
    'RecordingUrl',
    rawUrl,
    rawUrl,
    parseHttpUrl(rawUrl) !== undefined,
    'is not an absolute http(s) URL',
  );

  // -1 is how a duration not known yet is sent while recording: expected then, odd otherwise.
  const rawDuration = optional('RecordingDuration');
  const durationSeconds =
    rawDuration === '-1' && status === 'in-progress'
      ? undefined
      : kept(
          'RecordingDuration',
          rawDuration,
          Number(rawDuration),
          /^\d{1,7}$/.test(rawDuration ?? ''),
          `is not a whole number of seconds for a ${status} recording`,
        );

  const rawChannels = optional('RecordingChannels');
  const channels = kept(
    'RecordingChannels',
    rawChannels,
    Number(rawChannels) as 1 | 2,
    rawChannels === '1' || rawChannels === '2',
    'is not 1 or 2',
  );

  const rawStartTime = optional('RecordingStartTime');
  const startTime = kept(
    'RecordingStartTime',
    rawStartTime,
    rawStartTime,
    !Number.isNaN(Date.parse(rawStartTime ?? '')),
    'is not a date',
  );

  const rawSource = optional('RecordingSource');
  const source = kept(
    'RecordingSource',
    rawSource,
    rawSource,
    /^[A-Za-z]{1,64}$/.test(rawSource ?? ''),
    'is not a recording source name',
  );

  const rawTrack = optional('RecordingTrack');
  const knownTrack = oneOf(TRACKS, rawTrack) ? rawTrack : undefined;
  const track = kept(
    'RecordingTrack',
    rawTrack,
    knownTrack,
    knownTrack !== undefined,
    `is not one of ${allowedList(TRACKS)}`,
  );

  // Twilio sends ErrorCode=0 when there is no error; an absent or empty one means the same.
  const rawErrorCode = optional('ErrorCode');
  const errorCode = kept(
    'ErrorCode',
    rawErrorCode,
    Number(rawErrorCode),
    /^\d{1,6}$/.test(rawErrorCode ?? ''),
    'is not a numeric Twilio error code',
  );

  return ok({
    event: {
      accountSid,
      callSid,
      recordingSid,
      status,
      url,
      durationSeconds,
      channels,
      startTime,
      source,
      track,
      errorCode: errorCode === 0 ? undefined : errorCode,
    },
    oddities,
  });
}

import { err, ok, type Result } from '../result';
import {
  allowedList,
  readField,
  readOwnAccountSid,
  readSid,
  type FieldError,
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
  /** Seconds; undefined while in progress (Twilio sends -1 or nothing then). */
  durationSeconds?: number;
  channels?: 1 | 2;
  startTime?: string;
  source?: string;
  track?: Track;
  errorCode?: number;
}

/** What the log keeps of a status event: everything but the account, which is always this one. */
export type RecordingStatusFacts = Omit<RecordingStatusEvent, 'accountSid'>;

/**
 * Parses the parameters Twilio sends to a recording status callback. Every problem is reported
 * with the parameter's name and what is allowed, so a 400 answer tells the sender what to fix.
 */
export function parseStatusEvent(
  event: Fields,
  ownAccountSid: unknown,
): Result<RecordingStatusEvent, FieldError[]> {
  const errors: FieldError[] = [];
  const required = (read: { value: string | undefined; error?: FieldError }) => {
    if (read.error) errors.push(read.error);
    return read.value ?? '';
  };
  const optional = (field: string) => {
    const read = readField(event, field);
    if (read.error) errors.push(read.error);
    return read.value;
  };

  const accountSid = required(readOwnAccountSid(event, ownAccountSid, { required: true }));
  const callSid = required(readSid(event, 'CallSid', { required: true }));
  const recordingSid = required(readSid(event, 'RecordingSid', { required: true }));

  const rawStatus = optional('RecordingStatus');
  const status = CALLBACK_STATUSES.find((value) => value === rawStatus);
  if (!status) {
    errors.push({
      field: 'RecordingStatus',
      message: `${rawStatus === undefined ? 'is required' : `'${rawStatus}' is not a recording status`}; expected one of ${allowedList(CALLBACK_STATUSES)}`,
    });
  }

  const url = optional('RecordingUrl');
  if (url !== undefined && !isHttpUrl(url)) {
    errors.push({ field: 'RecordingUrl', message: `'${url}' is not an absolute http(s) URL` });
  }

  const rawDuration = optional('RecordingDuration');
  let durationSeconds: number | undefined;
  if (rawDuration !== undefined) {
    const unknownYet = rawDuration === '-1' && status === 'in-progress';
    if (!unknownYet && !/^\d{1,7}$/.test(rawDuration)) {
      errors.push({
        field: 'RecordingDuration',
        message: `'${rawDuration}' must be a whole number of seconds, 0 or more (-1 only while in-progress)`,
      });
    } else if (!unknownYet) {
      durationSeconds = Number(rawDuration);
    }
  }

  const rawChannels = optional('RecordingChannels');
  if (rawChannels !== undefined && rawChannels !== '1' && rawChannels !== '2') {
    errors.push({ field: 'RecordingChannels', message: `'${rawChannels}' must be 1 or 2` });
  }

  const startTime = optional('RecordingStartTime');
  if (startTime !== undefined && Number.isNaN(Date.parse(startTime))) {
    errors.push({ field: 'RecordingStartTime', message: `'${startTime}' is not a date` });
  }

  const source = optional('RecordingSource');
  if (source !== undefined && !/^[A-Za-z]{1,64}$/.test(source)) {
    errors.push({
      field: 'RecordingSource',
      message: `'${source}' is not a recording source name`,
    });
  }

  const rawTrack = optional('RecordingTrack');
  const track = TRACKS.find((value) => value === rawTrack);
  if (rawTrack !== undefined && !track) {
    errors.push({
      field: 'RecordingTrack',
      message: `'${rawTrack}' is not allowed; expected one of ${allowedList(TRACKS)}`,
    });
  }

  const rawErrorCode = optional('ErrorCode');
  if (rawErrorCode !== undefined && !/^\d{1,6}$/.test(rawErrorCode)) {
    errors.push({
      field: 'ErrorCode',
      message: `'${rawErrorCode}' must be a numeric Twilio error code`,
    });
  }

  if (errors.length > 0 || !status) return err(errors);
  return ok({
    accountSid,
    callSid,
    recordingSid,
    status,
    url,
    durationSeconds,
    channels: rawChannels === undefined ? undefined : (Number(rawChannels) as 1 | 2),
    startTime,
    source,
    track,
    // Twilio sends ErrorCode=0 when there is no error.
    errorCode:
      rawErrorCode === undefined || rawErrorCode === '0' ? undefined : Number(rawErrorCode),
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

import { SID_PATTERNS } from './config/allowed-values';
import { EXAMPLE_SIDS, readField, readSid } from './config/event-fields';
import { allowedList, type FieldError, type Result } from './config/field-error';

export const RECORDING_STATUSES = ['in-progress', 'completed', 'absent', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

const TRACKS = ['inbound', 'outbound', 'both'] as const;

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
  track?: (typeof TRACKS)[number];
  errorCode?: number;
}

/**
 * Parses the parameters Twilio sends to a recording status callback. Every problem is reported
 * with the parameter's name and what is allowed, so a 400 answer tells the sender what to fix.
 */
export function parseStatusEvent(
  event: Record<string, unknown>,
  expectedAccountSid?: string,
): Result<RecordingStatusEvent> {
  const errors: FieldError[] = [];
  const sid = (field: 'AccountSid' | 'CallSid' | 'RecordingSid') => {
    const read = readSid(event, field, SID_PATTERNS[field], EXAMPLE_SIDS[field]);
    if (read.error) errors.push(read.error);
    return read.value ?? '';
  };
  const optional = (field: string) => {
    const read = readField(event, field);
    if (read.error) errors.push(read.error);
    return read.value;
  };

  const accountSid = sid('AccountSid');
  if (accountSid && expectedAccountSid && accountSid !== expectedAccountSid) {
    errors.push({
      field: 'AccountSid',
      message: 'does not belong to the account this service runs in',
    });
  }
  const callSid = sid('CallSid');
  const recordingSid = sid('RecordingSid');

  const rawStatus = optional('RecordingStatus');
  const status = RECORDING_STATUSES.find((value) => value === rawStatus);
  if (!status) {
    errors.push({
      field: 'RecordingStatus',
      message: `${rawStatus === undefined ? 'is required' : `'${rawStatus}' is not a recording status`}; expected one of ${allowedList(RECORDING_STATUSES)}`,
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

  if (errors.length > 0 || !status) return { ok: false, errors };
  return {
    ok: true,
    value: {
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
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

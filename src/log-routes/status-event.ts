import { fieldFailure, type Failure } from '../failure';
import type { RecordingStatusFacts } from '../recording-log/entries';
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
import { err, ok, type Result } from '../result';
import { parseHttpUrl } from '../service-url';
import { CALLBACK_STATUSES, TRACKS, type RecordingStatus } from '../twilio/recording-values';

/** A recording status callback, validated. Optional fields are undefined when not sent. */
export interface RecordingStatusEvent extends RecordingStatusFacts {
  accountSid: string;
}

/** A status event as read, and what it carried that could not be kept (field and why). */
export interface ParsedStatusEvent {
  event: RecordingStatusEvent;
  oddities: FieldError[];
  /** The toggle started the recording after a notice (`Consent=notice` on its callback URL). */
  afterNotice: boolean;
}

/** An optional field: how to check its text, what to keep of it, and why it would be left out. */
interface OptionalField<T> {
  valid: (raw: string, status: RecordingStatus) => boolean;
  value: (raw: string) => T;
  why: (status: RecordingStatus) => string;
}

const number = (raw: string) => Number(raw);
const text = (raw: string) => raw;

/** What Twilio may send beside the required fields, each read on its own terms. */
const OPTIONAL = {
  url: {
    field: 'RecordingUrl',
    rule: {
      valid: (raw) => parseHttpUrl(raw) !== undefined,
      value: text,
      why: () => 'is not an absolute http(s) URL',
    },
  },
  durationSeconds: {
    field: 'RecordingDuration',
    rule: {
      valid: (raw) => /^\d{1,7}$/.test(raw),
      value: number,
      why: (status) => `is not a whole number of seconds for a ${status} recording`,
    },
  },
  channels: {
    field: 'RecordingChannels',
    rule: { valid: (raw) => raw === '1' || raw === '2', value: number, why: () => 'is not 1 or 2' },
  },
  startTime: {
    field: 'RecordingStartTime',
    rule: {
      valid: (raw) => !Number.isNaN(Date.parse(raw)),
      value: text,
      why: () => 'is not a date',
    },
  },
  source: {
    field: 'RecordingSource',
    rule: {
      valid: (raw) => /^[A-Za-z]{1,64}$/.test(raw),
      value: text,
      why: () => 'is not a recording source name',
    },
  },
  track: {
    field: 'RecordingTrack',
    rule: {
      valid: (raw) => oneOf(TRACKS, raw),
      value: text,
      why: () => `is not one of ${allowedList(TRACKS)}`,
    },
  },
  // Twilio sends ErrorCode=0 when there is no error; an absent or empty one means the same.
  errorCode: {
    field: 'ErrorCode',
    rule: {
      valid: (raw) => /^\d{1,6}$/.test(raw),
      value: number,
      why: () => 'is not a numeric Twilio error code',
    },
  },
} satisfies Record<string, { field: string; rule: OptionalField<unknown> }>;

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
  ownAccountSid: string | undefined,
): Result<ParsedStatusEvent, Failure> {
  const errors: FieldError[] = [];
  const required = (read: FieldRead) => {
    if (read.error) errors.push(read.error);
    return read.value ?? '';
  };
  const accountSid = required(readOwnAccountSid(event, ownAccountSid, { required: true }));
  const callSid = required(readSid(event, 'CallSid', { required: true }));
  const recordingSid = required(readSid(event, 'RecordingSid', { required: true }));
  const rawStatus = readField(event, 'RecordingStatus').value;
  const status = CALLBACK_STATUSES.find((value) => value === rawStatus);
  if (!status) {
    errors.push({
      field: 'RecordingStatus',
      message: `${rawStatus === undefined ? 'is required' : `'${rawStatus}' is not a recording status`}; expected one of ${allowedList(CALLBACK_STATUSES)}`,
    });
  }
  if (errors.length > 0 || !status) return err(fieldFailure('invalid-input', errors));
  const { facts, oddities } = optionalFacts(event, status);
  const errorCode = facts.errorCode === 0 ? undefined : (facts.errorCode as number | undefined);
  return ok({
    event: {
      accountSid,
      callSid,
      recordingSid,
      status,
      ...facts,
      errorCode,
    } as RecordingStatusEvent,
    oddities,
    // Assumption [callback-query-kept]: Twilio requests a status callback URL with its query
    // string as given (it signs "the full URL", query included) and sends no `Consent` among
    // the documented callback parameters, so the value the toggle put on the URL reaches the
    // event intact; a forged one cannot, since the route is protected by that signature.
    afterNotice: readField(event, 'Consent').value === 'notice',
  });
}

/** The optional fields worth keeping, and each one left out with why. */
function optionalFacts(
  event: Fields,
  status: RecordingStatus,
): { facts: Partial<Record<keyof typeof OPTIONAL, unknown>>; oddities: FieldError[] } {
  const facts: Partial<Record<keyof typeof OPTIONAL, unknown>> = {};
  const oddities: FieldError[] = [];
  for (const [key, { field, rule }] of Object.entries(OPTIONAL)) {
    const read = readField(event, field);
    if (read.error) oddities.push({ ...read.error, message: `${read.error.message}; left out` });
    const raw = read.value;
    // -1 is how a duration not known yet is sent while recording: expected then, odd otherwise.
    if (
      raw === undefined ||
      (field === 'RecordingDuration' && raw === '-1' && status === 'in-progress')
    ) {
      facts[key as keyof typeof OPTIONAL] = undefined;
      continue;
    }
    const checked = rule as OptionalField<unknown>;
    if (checked.valid(raw, status)) facts[key as keyof typeof OPTIONAL] = checked.value(raw);
    else oddities.push({ field, message: `'${raw}' ${checked.why(status)}; left out` });
  }
  return { facts, oddities };
}

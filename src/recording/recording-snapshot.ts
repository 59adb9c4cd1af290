import { rfc2822 } from '../twilio/dates';

/**
 * A recording as the widget exposes it: every field as text, empty when the API has none.
 * Dates stay in the API's own RFC 2822 form.
 */
export interface RecordingSnapshot {
  AccountSid: string;
  ApiVersion: string;
  CallSid: string;
  ConferenceSid: string;
  DateCreated: string;
  DateUpdated: string;
  EncryptionDetails: string;
  ErrorCode: string;
  PriceUnit: string;
  Sid: string;
  Uri: string;
  Source: string;
  StartTime: string;
  Status: string;
  Channels: string;
  Track: string;
}

/** The subset of twilio-node's RecordingInstance this project reads. */
export interface RecordingResource {
  accountSid?: string | null;
  apiVersion?: string | null;
  callSid?: string | null;
  conferenceSid?: string | null;
  dateCreated?: Date | null;
  dateUpdated?: Date | null;
  encryptionDetails?: unknown;
  errorCode?: number | null;
  priceUnit?: string | null;
  sid?: string | null;
  uri?: string | null;
  source?: string | null;
  startTime?: Date | null;
  status?: string | null;
  channels?: number | null;
  track?: string | null;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function toSnapshot(resource: RecordingResource): RecordingSnapshot {
  return {
    AccountSid: text(resource.accountSid),
    ApiVersion: text(resource.apiVersion),
    CallSid: text(resource.callSid),
    ConferenceSid: text(resource.conferenceSid),
    DateCreated: rfc2822(resource.dateCreated) ?? '',
    DateUpdated: rfc2822(resource.dateUpdated) ?? '',
    EncryptionDetails: text(resource.encryptionDetails),
    ErrorCode: text(resource.errorCode),
    PriceUnit: text(resource.priceUnit),
    Sid: text(resource.sid),
    Uri: text(resource.uri),
    Source: text(resource.source),
    StartTime: rfc2822(resource.startTime) ?? '',
    Status: text(resource.status),
    Channels: text(resource.channels),
    Track: text(resource.track),
  };
}

import { MEDIA_TYPES, type RecordingWindow } from './media';
import type { Params } from './openapi';
import { notFound, TwilioApiError } from './twilio-error';

/**
 * A recording's media URL: `GET /2010-04-01/Accounts/{AC}/Recordings/{RE}`, with no extension or
 * `.wav` (a WAV file, `audio/x-wav`) or `.mp3` (`audio/mpeg`), as Twilio documents it. `.json`
 * is not media but the Recording resource (FetchRecording in the API description), so it is left
 * to the description's routes.
 *
 * Assumption [media-extension-404]: Twilio does not document its answer to another extension
 * (`.ogg`, `.xml`, ...); 404 (20404), since such a URL names nothing Twilio serves.
 */
export const MEDIA_OPERATION = 'FetchRecordingMedia';

const MEDIA_PATH =
  /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Recordings\/(RE[0-9a-fA-F]{32})(?:\.([^./]+))?$/;

export interface MediaRequest {
  accountSid: string;
  recordingSid: string;
  /** The extension as asked for, lower case; undefined when there is none. */
  extension?: string;
}

/** The media request a GET path is, or undefined (for `.json` and anything else). */
export function mediaRequestOf(method: string, path: string): MediaRequest | undefined {
  const match = method === 'GET' ? MEDIA_PATH.exec(path) : null;
  if (!match) return undefined;
  const extension = match[3]?.toLowerCase();
  if (extension === 'json') return undefined;
  return { accountSid: match[1], recordingSid: match[2], extension };
}

/**
 * `RequestedChannels` downmixes a dual-channel recording to one channel (`1`) or asks for both
 * (`2`); without it the file has the channels the recording was made with. Twilio documents
 * that "A recording created as a mono recording cannot be downloaded as a dual-channel audio
 * file" as warning 16113, so a mono one asked for `2` is served as it is, with that warning.
 * Assumption [requested-channels-400]: Twilio does not say what other values get; 400 (20001),
 * as for any value outside a parameter's set.
 */
const REQUESTED_CHANNELS = 'RequestedChannels';

export const MEDIA_PARAMETERS = new Set([REQUESTED_CHANNELS]);

/** An answer that tells the client when to ask again (a `Retry-After` header, in seconds). */
export class RetryLaterError extends TwilioApiError {
  constructor(
    status: number,
    code: number,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(status, code, message);
  }
}

export interface MediaSource {
  /** The recording's callSid and window; throws unless it is completed (404, or 21501). */
  mediaSource(recordingSid: string): { callSid: string; window: RecordingWindow };
  /** The recording's file in a format (the source keeps encoded files: see recording-media.ts). */
  file(
    recordingSid: string,
    callSid: string,
    window: RecordingWindow,
    format: 'wav' | 'mp3',
  ): Buffer;
}

export interface MediaFile {
  contentType: string;
  body: Buffer;
  warnings: string[];
}

function requestedChannels(query: Params): 1 | 2 | undefined {
  const value = query[REQUESTED_CHANNELS];
  if (value === undefined) return undefined;
  if (value === '1' || value === '2') return Number(value) as 1 | 2;
  throw new TwilioApiError(
    400,
    20001,
    `${REQUESTED_CHANNELS} must be 1 or 2, not '${([] as string[]).concat(value).join(',')}'`,
  );
}

/** The file a media request gets, or a TwilioApiError to answer instead. */
export function mediaFile(request: MediaRequest, query: Params, source: MediaSource): MediaFile {
  const format = request.extension ?? 'wav';
  if (format !== 'wav' && format !== 'mp3')
    throw notFound(`Recording ${request.recordingSid}.${format} (media is .wav or .mp3)`);
  const asked = requestedChannels(query);
  const { callSid, window } = source.mediaSource(request.recordingSid);
  const warnings: string[] = [];
  if (asked === 2 && window.channels === 1)
    warnings.push(
      '16113 A recording created as a mono recording cannot be downloaded as a dual-channel audio file: served as recorded',
    );
  const channels = asked === 1 ? 1 : window.channels;
  const body = source.file(request.recordingSid, callSid, { ...window, channels }, format);
  return { contentType: MEDIA_TYPES[format], body, warnings };
}

import type { Twilio } from 'twilio';
import type { TwilioSettings } from '../config/settings';
import { errorMessage } from '../errors';
import { failure, type Failure } from '../failure';
import { err, ok, type Result } from '../result';
import { timeLeft, withDeadline, type Budget } from '../retry';
import { rewriteToLoopback } from '../twilio/loopback';

/**
 * A Function's answer is at most 4 MB (twilio.com/docs/serverless/functions-assets/functions/
 * request-flow); the audio must fit with room for the headers.
 * Assumption [function-answer-4mb-decimal]: "4 MB" is read as 4,000,000 bytes, the smaller of
 * the two readings, so an answer that fits here fits either way.
 */
export const MAX_AUDIO_BYTES = 4_000_000 - 16_000;

/**
 * MP3 rather than WAV: Twilio serves both, and at 8 kHz a two-channel WAV takes about 1.9 MB a
 * minute, so only a two-minute call would fit; MP3 takes a few hundred KB a minute.
 * Assumption [twilio-mp3-at-most-64-kbps]: Twilio does not document its MP3 bit rate; 64 kbit/s
 * (8,000 bytes a second) is taken as the upper end, only to refuse a recording that is clearly
 * too long before downloading it; the real size decides.
 */
export const AUDIO_FORMAT = { extension: 'mp3', contentType: 'audio/mpeg' } as const;
const MP3_BYTES_PER_SECOND_AT_MOST = 8_000;

/**
 * The audio of one completed recording, fetched from Twilio's media URL with the service's own
 * credentials, to be passed on to the browser: the browser never sees a credential or Twilio's
 * URL.
 */
export async function recordingAudio(
  client: Twilio,
  twilio: Pick<TwilioSettings, 'apiBaseUrl'>,
  recordingSid: string,
  within: Budget,
): Promise<Result<Buffer, Failure>> {
  // One budget for the lookup and the download together: the Function has 10 s in all.
  const left = () => Math.max(1, timeLeft(within));
  let recording;
  try {
    recording = await withDeadline(client.recordings(recordingSid).fetch(), left());
  } catch (error) {
    if ((error as { status?: number }).status === 404)
      return err(failure('not-found', 'No such recording on this account'));
    return err(failure('media-unavailable', errorMessage(error)));
  }
  if (recording.status !== 'completed') {
    return err(
      failure(
        'no-audio',
        `The recording is ${recording.status}: it has no audio${recording.status === 'absent' ? '' : ' yet'}`,
      ),
    );
  }
  const seconds = Number(recording.duration);
  if (Number.isFinite(seconds) && seconds * MP3_BYTES_PER_SECOND_AT_MOST > MAX_AUDIO_BYTES * 1.5) {
    return err(tooLarge(seconds));
  }
  const media = mediaUrl(twilio.apiBaseUrl, client.accountSid, recordingSid);
  let answer: Response;
  let bytes: Buffer;
  try {
    answer = await fetch(media, {
      headers: { Authorization: basicAuth(client.username ?? '', client.password ?? '') },
      signal: AbortSignal.timeout(left()),
    });
    bytes = Buffer.from(await answer.arrayBuffer());
  } catch (error) {
    return err(failure('media-unavailable', errorMessage(error)));
  }
  if (!answer.ok) {
    const message = `Twilio answered ${answer.status} for the recording's audio`;
    const refused = failure('media-unavailable', message);
    return err(answer.status === 404 ? { ...refused, status: 404 } : refused);
  }
  if (bytes.length > MAX_AUDIO_BYTES)
    return err(tooLarge(Number.isFinite(seconds) ? seconds : undefined, bytes.length));
  return ok(bytes);
}

function tooLarge(seconds?: number, bytes?: number): Failure {
  const length = seconds === undefined ? '' : ` (${Math.round(seconds / 60)} min)`;
  const size = bytes === undefined ? '' : `, ${(bytes / 1e6).toFixed(1)} MB`;
  return failure(
    'too-large',
    `This recording${length}${size} is too large to play here: a Function can pass on at most 4 MB. Download it from the Twilio Console or the Recordings API.`,
  );
}

/** Twilio's media URL of a recording, through the loopback seam when running locally. */
function mediaUrl(base: string | undefined, accountSid: string, recordingSid: string): string {
  const url = `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}.${AUDIO_FORMAT.extension}`;
  return base ? rewriteToLoopback(url, base) : url;
}

function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

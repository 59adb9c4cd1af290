import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../src/result';
import type { LocalTwilio } from './stand-in/server';

export type MediaFormat = 'wav' | 'mp3';

export interface SavedRecording {
  recordingSid: string;
  /** The files written, one per format asked for. */
  files: string[];
}

/**
 * Downloads each completed recording of a call from the stand-in's media URL, as a client
 * would (Basic auth with the account's credentials), into `folder` as `RE….wav` / `RE….mp3`.
 * A recording without media (absent, or still processing) is left out; a download that fails
 * is an error naming the recording and the answer.
 */
export async function saveRecordings(
  twilio: LocalTwilio,
  callSid: string,
  formats: MediaFormat[],
  folder: string,
): Promise<Result<SavedRecording[], string>> {
  const completed = twilio
    .recordings(callSid)
    .filter((recording) => recording.status === 'completed');
  if (completed.length > 0) await mkdir(folder, { recursive: true });
  const authorization = `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;
  const saved: SavedRecording[] = [];
  for (const recording of completed) {
    const files: string[] = [];
    for (const format of formats) {
      const url = `${twilio.url}/api/2010-04-01/Accounts/${twilio.accountSid}/Recordings/${recording.sid}.${format}`;
      const response = await fetch(url, {
        headers: { authorization },
        signal: AbortSignal.timeout(60_000),
      });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200)
        return err(
          `${recording.sid}.${format}: the stand-in answered ${response.status} ${body.toString('utf8', 0, 200)}`,
        );
      const file = join(folder, `${recording.sid}.${format}`);
      await writeFile(file, body);
      files.push(file);
    }
    saved.push({ recordingSid: recording.sid, files });
  }
  return ok(saved);
}

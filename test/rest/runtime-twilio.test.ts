/**
 * Deployed, the Functions use the twilio library the runtime loaded, the `Twilio` global: the
 * Build's twilio 5.13.1, or the one @twilio/runtime-handler 2.0.1 brings, 4.23.0, installed
 * nested under it (src/twilio/library.ts says why either). Everything else is tested with
 * 5.13.1; here the same work runs on 4.23.0 (the `twilio-4` devDependency): every REST request
 * the Functions make passes the strict local Twilio. (The TwiML is the project's own, checked
 * against both versions in test/unit/twiml.test.ts.)
 */
import { readSettings, type Settings } from '../../src/config/settings';
import { toggleRecording } from '../../src/recording/recording-toggle';
import { readCallLog, storeStatusEvent } from '../../src/recording-log/recording-log';
import type { LocalTwilio } from '../../local/stand-in/server';
import { answeredCall, startTestStandIn } from '../support/local-twilio';

const twilio4 = require('twilio-4') as typeof import('twilio');
const globals = globalThis as { Twilio?: unknown };

/** Runs `work` as a deployed Function would: with twilio 4.23.0 as the runtime's global. */
async function onRuntimeTwilio<T>(work: () => T | Promise<T>): Promise<T> {
  const before = globals.Twilio;
  globals.Twilio = twilio4;
  try {
    return await work();
  } finally {
    globals.Twilio = before;
  }
}

it('is the 4.x line the runtime handler pins', () => {
  expect(require('twilio-4/package.json').version).toBe('4.23.0');
  expect(require('twilio/package.json').version).toBe('5.13.1');
});

describe('the REST requests, on 4.23.0, against the strict local Twilio', () => {
  let twilio: LocalTwilio;
  let settings: Settings;
  beforeAll(async () => {
    twilio = await startTestStandIn();
    // A timeout of its own, so that no client made with 5.13.1 is reused from the cache.
    settings = readSettings({
      ACCOUNT_SID: twilio.accountSid,
      AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
      DOMAIN_NAME: 'localhost:3000',
      REST_TIMEOUT_MS: '2468',
    });
  });
  afterAll(async () => {
    // The recording's callbacks (to a service not running here) are let through first.
    await twilio.settle();
    await twilio.close();
  });

  it('starts, pauses, resumes and stops a recording', async () => {
    const call = answeredCall(twilio);
    const event = (record: string) => ({
      CallSid: call.sid,
      AccountSid: twilio.accountSid,
      CallStatus: 'in-progress',
      Record: record,
    });
    for (const record of ['true', 'pause', 'resume', 'false']) {
      const result = await onRuntimeTwilio(() => toggleRecording(settings, event(record)));
      expect({ record, succeeded: result.succeeded }).toEqual({ record, succeeded: true });
    }
    expect(twilio.recordings(call.sid).map((recording) => recording.status)).not.toContain(
      'in-progress',
    );
  });

  it('writes a status event to the log and reads the call back', async () => {
    const call = answeredCall(twilio);
    const recordingSid = 'RE' + '7'.repeat(32);
    const stored = await onRuntimeTwilio(() =>
      storeStatusEvent(settings, { callSid: call.sid, recordingSid, status: 'completed' }),
    );
    expect(stored).toMatchObject({ ok: true, value: { duplicate: false } });
    const log = await onRuntimeTwilio(() => readCallLog(settings, call.sid));
    expect(log.ok && log.value.recordings).toEqual([
      expect.objectContaining({ recordingSid, status: 'completed' }),
    ]);
  });
});

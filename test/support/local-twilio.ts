import { sendSignedWebhook } from '../../local/signed-webhook';
import { startSimulation, type Simulation } from '../../local/simulation';
import {
  startTwilioStandIn,
  type LocalTwilio,
  type StandInOptions,
} from '../../local/stand-in/server';
import type { CallLog } from '../../src/recording-log/call-history';
import { readSettings } from '../../src/config/settings';
import { createRestClient } from '../../src/twilio/rest-client';
import { captureConsoleJson } from './console-capture';

/**
 * The stand-in as the project's own tests run it: strict, so that a misspelt parameter is
 * refused (Twilio would silently ignore it) and every answer is checked against Twilio's
 * description.
 */
export function startTestStandIn(options: StandInOptions = {}): Promise<LocalTwilio> {
  return startTwilioStandIn({ strict: true, ...options });
}

/** The project's own REST client, pointed at the stand-in through the loopback seam. */
export function standInClient(twilio: LocalTwilio, timeoutMs = 2000) {
  return clientFromEnv(
    {
      ACCOUNT_SID: twilio.accountSid,
      AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
    },
    timeoutMs,
  );
}

/** The project's own REST client, made from environment variables as a Function reads them. */
export function clientFromEnv(env: Record<string, string>, timeoutMs = 2000) {
  const made = createRestClient({ ...readSettings(env).twilio, restTimeoutMs: timeoutMs });
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/**
 * Starts the whole local Twilio for one test file (stopped after it), with a strict stand-in,
 * and captures the Functions' log lines. Read `current.sim` inside tests.
 */
/**
 * Every event a recording can report, in-progress included (the default leaves it out): for the
 * tests that follow a recording through each of its events.
 */
export const EVERY_STATUS_EVENT = {
  RECORDING_STATUS_CALLBACK_EVENT: 'in-progress completed absent',
};

export function useSimulation(options: Parameters<typeof startSimulation>[0] = {}) {
  const captured = captureConsoleJson();
  const current = { sim: undefined as unknown as Simulation, logs: captured.lines };
  beforeAll(async () => {
    current.sim = await startSimulation({
      ...options,
      standIn: { strict: true, ...options.standIn },
    });
  });
  afterAll(async () => {
    captured.restore();
    await current.sim.close();
  });
  return current;
}

/** What /recordings answers for one call, asked as any signed client would, through the gateway. */
export async function logOfCall(sim: Simulation, callSid: string): Promise<CallLog> {
  const answer = await sendSignedWebhook({
    authToken: sim.twilio.authToken,
    url: `${sim.gateway.url}/recordings`,
    method: 'GET',
    params: { CallSid: callSid },
    timeoutMs: 15000,
  });
  if (answer.status !== 200)
    throw new Error(`/recordings answered ${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body) as CallLog;
}

/** A new inbound call, already answered (as after the flow's first Say). */
export function answeredCall(twilio: LocalTwilio) {
  const call = twilio.createCall({
    from: '+15005550006',
    to: '+15005550001',
    direction: 'inbound',
  });
  twilio.answerCall(call.sid);
  return call;
}

/**
 * The requests and settings tests build again and again, in one place: an account, a call, a
 * recording, what Twilio posts for them, and the Functions' environment.
 */
export const TEST_ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const TEST_AUTH_TOKEN = 'test-auth-token-not-a-secret-000';
export const TEST_CALL_SID = 'CA' + 'a1'.repeat(16);
export const TEST_RECORDING_SID = 'RE' + 'b2'.repeat(16);
export const OTHER_ACCOUNT_SID = 'AC' + 'f'.repeat(32);
export const TEST_FLOW_SID = 'FW' + 'c3'.repeat(16);

/** Studio's return URL for a flow, written out in full (never built by the code under test). */
export function studioReturnUrlOf(flowSid = TEST_FLOW_SID, accountSid = TEST_ACCOUNT_SID): string {
  return `https://webhooks.twilio.com/v1/Accounts/${accountSid}/Flows/${flowSid}?FlowEvent=return`;
}

type Params = Record<string, string>;

/** What Twilio posts to a voice webhook during an answered inbound call. */
export function voiceWebhook(extra: Params = {}): Params {
  return {
    CallSid: TEST_CALL_SID,
    AccountSid: TEST_ACCOUNT_SID,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    ...extra,
  };
}

/** What Twilio posts to a recording status callback (a completed recording by default). */
export function statusCallback(extra: Params = {}): Params {
  return {
    AccountSid: TEST_ACCOUNT_SID,
    CallSid: TEST_CALL_SID,
    RecordingSid: TEST_RECORDING_SID,
    RecordingStatus: 'completed',
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${TEST_RECORDING_SID}`,
    RecordingDuration: '12',
    RecordingChannels: '2',
    ...extra,
  };
}

/** The Functions' environment, pointed at a local API (the loopback seam). */
export function functionEnv(apiUrl: string, extra: Params = {}): Params {
  return {
    ACCOUNT_SID: TEST_ACCOUNT_SID,
    AUTH_TOKEN: TEST_AUTH_TOKEN,
    DOMAIN_NAME: 'call-recording-1234-dev.twil.io',
    TWILIO_API_BASE_URL: apiUrl,
    ...extra,
  };
}

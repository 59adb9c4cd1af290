/**
 * Whole calls through everything Twilio would do: the call driver posts signed webhooks to the
 * gateway, which checks signatures in front of Twilio's own local runtime serving the built
 * Functions, which call the REST stand-in, whose signed status callbacks come back through the
 * gateway to /recording-status and into the Sync recording log.
 */
import { getExpectedTwilioSignature } from 'twilio';
import { placeCall, type CallResult } from '../../local/call-driver';
import { EVERY_STATUS_EVENT, logOfCall, useSimulation } from '../support/local-twilio';
import { parseTwiml, splitUrl } from '../support/twiml';

const local = useSimulation({ env: EVERY_STATUS_EVENT });
const captured = { lines: local.logs };

const heard = (result: CallResult) =>
  result.transcript.filter((entry) => entry.kind === 'say').map((entry) => entry.text);
const webhooksTo = (result: CallResult, path: string) =>
  result.transcript.filter((entry) => entry.kind === 'webhook' && entry.text.includes(` ${path}`));
const logItems = async (callSid: string) => (await logOfCall(local.sim, callSid)).recordings;
const restFor = (callSid: string, operation: string) =>
  local.sim.twilio.exchanges.filter(
    (exchange) => exchange.operation === operation && exchange.path.includes(callSid),
  );

describe('the Client Feedback flow, end to end', () => {
  it('records in dual channel, asks, stops after the answer, and logs every status event', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      speech: ['The agent was very helpful'],
    });
    expect(result.status).toBe('completed');

    const created = restFor(result.callSid, 'CreateCallRecording');
    expect(created).toHaveLength(1);
    expect(created[0].params).toMatchObject({
      RecordingChannels: 'dual',
      RecordingStatusCallback: `${local.sim.gateway.url}/recording-status?Consent=notice#rc=5&rp=all`,
    });

    const [recording] = local.sim.twilio.recordings(result.callSid);
    expect(local.sim.twilio.recordings(result.callSid)).toHaveLength(1);
    expect(recording).toMatchObject({ status: 'completed', channels: 2 });
    // Stopped by the toggle after the answer, not by the hang-up.
    expect(restFor(result.callSid, 'UpdateCallRecording')).toEqual([
      expect.objectContaining({ status: 200, params: { Status: 'stopped' } }),
    ]);
    expect(recording.endedAt).toBeLessThan(
      local.sim.twilio.getCall(result.callSid)?.endedAt as number,
    );

    const deliveries = local.sim.twilio.callbacks.filter(
      (delivery) => delivery.params.CallSid === result.callSid,
    );
    expect(
      deliveries.map((delivery) => [delivery.params.RecordingStatus, delivery.status]),
    ).toEqual([
      ['in-progress', 200],
      ['completed', 200],
    ]);
    const [item] = await logItems(result.callSid);
    expect(item).toMatchObject({
      recordingSid: recording.sid,
      status: 'completed',
      url: expect.stringContaining(recording.sid),
      feedback: { speechResult: 'The agent was very helpful' },
    });
    expect(item.history.map((entry) => entry.status)).toEqual(['in-progress', 'completed']);
    expect(heard(result).at(-1)).toMatch(/Thank you for your feedback/);
  });

  it('re-prompts a silent caller once, then stops the recording anyway', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, { speech: [] });
    expect(result.status).toBe('completed');
    expect(webhooksTo(result, '/feedback-received')).toHaveLength(2);
    expect(heard(result).filter((text) => /did not hear/.test(text))).toHaveLength(1);
    expect(restFor(result.callSid, 'UpdateCallRecording')).toHaveLength(1);
    expect(
      local.sim.twilio.recordings(result.callSid).map((recording) => recording.status),
    ).toEqual(['completed']);
  });

  it('still completes and reports the recording when the caller hangs up mid-question', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      hangUpDuringGather: 1,
    });
    expect(result.status).toBe('completed');
    expect(restFor(result.callSid, 'UpdateCallRecording')).toHaveLength(0);
    expect(
      local.sim.twilio.recordings(result.callSid).map((recording) => recording.status),
    ).toEqual(['completed']);
    const completed = local.sim.twilio.callbacks.find(
      (delivery) =>
        delivery.params.CallSid === result.callSid &&
        delivery.params.RecordingStatus === 'completed',
    );
    expect(completed?.status).toBe(200);
    expect((await logItems(result.callSid))[0]?.status).toBe('completed');
  });

  it('refuses an outbound call without recording it', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      direction: 'outbound-api',
    });
    expect(heard(result)).toEqual([expect.stringMatching(/only handles incoming calls/)]);
    expect(local.sim.twilio.recordings(result.callSid)).toEqual([]);
    expect(restFor(result.callSid, 'CreateCallRecording')).toEqual([]);
  });

  it('speaks a setting with a character XML cannot carry, without it (no 12100)', async () => {
    local.sim.env.ANNOUNCEMENT_TEXT = 'This call\u0007 will be recorded.';
    try {
      const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
        speech: ['Fine'],
      });
      expect(result.transcript.filter((entry) => entry.kind === 'error')).toEqual([]);
      expect(heard(result)[0]).toBe('"This call will be recorded."');
      expect(result.status).toBe('completed');
    } finally {
      delete local.sim.env.ANNOUNCEMENT_TEXT;
    }
  });
});

describe('the toggle’s Failed paths, end to end', () => {
  it('goes to Failed without a REST request when the call is not answered yet', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      webhookPath: '/recording-toggle?Record=true',
      speech: ['Fine'],
    });
    expect(webhooksTo(result, '/recording-failed')).toHaveLength(1);
    expect(webhooksTo(result, '/recording-failed')[0].text).toContain(
      'RecFailureReason=call-not-in-progress',
    );
    expect(restFor(result.callSid, 'CreateCallRecording')).toEqual([]);
    expect(heard(result)[0]).toMatch(/could not record this call/);
    expect(result.status).toBe('completed');
  });

  it('goes to Failed with 21220 when the API finds the call not in progress', async () => {
    const call = local.sim.twilio.createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    const url = `${local.sim.gateway.url}/recording-toggle?Record=true`;
    // The webhook claims in-progress, but Twilio's own state says ringing: the API decides.
    const params = {
      CallSid: call.sid,
      AccountSid: local.sim.twilio.accountSid,
      CallStatus: 'in-progress',
      Direction: 'inbound',
    };
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'X-Twilio-Signature': getExpectedTwilioSignature(local.sim.twilio.authToken, url, params),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(10000),
    });
    expect(response.status).toBe(200);
    const verbs = parseTwiml(await response.text());
    expect(verbs.map((verb) => verb.name)).toEqual(['Redirect']);
    expect(splitUrl(verbs[0].text)).toMatchObject({
      path: '/recording-failed',
      params: { RecAction: 'start', RecFailureReason: 'api-error', RecFailureCode: '21220' },
    });
    expect(restFor(call.sid, 'CreateCallRecording')).toEqual([
      expect.objectContaining({ status: 400 }),
    ]);
    expect(local.sim.twilio.recordings(call.sid)).toEqual([]);
  });

  it('goes to Failed and ends politely when asked to stop with nothing recording', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      webhookPath: '/recording-toggle?Record=false',
      answered: true,
    });
    const failed = webhooksTo(result, '/recording-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].text).toContain('RecFailureCode=20404');
    expect(heard(result)).toEqual([expect.stringMatching(/sorry for the trouble/)]);
    expect(result.status).toBe('completed');
  });
});

describe('the gateway', () => {
  const post = (path: string, params: Record<string, string>, signature?: string) =>
    fetch(`${local.sim.gateway.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(signature ? { 'X-Twilio-Signature': signature } : {}),
      },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(10000),
    });

  it('rejects a missing or wrong signature with 400, and the Function never runs', async () => {
    const params = {
      CallSid: 'CA' + '9'.repeat(32),
      AccountSid: local.sim.twilio.accountSid,
      Direction: 'inbound',
      CallStatus: 'in-progress',
    };
    const before = local.sim.twilio.exchanges.length;
    const logged = captured.lines.length;
    expect((await post('/recording-toggle?Record=true', params)).status).toBe(400);
    const wrong = getExpectedTwilioSignature(
      'not-the-token',
      `${local.sim.gateway.url}/recording-toggle?Record=true`,
      params,
    );
    expect((await post('/recording-toggle?Record=true', params, wrong)).status).toBe(400);
    expect(local.sim.twilio.exchanges.length).toBe(before);
    expect(
      captured.lines
        .slice(logged)
        .filter((line) => String(line.event).startsWith('recording-toggle')),
    ).toEqual([]);
    expect(local.sim.gateway.log.slice(-2)).toEqual([
      expect.objectContaining({ status: 400, signatureValid: false }),
      expect.objectContaining({ status: 400, signatureValid: false }),
    ]);
  });
});

/**
 * Calls placed to a number, as a caller places them: the voice engine looks up the number's
 * voice URL and method, as Twilio does, and follows the TwiML wherever it leads: the deployed
 * service's domain (served by the local Functions) or Studio (served by the stand-in), and
 * back. Studio → toggle → Studio, for success and for failure.
 */
import { placeCall, type CallResult } from '../../local/call-driver';
import { logOfCall, useSimulation } from '../support/local-twilio';

const local = useSimulation();

let domain: string;
beforeAll(() => {
  domain = local.sim.twilio.serverless.addService('call-recording', ['dev']).environments[0]
    .domainName;
});

const heard = (result: CallResult) =>
  result.transcript.filter((entry) => entry.kind === 'say').map((entry) => entry.text);
const webhooks = (result: CallResult) =>
  result.transcript.filter((entry) => entry.kind === 'webhook').map((entry) => entry.text);

describe('a call to a wired number', () => {
  it.each([
    ['POST', '+15551230001'],
    ['GET', '+15551230002'],
  ] as const)(
    'starts at the number’s voice URL on the service’s domain, by its method (%s), and runs the whole flow',
    async (method, number) => {
      local.sim.twilio.phoneNumbers.add(number, {
        voiceUrl: `https://${domain}/incoming-call`,
        voiceMethod: method,
      });
      const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
        number,
        speech: ['Lovely'],
      });
      expect(result.status).toBe('completed');
      expect(webhooks(result)[0]).toMatch(new RegExp(`^${method} ${domain}/incoming-call`));
      expect(local.sim.twilio.getCall(result.callSid)?.to).toBe(number);
      expect(local.sim.twilio.recordings(result.callSid).map((one) => one.status)).toEqual([
        'completed',
      ]);
      expect(heard(result).at(-1)).toMatch(/Thank you for your feedback/);
    },
  );

  it('fails a call to a number without a voice URL, and refuses a number not on the account', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230003');
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      number: '+15551230003',
    });
    expect(result).toMatchObject({ status: 'failed', webhooks: 0 });
    expect(result.transcript[0].text).toMatch(/has no voice URL/);
    await expect(
      placeCall(local.sim.twilio, local.sim.gateway.url, { number: '+15551239999' }),
    ).rejects.toThrow(/not one of this account's IncomingPhoneNumbers/);
  });

  it('falls back to the number’s voice fallback URL when its voice URL fails, and runs the flow from there', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230005', {
      voiceUrl: `https://${domain}/no-such-function`,
      voiceFallbackUrl: `https://${domain}/incoming-call`,
    });
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      number: '+15551230005',
      speech: ['Fine'],
    });
    expect(webhooks(result).slice(0, 2)).toEqual([
      expect.stringMatching(new RegExp(`^POST ${domain}/no-such-function `)),
      expect.stringMatching(new RegExp(`^POST ${domain}/incoming-call .*ErrorCode=11200$`)),
    ]);
    expect(result.transcript.filter((entry) => entry.kind === 'error')).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/^11200 404 from /) }),
    ]);
    expect(result.status).toBe('completed');
    expect(local.sim.twilio.recordings(result.callSid).map((one) => one.status)).toEqual([
      'completed',
    ]);
    expect(heard(result).at(-1)).toMatch(/Thank you for your feedback/);
  });

  it('never leaves this machine: a voice URL elsewhere ends the call as an application error', async () => {
    local.sim.twilio.phoneNumbers.add('+15551230004', {
      voiceUrl: 'https://demo.twilio.com/welcome/voice/',
    });
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      number: '+15551230004',
    });
    expect(result.transcript.map((entry) => entry.kind)).toEqual(['webhook', 'error', 'hangup']);
    expect(result.transcript[1].text).toMatch(/https:\/\/demo\.twilio\.com is not on this machine/);
  });
});

describe('Studio → toggle → Studio', () => {
  /** A flow that says the notice, hands the call to the toggle, and says what came back. */
  function studioNumber(phoneNumber: string): string {
    const flow = local.sim.twilio.studio.createFlow({
      say: 'This call may be recorded.',
      redirectWidget: 'record_on',
      redirectUrl: `https://${domain}/recording-toggle?Record=true&Return={{flow.flow_sid}}`,
    });
    local.sim.twilio.phoneNumbers.add(phoneNumber, { voiceUrl: flow.webhookUrl });
    return flow.sid;
  }
  const executionOf = (callSid: string) =>
    local.sim.twilio.studio.executions.find((execution) => execution.callSid === callSid);

  it('returns to the flow on Success with the widget’s variables', async () => {
    const flowSid = studioNumber('+15551230010');
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      number: '+15551230010',
    });
    const [recording] = local.sim.twilio.recordings(result.callSid);
    expect(webhooks(result).map((text) => text.split(/\?| {2}/)[0])).toEqual([
      `POST webhooks.twilio.com/v1/Accounts/${local.sim.twilio.accountSid}/Flows/${flowSid}`,
      `POST ${domain}/recording-toggle`,
      `POST webhooks.twilio.com/v1/Accounts/${local.sim.twilio.accountSid}/Flows/${flowSid}`,
    ]);
    const execution = executionOf(result.callSid);
    expect(execution?.widgets.record_on).toEqual({
      RecAction: 'start',
      RecSid: recording.sid,
      RecStatus: 'in-progress',
      RecChannels: '2',
      RecTrack: 'both',
      RecSource: 'StartCallRecordingAPI',
      RecAccountSid: local.sim.twilio.accountSid,
      RecCallSid: result.callSid,
      RecApiVersion: '2010-04-01',
      RecUri: expect.stringContaining(recording.sid),
      RecStartTime: expect.stringMatching(/ \+0000$/),
      RecDateCreated: expect.stringMatching(/ \+0000$/),
      RecDateUpdated: expect.stringMatching(/ \+0000$/),
    });
    // The return came by POST (the toggle's Redirect method): call parameters in the body,
    // and only FlowEvent and the toggle's own parameters on the URL.
    expect(execution?.returns[0].body).toMatchObject({ CallSid: result.callSid });
    expect(
      Object.keys(execution?.returns[0].query ?? {}).filter((name) => !name.startsWith('Rec')),
    ).toEqual(['FlowEvent']);
    expect(heard(result)).toEqual([
      '"This call may be recorded."',
      `"Back in Studio: Success, start, recording ${recording.sid} in-progress."`,
    ]);
    // The flow hung up; the recording completed with the call and was logged.
    expect(result.status).toBe('completed');
    expect(recording.status).toBe('completed');
    expect((await logOfCall(local.sim, result.callSid)).recordings).toEqual([
      expect.objectContaining({ recordingSid: recording.sid, status: 'completed' }),
    ]);
  });

  it('returns to the flow on Failed with the reason', async () => {
    studioNumber('+15551230011');
    local.sim.twilio.injectFault({
      operation: 'CreateCallRecording',
      effect: { kind: 'error', status: 400, code: 21220, message: 'Call is not in-progress' },
    });
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      number: '+15551230011',
    });
    expect(executionOf(result.callSid)?.widgets.record_on).toEqual({
      RecAction: 'start',
      RecFailureReason: 'api-error',
      RecFailureCode: '21220',
      RecFailureMessage: expect.stringContaining('Call is not in-progress'),
      RecRecordingState: 'not-recording',
    });
    expect(heard(result).at(-1)).toBe('"Back in Studio: Failed, api-error 21220, no recording."');
    expect(local.sim.twilio.recordings(result.callSid)).toEqual([]);
    expect(result.status).toBe('completed');
  });
});

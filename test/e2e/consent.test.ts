/**
 * Consent before recording, whole calls through the gateway, the Functions and the stand-in:
 * each mode against each way a caller can answer, what is recorded, what is kept as evidence,
 * and that nothing can start a recording the caller did not allow.
 */
import { placeCall, type CallResult, type GatherAnswer } from '../../local/call-driver';
import { SETTINGS } from '../../src/config/settings-table';
import { answeredCall, logOfCall, useSimulation } from '../support/local-twilio';
import { signedPost } from '../support/signed-post';
import { parseTwiml, splitUrl } from '../support/twiml';

const local = useSimulation();
afterEach(() => {
  local.sim.twilio.clearFaults();
  delete local.sim.env.RECORDING_CONSENT;
  delete local.sim.env.RECORDING_LOG_CALLER_BUDGET_MS;
});

const FEEDBACK = 'It went well';
const heard = (result: CallResult) =>
  result.transcript.filter((entry) => entry.kind === 'say').map((entry) => entry.text);
const startsOf = (callSid: string) =>
  local.sim.twilio.exchanges.filter(
    (exchange) => exchange.operation === 'CreateCallRecording' && exchange.path.includes(callSid),
  );

type Mode = 'opt-in' | 'opt-out';
interface Row {
  answer: string;
  input: GatherAnswer[];
  /** What the evidence says, for each mode. */
  decision: 'granted' | 'declined' | 'no-answer';
  method: 'dtmf' | 'speech' | 'none';
  attempts: number;
}

const ROWS: Row[] = [
  {
    answer: 'yes by key',
    input: [{ press: '1' }],
    decision: 'granted',
    method: 'dtmf',
    attempts: 1,
  },
  {
    answer: 'yes by speech',
    input: [{ say: 'Yes please' }],
    decision: 'granted',
    method: 'speech',
    attempts: 1,
  },
  {
    answer: 'no by key',
    input: [{ press: '2' }],
    decision: 'declined',
    method: 'dtmf',
    attempts: 1,
  },
  {
    answer: 'no by speech',
    input: [{ say: 'No thanks' }],
    decision: 'declined',
    method: 'speech',
    attempts: 1,
  },
  {
    answer: 'silence twice',
    input: [{ silent: true }, { silent: true }],
    decision: 'no-answer',
    method: 'none',
    attempts: 2,
  },
  {
    answer: 'garbage twice',
    input: [{ press: '7' }, { say: 'banana bread' }],
    decision: 'no-answer',
    method: 'speech',
    attempts: 2,
  },
];

/** Whether each mode records, for each decision. */
const RECORDS: Record<Mode, Record<Row['decision'], boolean>> = {
  'opt-in': { granted: true, declined: false, 'no-answer': false },
  'opt-out': { granted: true, declined: false, 'no-answer': true },
};

describe.each(['opt-in', 'opt-out'] as Mode[])('RECORDING_CONSENT=%s', (mode) => {
  it.each(ROWS)('$answer', async ({ input, decision, method, attempts }) => {
    local.sim.env.RECORDING_CONSENT = mode;
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      answers: [...input, { say: FEEDBACK }],
    });
    expect(result.status).toBe('completed');
    const recorded = RECORDS[mode][decision];
    const log = await logOfCall(local.sim, result.callSid);

    // The evidence: what was decided, how, after which prompt.
    const prompts =
      mode === 'opt-in'
        ? [SETTINGS.CONSENT_PROMPT.default, SETTINGS.CONSENT_REPROMPT.default]
        : [SETTINGS.OPT_OUT_PROMPT.default, SETTINGS.OPT_OUT_REPROMPT.default];
    expect(log.consent).toMatchObject({
      mode,
      decision,
      method,
      attempts,
      prompt: prompts[attempts - 1],
      recordingAllowed: recorded,
    });
    expect(typeof log.consent?.receivedAt).toBe('string');
    expect(heard(result)[0]).toContain(prompts[0]);

    if (recorded) {
      expect(startsOf(result.callSid)).toHaveLength(1);
      expect(local.sim.twilio.recordings(result.callSid).map((r) => r.status)).toEqual([
        'completed',
      ]);
      expect(log.recordings[0].feedback?.speechResult).toBe(FEEDBACK);
    } else {
      // Never started, and the caller is still heard and thanked.
      expect(startsOf(result.callSid)).toEqual([]);
      expect(local.sim.twilio.recordings(result.callSid)).toEqual([]);
      expect(log.recordings).toEqual([]);
      expect(log.feedback?.speechResult).toBe(FEEDBACK);
      expect(heard(result)).toContainEqual(
        expect.stringContaining(
          decision === 'declined'
            ? SETTINGS.CONSENT_DECLINED_TEXT.default
            : SETTINGS.CONSENT_NO_ANSWER_TEXT.default,
        ),
      );
    }
    expect(heard(result).at(-1)).toContain(SETTINGS.THANK_YOU_TEXT.default);
  });
});

describe('RECORDING_CONSENT=notice (the default)', () => {
  it('tells the caller, asks nothing, records, and keeps the notice as the evidence', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      answers: [{ say: FEEDBACK }],
    });
    const log = await logOfCall(local.sim, result.callSid);
    expect(heard(result)[0]).toContain(SETTINGS.ANNOUNCEMENT_TEXT.default);
    // The only question the caller hears is the feedback question.
    expect(result.transcript.filter((entry) => entry.text.startsWith('Gather'))).toHaveLength(1);
    expect(log.consent).toMatchObject({
      mode: 'notice',
      decision: 'notice',
      method: 'none',
      prompt: SETTINGS.ANNOUNCEMENT_TEXT.default,
      recordingAllowed: true,
    });
    expect(log.recordings).toEqual([
      expect.objectContaining({
        status: 'completed',
        feedback: expect.objectContaining({ speechResult: FEEDBACK }),
      }),
    ]);
  });
});

describe('what nothing can get around', () => {
  it('refuses a signed, hand-written Record=true in opt-in mode, with no REST request', async () => {
    local.sim.env.RECORDING_CONSENT = 'opt-in';
    const call = answeredCall(local.sim.twilio);
    const answer = await signedPost(
      local.sim.twilio.authToken,
      `${local.sim.gateway.url}/recording-toggle?Record=true&Consent=made-up-proof`,
      {
        CallSid: call.sid,
        AccountSid: local.sim.twilio.accountSid,
        CallStatus: 'in-progress',
        Direction: 'inbound',
      },
    );
    expect(answer.status).toBe(200);
    const [redirect] = parseTwiml(answer.body);
    expect(splitUrl(redirect.text)).toMatchObject({
      path: '/recording-failed',
      params: { RecAction: 'start', RecFailureReason: 'no-consent' },
    });
    expect(startsOf(call.sid)).toEqual([]);
    local.sim.twilio.endCall(call.sid);
  });

  it('does not record when the consent cannot be kept (Sync down), and the call goes on', async () => {
    local.sim.env.RECORDING_CONSENT = 'opt-in';
    local.sim.env.RECORDING_LOG_CALLER_BUDGET_MS = '500';
    local.sim.twilio.injectFault({
      operation: 'CreateSyncMapItem',
      times: Infinity,
      effect: { kind: 'error', status: 503, code: 20503, message: 'Sync is down' },
    });
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      answers: [{ press: '1' }, { say: FEEDBACK }],
    });
    expect(result.status).toBe('completed');
    expect(startsOf(result.callSid)).toEqual([]);
    expect(heard(result)).toContainEqual(
      expect.stringContaining(SETTINGS.START_FAILED_TEXT.default),
    );
    expect(heard(result).at(-1)).toContain(SETTINGS.THANK_YOU_TEXT.default);
    expect(local.logs).toContainEqual(
      expect.objectContaining({
        event: 'consent.not-stored',
        callSid: result.callSid,
        decision: 'granted',
      }),
    );
  });

  it('names a broken consent setting in the log and asks (opt-in) instead of recording unasked', async () => {
    local.sim.env.RECORDING_CONSENT = 'sometimes';
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      answers: [{ silent: true }, { silent: true }, { say: FEEDBACK }],
    });
    expect(startsOf(result.callSid)).toEqual([]);
    expect((await logOfCall(local.sim, result.callSid)).consent).toMatchObject({
      mode: 'opt-in',
      decision: 'no-answer',
    });
    expect(local.logs).toContainEqual(
      expect.objectContaining({
        event: 'recording-consent.configuration-error',
        errors: [expect.objectContaining({ field: 'RECORDING_CONSENT' })],
      }),
    );
  });
});

import { readSettings } from '../../src/config/settings';
import { decideFeedback, parseFeedbackAnswer } from '../../src/flow/feedback-received';
import { incomingCall as incomingCallStep } from '../../src/flow/incoming-call';
import { recordingFailed as recordingFailedStep } from '../../src/flow/recording-failed';
import { recordingSuccess as recordingSuccessStep } from '../../src/flow/recording-success';
import { setLogSink } from '../../src/logger';
import { parseTwiml, splitUrl, verbNames, type TwimlNode } from '../support/twiml';

const CALL = 'CA' + '4'.repeat(32);
const RECORDING = 'RE' + '5'.repeat(32);
const logged: Array<Record<string, unknown>> = [];

beforeAll(() => setLogSink((line) => logged.push(JSON.parse(line))));
afterAll(() => setLogSink(undefined));
beforeEach(() => {
  logged.length = 0;
});

type Env = Record<string, string>;
type Event = Record<string, unknown>;

/** Each step as its Function runs it: the settings read from the environment first. */
const incomingCall = (env: Env, event: Event) => incomingCallStep(readSettings(env), event);
const recordingSuccess = (env: Env, event: Event) => recordingSuccessStep(readSettings(env), event);
const recordingFailed = (env: Env, event: Event) => recordingFailedStep(readSettings(env), event);

/** /feedback-received without its storage: the answer read, and what the flow does next. */
const feedbackReceived = (env: Env, event: Event) =>
  decideFeedback(readSettings(env).voice, parseFeedbackAnswer(event));

const twiml = (response: { toString(): string } | { twiml: { toString(): string } }): TwimlNode[] =>
  parseTwiml(('twiml' in response ? response.twiml : response).toString());

describe('/incoming-call', () => {
  it('announces the recording with the default voice, then moves on to the consent step', () => {
    const verbs = twiml(incomingCall({}, { CallSid: CALL, Direction: 'inbound' }));
    expect(verbNames(verbs)).toEqual(['Say', 'Redirect']);
    expect(verbs[0].attributes).toEqual({ voice: 'Polly.Joanna', language: 'en-US' });
    expect(verbs[0].text).toMatch(/recorded/);
    expect(verbs[1].attributes.method).toBe('POST');
    expect(splitUrl(verbs[1].text)).toEqual({ path: '/recording-consent', params: {} });
  });

  it.each(['opt-in', 'opt-out'])(
    'in %s mode, announces nothing: the consent step asks first',
    (mode) => {
      const verbs = twiml(
        incomingCall({ RECORDING_CONSENT: mode }, { CallSid: CALL, Direction: 'inbound' }),
      );
      expect(verbNames(verbs)).toEqual(['Redirect']);
      expect(verbs[0].text).toBe('/recording-consent');
    },
  );

  it('takes text, voice and language from the configuration', () => {
    const verbs = twiml(
      incomingCall(
        {
          ANNOUNCEMENT_TEXT: 'Esta llamada será grabada.',
          SAY_VOICE: 'Polly.Lupe',
          SAY_LANGUAGE: 'es-US',
        },
        { Direction: 'inbound' },
      ),
    );
    expect(verbs[0]).toMatchObject({
      text: 'Esta llamada será grabada.',
      attributes: { voice: 'Polly.Lupe', language: 'es-US' },
    });
  });

  it.each(['outbound-api', 'outbound-dial', undefined])(
    'refuses a %s call politely and logs it',
    (direction) => {
      const verbs = twiml(incomingCall({}, { CallSid: CALL, Direction: direction }));
      expect(verbNames(verbs)).toEqual(['Say', 'Hangup']);
      expect(verbs[0].text).toMatch(/only handles incoming calls/);
      expect(logged).toContainEqual(
        expect.objectContaining({ event: 'incoming-call.not-inbound', callSid: CALL }),
      );
    },
  );
});

describe('/recording-success', () => {
  it('after a start, asks for feedback by speech with its action at /feedback-received', () => {
    const verbs = twiml(
      recordingSuccess({}, { RecAction: 'start', RecSid: RECORDING, CallSid: CALL }),
    );
    expect(verbNames(verbs)).toEqual(['Gather', 'Redirect']);
    const gather = verbs[0];
    expect(gather.attributes).toMatchObject({
      input: 'speech',
      speechTimeout: 'auto',
      method: 'POST',
    });
    expect(splitUrl(gather.attributes.action)).toEqual({
      path: '/feedback-received',
      params: { RecordingSid: RECORDING, Attempt: '1' },
    });
    expect(gather.children.map((child) => child.name)).toEqual(['Say']);
    expect(gather.children[0].text).toMatch(/experience/);
    expect(verbs[1].text).toBe(gather.attributes.action);
  });

  it('uses the configured prompt and speech timeout', () => {
    const verbs = twiml(
      recordingSuccess(
        { FEEDBACK_PROMPT: 'How did we do?', FEEDBACK_SPEECH_TIMEOUT: '3' },
        { RecAction: 'start', RecSid: RECORDING },
      ),
    );
    expect(verbs[0].attributes.speechTimeout).toBe('3');
    expect(verbs[0].children[0].text).toBe('How did we do?');
  });

  it('after a stop, thanks the caller and hangs up', () => {
    const verbs = twiml(recordingSuccess({}, { RecAction: 'stop', RecSid: RECORDING }));
    expect(verbNames(verbs)).toEqual(['Say', 'Hangup']);
    expect(verbs[0].text).toMatch(/Thank you/);
  });
});

describe('/recording-failed', () => {
  it('after a failed start, apologises and asks the question without recording', () => {
    const verbs = twiml(
      recordingFailed(
        {},
        {
          RecAction: 'start',
          RecFailureReason: 'api-error',
          RecFailureCode: '21220',
          RecFailureMessage: 'Call is not in-progress',
          CallSid: CALL,
        },
      ),
    );
    expect(verbNames(verbs)).toEqual(['Say', 'Gather', 'Redirect']);
    expect(verbs[0].text).toMatch(/could not record/);
    expect(splitUrl(verbs[1].attributes.action).params).toEqual({ Recording: 'off', Attempt: '1' });
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'recording-failed',
        action: 'start',
        reason: 'api-error',
        code: '21220',
        message: 'Call is not in-progress',
        callSid: CALL,
      }),
    ]);
  });

  it.each(['stop', 'pause', 'resume', undefined])(
    'after a failed %s, ends the call politely',
    (action) => {
      const verbs = twiml(
        recordingFailed({}, { RecAction: action, RecFailureReason: 'api-error' }),
      );
      expect(verbNames(verbs)).toEqual(['Say', 'Hangup']);
      expect(logged).toHaveLength(1);
    },
  );
});

describe('/feedback-received', () => {
  it('logs what the caller said and stops the recording it was given', () => {
    const verbs = twiml(
      feedbackReceived(
        {},
        {
          RecordingSid: RECORDING,
          Attempt: '1',
          SpeechResult: 'It was great',
          Confidence: '0.91',
          CallSid: CALL,
        },
      ),
    );
    expect(verbNames(verbs)).toEqual(['Redirect']);
    expect(splitUrl(verbs[0].text)).toEqual({
      path: '/recording-toggle',
      params: { Record: 'false', RecordingSid: RECORDING },
    });
    expect(logged).toContainEqual(
      expect.objectContaining({
        event: 'feedback.received',
        speechResult: 'It was great',
        confidence: 0.91,
        callSid: CALL,
      }),
    );
  });

  it('hands the answer over for the recording log, with the recording it belongs to', () => {
    const result = feedbackReceived(
      {},
      { RecordingSid: RECORDING, SpeechResult: 'Good', Confidence: '0.5', CallSid: CALL },
    );
    expect(result.feedback).toEqual({
      recordingSid: RECORDING,
      callSid: CALL,
      speechResult: 'Good',
      confidence: 0.5,
    });
    expect(
      feedbackReceived({}, { RecordingSid: RECORDING, Attempt: '2', CallSid: CALL }).feedback,
    ).toBeUndefined();
    // Not recorded (declined, or the start failed): kept for the call all the same.
    expect(
      feedbackReceived({}, { Recording: 'off', SpeechResult: 'Good', CallSid: CALL }).feedback,
    ).toEqual({ callSid: CALL, speechResult: 'Good', confidence: undefined });
  });

  it('re-prompts once when nothing was heard, then stops anyway', () => {
    const first = twiml(feedbackReceived({}, { RecordingSid: RECORDING, Attempt: '1' }));
    expect(verbNames(first)).toEqual(['Gather', 'Redirect']);
    expect(first[0].children[0].text).toMatch(/did not hear/);
    expect(splitUrl(first[0].attributes.action).params).toEqual({
      RecordingSid: RECORDING,
      Attempt: '2',
    });

    const second = twiml(
      feedbackReceived({}, { RecordingSid: RECORDING, Attempt: '2', SpeechResult: '  ' }),
    );
    expect(verbNames(second)).toEqual(['Redirect']);
    expect(splitUrl(second[0].text).params).toEqual({ Record: 'false', RecordingSid: RECORDING });
    expect(logged).toContainEqual(expect.objectContaining({ event: 'feedback.none' }));
  });

  it('without a known recording, stops the current one', () => {
    const verbs = twiml(feedbackReceived({}, { SpeechResult: 'fine' }));
    expect(splitUrl(verbs[0].text).params).toEqual({ Record: 'false' });
  });

  it('when the call was not recorded, thanks the caller and hangs up', () => {
    const verbs = twiml(
      feedbackReceived({}, { Recording: 'off', Attempt: '1', SpeechResult: 'ok' }),
    );
    expect(verbNames(verbs)).toEqual(['Say', 'Hangup']);
  });

  it('never echoes speech into TwiML and bounds what it logs', () => {
    const speech = '<Hangup/>"\'&'.repeat(2000);
    const verbs = twiml(feedbackReceived({}, { RecordingSid: RECORDING, SpeechResult: speech }));
    expect(verbNames(verbs)).toEqual(['Redirect']);
    const line = logged.find((entry) => entry.event === 'feedback.received');
    expect((line?.speechResult as string).length).toBe(2000);
    expect(line?.speechTruncated).toBe(true);
  });
});

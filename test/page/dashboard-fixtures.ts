import type { CallView, ConsentView, EraseAnswer } from '../../src/dashboard/view';

/** A SID of the given kind whose digits say which fixture it is. */
const sid = (prefix: 'CA' | 'RE', n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;

export const INJECTION = '<img src=x onerror=alert(1)>';
const PROMPT_INJECTION = '<b id="injected">Say yes</b><script>alert(2)</script>';

export const GRANTED_CALL = sid('CA', 1);
export const DUAL_RECORDING = sid('RE', 1);
export const DTMF_CALL = sid('CA', 2);
export const LARGE_RECORDING = sid('RE', 2);
export const DECLINED_CALL = sid('CA', 3);
export const ABSENT_CALL = sid('CA', 4);
export const OLDEST_CALL = sid('CA', 6);
export const SIMULATED_CALL = sid('CA', 7);

export const FEEDBACK = 'The agent was very helpful';
export const TOO_LARGE_MESSAGE =
  'This recording is 6.1 MB, more than the 4 MB a Function can answer: download it from the Twilio Console.';

const consent = (overrides: Partial<ConsentView>): ConsentView => ({
  mode: 'opt-in',
  decision: 'granted',
  method: 'dtmf',
  prompt: 'This call may be recorded. Press 1 or say yes to agree.',
  attempts: 1,
  recordingAllowed: true,
  at: '2026-11-27T10:40:10Z',
  ...overrides,
});

/** Six calls, newest first, as /dashboard-calls lists them. */
export const CALLS: CallView[] = [
  {
    callSid: GRANTED_CALL,
    from: '+15551230001',
    to: '+15559870002',
    status: 'completed',
    startTime: '2026-11-27T10:40:00Z',
    endTime: '2026-11-27T10:42:10Z',
    durationSeconds: 130,
    consent: consent({ method: 'speech', speech: 'yes please', confidence: 0.92 }),
    logAvailable: true,
    logged: true,
    recordings: [
      {
        sid: DUAL_RECORDING,
        status: 'completed',
        channels: 2,
        durationSeconds: 78,
        startTime: '2026-11-27T10:40:12Z',
        spans: [
          { kind: 'recorded', from: '2026-11-27T10:40:12Z', to: '2026-11-27T10:40:40Z' },
          { kind: 'paused', from: '2026-11-27T10:40:40Z', to: '2026-11-27T10:40:50Z' },
          { kind: 'recorded', from: '2026-11-27T10:40:50Z', to: '2026-11-27T10:41:30Z' },
        ],
        feedback: { speechResult: FEEDBACK, confidence: 0.87 },
        audio: {
          path: `/dashboard-audio?RecordingSid=${DUAL_RECORDING}`,
          contentType: 'audio/mpeg',
        },
      },
    ],
  },
  {
    callSid: DTMF_CALL,
    from: '+15551230003',
    to: '+15559870002',
    status: 'completed',
    startTime: '2026-11-27T10:30:00Z',
    endTime: '2026-11-27T10:31:40Z',
    durationSeconds: 100,
    consent: consent({ digits: '1', at: '2026-11-27T10:30:08Z' }),
    logAvailable: true,
    logged: true,
    recordings: [
      {
        sid: LARGE_RECORDING,
        status: 'completed',
        channels: 1,
        durationSeconds: 80,
        spans: [{ kind: 'recorded', from: '2026-11-27T10:30:10Z', to: '2026-11-27T10:31:30Z' }],
        audio: {
          path: `/dashboard-audio?RecordingSid=${LARGE_RECORDING}`,
          contentType: 'audio/mpeg',
        },
      },
    ],
  },
  {
    callSid: DECLINED_CALL,
    from: '+15551230004',
    to: '+15559870002',
    status: 'completed',
    startTime: '2026-11-27T10:20:00Z',
    endTime: '2026-11-27T10:21:00Z',
    durationSeconds: 60,
    consent: consent({
      decision: 'declined',
      method: 'speech',
      speech: INJECTION,
      confidence: 0.64,
      prompt: PROMPT_INJECTION,
      recordingAllowed: false,
    }),
    feedback: { speechResult: INJECTION, confidence: 0.41 },
    logAvailable: true,
    logged: true,
    recordings: [],
  },
  {
    callSid: ABSENT_CALL,
    from: '+15551230005',
    to: '+15559870002',
    status: 'completed',
    startTime: '2026-11-27T10:10:00Z',
    endTime: '2026-11-27T10:10:40Z',
    durationSeconds: 40,
    consent: consent({ mode: 'notice', decision: 'notice', method: 'none' }),
    logAvailable: true,
    logged: true,
    recordings: [
      {
        sid: sid('RE', 4),
        status: 'absent',
        channels: 2,
        errorCode: 16102,
        spans: [{ kind: 'recorded', from: '2026-11-27T10:10:05Z', to: '2026-11-27T10:10:30Z' }],
      },
    ],
  },
  {
    callSid: sid('CA', 5),
    from: '+15551230006',
    to: '+15559870002',
    status: 'failed',
    logAvailable: false,
    logged: false,
    recordings: [],
  },
  {
    callSid: OLDEST_CALL,
    from: '+15551230007',
    to: '+15559870002',
    status: 'no-answer',
    startTime: '2026-11-26T09:00:00Z',
    endTime: '2026-11-26T09:00:30Z',
    durationSeconds: 0,
    logAvailable: true,
    logged: false,
    recordings: [],
  },
];

/** The call the service lists once a simulated call is placed: still going, not yet recorded. */
export function simulatedCall(fields: URLSearchParams): CallView {
  return {
    callSid: SIMULATED_CALL,
    from: '+15550001111',
    to: '+15559870002',
    status: 'in-progress',
    startTime: new Date(Date.now() - 5_000).toISOString(),
    logAvailable: true,
    logged: true,
    feedback: { speechResult: fields.get('say') ?? '' },
    recordings: [],
  };
}

/**
 * The call as /dashboard-calls shows it once POST /dashboard-erase erased it: its erasure entry,
 * its recordings gone, no feedback, the consent decision without the caller's answer.
 */
export function erasedCall(call: CallView, reason: string | undefined, at: string): CallView {
  const { feedback: _feedback, consent, recordings, ...rest } = call;
  const kept = consent
    ? (({ digits: _digits, speech: _speech, confidence: _confidence, ...decision }) => decision)(
        consent,
      )
    : undefined;
  return {
    ...rest,
    ...(kept ? { consent: { ...kept, answerErased: true } } : {}),
    recordings: [],
    erasure: {
      at,
      means: 'page',
      ...(reason ? { reason } : {}),
      recordings: recordings.length,
      recordingSids: recordings.map((recording) => recording.sid),
      complete: true,
    },
  };
}

/** What POST /dashboard-erase answers for `call` erased as above. */
export function eraseAnswer(call: CallView, erased: CallView): EraseAnswer {
  const { at, means, reason } = erased.erasure ?? { at: '', means: 'page' as const };
  return {
    callSid: call.callSid,
    erasure: { at, means, ...(reason ? { reason } : {}) },
    recordings: call.recordings.map((recording) => ({
      sid: recording.sid,
      result: 'deleted' as const,
    })),
    alreadyErased: false,
  };
}

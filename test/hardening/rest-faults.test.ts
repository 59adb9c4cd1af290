/**
 * REST faults on every toggle action, injected by the stand-in, through the gateway and the
 * local Functions: the caller always gets a graceful path, the Function answers inside its
 * budget, and the recording ends up in a state the flow was told about. No duplicates.
 */
import type { FaultEffect } from '../../local/contracts';
import { withOverrides } from '../../local/with-overrides';
import { answeredCall, useSimulation } from '../support/local-twilio';
import { signedPost } from '../support/signed-post';
import { parseTwiml, splitUrl } from '../support/twiml';

const REST_TIMEOUT_MS = 400;
const BUDGET_MS = 1600;
// Generous: the point is "bounded, well under Twilio's 10 s", not a precise timing.
const ANSWER_WITHIN_MS = BUDGET_MS + 2000;

const local = useSimulation({
  env: { REST_TIMEOUT_MS: String(REST_TIMEOUT_MS), TOGGLE_BUDGET_MS: String(BUDGET_MS) },
});
afterEach(() => local.sim.twilio.clearFaults());

type Action = 'start' | 'stop' | 'pause' | 'resume';
const RECORD: Record<Action, string> = {
  start: 'true',
  stop: 'false',
  pause: 'pause',
  resume: 'resume',
};
const BEFORE: Record<Action, string | undefined> = {
  start: undefined,
  stop: 'in-progress',
  pause: 'in-progress',
  resume: 'paused',
};
const AFTER: Record<Action, string> = {
  start: 'in-progress',
  stop: 'completed',
  pause: 'paused',
  resume: 'in-progress',
};

async function toggle(callSid: string, action: Action, recordingSid?: string) {
  const query = new URLSearchParams({
    Record: RECORD[action],
    ...(recordingSid ? { RecordingSid: recordingSid } : {}),
  });
  const started = Date.now();
  const answer = await signedPost(
    local.sim.twilio.authToken,
    `${local.sim.gateway.url}/recording-toggle?${query}`,
    {
      CallSid: callSid,
      AccountSid: local.sim.twilio.accountSid,
      CallStatus: 'in-progress',
      Direction: 'inbound',
    },
  );
  const elapsed = Date.now() - started;
  expect(answer.status).toBe(200);
  const verbs = parseTwiml(answer.body);
  expect(verbs.map((verb) => verb.name)).toEqual(['Redirect']);
  return { elapsed, ...splitUrl(verbs[0].text) };
}

/** A live call whose recording is in the state the action starts from. */
async function prepare(action: Action): Promise<{ callSid: string; recordingSid?: string }> {
  const call = answeredCall(local.sim.twilio);
  if (action === 'start') return { callSid: call.sid };
  const started = await toggle(call.sid, 'start');
  await local.sim.twilio.clock.advance(5000);
  if (action === 'resume') await toggle(call.sid, 'pause', started.params.RecSid);
  return { callSid: call.sid, recordingSid: started.params.RecSid };
}

/**
 * A few faults end to end, one per kind of outcome; the policy behind them (which failure is
 * retried, when the state is read back, the budget) is unit-tested in test/unit/apply-toggle.
 */
interface Case {
  action: Action;
  name: string;
  effect: FaultEffect;
  times: number;
  /** What the caller must get: the Success path, or Failed with this reason. */
  outcome: 'success' | 'timeout' | 'api-error' | 'unreachable';
  /** Whether the action took effect. */
  applied: boolean | 'eventually';
}

const CASES: Case[] = [
  {
    action: 'start',
    name: '429 once, then success',
    effect: { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' },
    times: 1,
    outcome: 'success',
    applied: true,
  },
  {
    action: 'stop',
    name: '500 every time',
    effect: { kind: 'error', status: 500, code: 20500, message: 'Internal Server Error' },
    times: Infinity,
    outcome: 'api-error',
    applied: false,
  },
  {
    action: 'start',
    name: 'an answer slower than the client timeout',
    effect: { kind: 'delay', ms: REST_TIMEOUT_MS + 1100 },
    times: Infinity,
    outcome: 'timeout',
    applied: 'eventually',
  },
  {
    action: 'start',
    name: 'the answer lost after the change was applied',
    effect: { kind: 'apply-then-reset' },
    times: 1,
    outcome: 'success',
    applied: true,
  },
  {
    action: 'stop',
    name: 'the answer lost after the stop was applied (read back as stopped or processing)',
    effect: { kind: 'apply-then-reset' },
    times: 1,
    outcome: 'success',
    applied: true,
  },
  {
    action: 'resume',
    name: 'a connection reset before anything was applied',
    effect: { kind: 'reset' },
    times: 1,
    outcome: 'success',
    applied: true,
  },
];

const operationOf = (action: Action) =>
  action === 'start' ? 'CreateCallRecording' : 'UpdateCallRecording';

it.each(CASES)('$action: $name', async ({ action, effect, times, outcome, applied }) => {
  const { callSid, recordingSid } = await prepare(action);
  local.sim.twilio.injectFault({ operation: operationOf(action), times, effect });
  const result = await toggle(callSid, action, recordingSid);
  local.sim.twilio.clearFaults();

  expect(result.elapsed).toBeLessThan(ANSWER_WITHIN_MS);
  if (outcome === 'success') {
    expect(result.path).toBe('/recording-success');
  } else {
    expect(result.path).toBe('/recording-failed');
    expect(result.params).toMatchObject({ RecAction: action, RecFailureReason: outcome });
    // The flow is told what to assume; a failed stop never reads as "off".
    const expectedState =
      action === 'start' ? 'unknown' : BEFORE[action] === 'paused' ? 'paused' : 'recording';
    expect(result.params.RecRecordingState).toBe(expectedState);
  }

  if (effect.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, effect.ms + 300));
  // A stopped recording is processed before it is completed.
  if (action === 'stop') await local.sim.twilio.settle(callSid);
  const recordings = local.sim.twilio.recordings(callSid);
  // Never a second recording, whatever happened to the first start.
  expect(recordings.length).toBeLessThanOrEqual(1);
  const status = recordings[0]?.status;
  if (applied === true) expect(status).toBe(AFTER[action]);
  if (applied === false) expect(status).toBe(BEFORE[action]);
});

it('pause: a refused connection', async () => {
  const { callSid, recordingSid } = await prepare('pause');
  // Nothing listens on port 9 (discard) of the loopback interface: the connection is refused.
  const result = await withOverrides(
    local.sim.env,
    { TWILIO_API_BASE_URL: 'http://127.0.0.1:9' },
    () => toggle(callSid, 'pause', recordingSid),
  );
  expect(result.elapsed).toBeLessThan(ANSWER_WITHIN_MS);
  expect(result).toMatchObject({
    path: '/recording-failed',
    params: { RecFailureReason: 'unreachable', RecFailureCode: 'ECONNREFUSED' },
  });
  expect(local.sim.twilio.recordings(callSid)[0]?.status).toBe(BEFORE.pause);
});

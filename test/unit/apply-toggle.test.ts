import { applyToggle } from '../../src/recording/apply-toggle';
import type { ToggleRequest } from '../../src/recording/toggle-request';
import { SYSTEM_CLOCK, budget } from '../../src/retry';
import { FakeRecordingsApi } from '../support/fake-recordings-api';

const BUDGET_MS = 7000;
const REQUEST_TIMEOUT_MS = 3000;
const transitions = { success: '/recording-success', failed: '/recording-failed' };

/** Virtual time: each request and each backoff moves it; nothing waits for real. */
function setUp(latencyMs = 100) {
  const api = new FakeRecordingsApi(latencyMs);
  const started: number[] = [];
  // The toggle's budget as the route makes it, on the fake's clock; backoffs at half their ceiling.
  const policy = budget(BUDGET_MS, REQUEST_TIMEOUT_MS, {
    minRequestMs: REQUEST_TIMEOUT_MS,
    clock: {
      now: () => api.clock.now(),
      sleep: (ms) => api.clock.advance(ms),
      random: () => 0.5,
      timeout: SYSTEM_CLOCK.timeout,
    },
  });
  const recordStarts = new Proxy(api, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (
        typeof value !== 'function' ||
        !['create', 'update', 'fetch', 'list'].includes(String(name))
      )
        return value;
      return (...args: unknown[]) => {
        started.push(api.clock.now());
        return value.apply(target, args);
      };
    },
  });
  return { api, policy, recordStarts, started };
}

const start = (callSid: string): ToggleRequest => ({
  action: 'start',
  callSid,
  transitions,
  options: {
    statusCallback: 'https://svc.twil.io/recording-status',
    statusCallbackMethod: 'POST',
    statusCallbackEvents: ['in-progress', 'completed', 'absent'],
    channels: 'dual',
    trim: 'do-not-trim',
    track: 'both',
  },
});
const update = (
  action: 'stop' | 'pause' | 'resume',
  callSid: string,
  recordingSid?: string,
): ToggleRequest => ({
  action,
  callSid,
  transitions,
  recordingSid,
});

const tooMany = { kind: 'refuse', status: 429, code: 20429 } as const;
const serverError = { kind: 'refuse', status: 500, code: 20500 } as const;

describe('starting a recording', () => {
  it('takes exactly one request on the happy path', async () => {
    const { api, policy } = setUp();
    const outcome = await applyToggle(api, start(api.callSid), policy);
    expect(outcome).toMatchObject({ result: { ok: true }, requests: 1, attempts: 1 });
    expect(api.requests).toEqual(['create']);
  });

  it.each([
    ['a 429 (Twilio: never processed)', tooMany],
    ['a refused connection', { kind: 'network', code: 'ECONNREFUSED' } as const],
  ])('sends the start again after %s, with nothing to read back', async (_name, fault) => {
    const { api, policy } = setUp();
    api.failNext('create', fault);
    const outcome = await applyToggle(api, start(api.callSid), policy);
    expect(outcome.result.ok).toBe(true);
    expect(api.requests).toEqual(['create', 'create']);
    expect(api.recordings).toHaveLength(1);
  });

  it('keeps sending a start refused with 429 while the budget lasts: refusals use up no attempt', async () => {
    const { api, policy } = setUp();
    api.failNext('create', tooMany, 5);
    const outcome = await applyToggle(api, start(api.callSid), policy);
    expect(outcome).toMatchObject({ result: { ok: true }, attempts: 6 });
    expect(api.requests).toEqual(Array(6).fill('create'));
    expect(api.recordings).toHaveLength(1);
  });

  it('never sends a start again after a 5xx: it reads back once and reports the failure', async () => {
    const { api, policy } = setUp();
    api.failNext('create', serverError, Infinity);
    const outcome = await applyToggle(api, start(api.callSid), policy);
    expect(outcome).toMatchObject({
      result: { ok: false, error: { code: 'api-error', detail: '20500' } },
      requests: 2,
    });
    expect(api.requests).toEqual(['create', 'list']);
    expect(api.recordings).toHaveLength(0);
  });

  it('reports Success when the read-back finds the start whose answer was lost', async () => {
    const { api, policy } = setUp();
    api.failNext('create', { kind: 'lost-answer' });
    const outcome = await applyToggle(api, start(api.callSid), policy);
    expect(outcome.result.ok && outcome.result.value.Status).toBe('in-progress');
    expect(api.requests).toEqual(['create', 'list']);
    expect(api.recordings).toHaveLength(1);
  });

  it('fails as a timeout when the read-back finds nothing after a timeout', async () => {
    const { api, policy } = setUp();
    api.failNext('create', { kind: 'network', code: 'ETIMEDOUT' });
    const outcome = await applyToggle(api, start(api.callSid), policy);
    expect(outcome).toMatchObject({ result: { ok: false, error: { code: 'timeout' } } });
    expect(api.requests).toEqual(['create', 'list']);
  });

  it('stops at once on an answer that will not change (21220)', async () => {
    const { api, policy } = setUp();
    api.failNext('create', { kind: 'refuse', status: 400, code: 21220 });
    const outcome = await applyToggle(api, start(api.callSid), policy);
    expect(outcome).toMatchObject({
      result: { ok: false, error: { code: 'api-error', detail: '21220', transient: false } },
      requests: 1,
    });
  });
});

describe('updating a recording', () => {
  it('retries a named recording after a 503, reading it back first', async () => {
    const { api, policy } = setUp();
    const recording = api.withRecording('in-progress');
    api.failNext('update', { kind: 'refuse', status: 503, code: 20503 });
    const outcome = await applyToggle(api, update('stop', api.callSid, recording.Sid), policy);
    expect(outcome).toMatchObject({ result: { ok: true }, attempts: 2, requests: 3 });
    expect(api.requests).toEqual(['update', 'fetch', 'update']);
    // The stop's answer said stopped; processing follows at once.
    expect(api.recordings[0].Status).toBe('processing');
  });

  it.each([
    ['stop', 'in-progress', 'processing'],
    ['pause', 'in-progress', 'paused'],
    ['resume', 'paused', 'in-progress'],
  ] as const)(
    'finds a %s of the current recording that was applied though its answer was lost',
    async (action, before, after) => {
      const { api, policy } = setUp();
      api.withRecording(before);
      api.failNext('update', { kind: 'lost-answer' });
      const outcome = await applyToggle(api, update(action, api.callSid), policy);
      expect(outcome.result.ok).toBe(true);
      expect(api.requests).toEqual(['update', 'list']);
      expect(api.recordings[0].Status).toBe(after);
    },
  );

  it('takes a stop as done when the read-back shows the recording already finished', async () => {
    const { api, policy } = setUp();
    const recording = api.withRecording('in-progress');
    api.failNext('update', { kind: 'refuse', status: 500 });
    // The caller hung up while the stop was on its way: the hang-up ended the recording.
    api.hangUp();
    const outcome = await applyToggle(api, update('stop', api.callSid, recording.Sid), policy);
    expect(outcome.result.ok && outcome.result.value.Status).toBe('processing');
    expect(api.requests).toEqual(['update', 'fetch']);
  });

  it('fails at once when the current recording is ambiguous (16108: two active recordings)', async () => {
    const { api, policy } = setUp();
    api.withRecording('in-progress');
    api.withRecording('in-progress');
    const outcome = await applyToggle(api, update('pause', api.callSid), policy);
    expect(outcome).toMatchObject({
      result: { ok: false, error: { code: 'api-error', detail: '16108', transient: false } },
      requests: 1,
    });
    expect(api.recordings.map((recording) => recording.Status)).toEqual([
      'in-progress',
      'in-progress',
    ]);
  });

  it('does not retry when the state cannot be read back', async () => {
    const { api, policy } = setUp();
    api.withRecording('in-progress');
    api.failNext('update', serverError).failNext('list', serverError);
    const outcome = await applyToggle(api, update('pause', api.callSid), policy);
    expect(outcome).toMatchObject({ result: { ok: false, error: { code: 'api-error' } } });
    expect(api.requests).toEqual(['update', 'list']);
  });
});

describe('the time budget', () => {
  it('gives up after its attempts, each request started with a full timeout still left', async () => {
    const { api, policy, recordStarts, started } = setUp(50);
    api.withRecording('paused');
    api.failNext('update', serverError, Infinity);
    const outcome = await applyToggle(recordStarts, update('resume', api.callSid), policy);
    expect(outcome).toMatchObject({ result: { ok: false, error: { code: 'api-error' } } });
    expect(api.requests.filter((call) => call === 'update')).toHaveLength(3);
    for (const at of started) expect(BUDGET_MS - at).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
    expect(api.clock.now()).toBeLessThanOrEqual(BUDGET_MS);
  });

  it('starts no request that could not finish inside the budget', async () => {
    const { api, policy, recordStarts, started } = setUp(2500);
    api.withRecording('in-progress');
    api.failNext('update', serverError, Infinity);
    const outcome = await applyToggle(recordStarts, update('stop', api.callSid), policy);
    expect(outcome.result.ok).toBe(false);
    // The update at 0 and the read-back at 2550; at 5050 less than a timeout is left.
    expect(started).toEqual([0, 2550]);
    expect(api.clock.now()).toBeLessThanOrEqual(BUDGET_MS);
  });
});

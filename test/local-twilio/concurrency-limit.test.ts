/**
 * The account's limit on concurrent REST requests (twilio.com/docs/api/errors/20429): a request
 * over it is answered 429 with 20429 and "never processed"; the stand-in counts every product.
 */
import { SimulatedClock } from '../../local/clock';
import { startTwilioStandIn, type LocalTwilio } from '../../local/stand-in/server';
import { DEFAULT_CONCURRENCY_LIMIT } from '../../local/stand-in/concurrency-limit';
import { startTestStandIn, answeredCall } from '../support/local-twilio';
import { accountPath, holdAccountSlot, standInRequest } from '../support/stand-in-request';

let twilio: LocalTwilio;

beforeAll(async () => {
  twilio = await startTestStandIn({ concurrencyLimit: 1 });
});
afterAll(() => twilio.close());
afterEach(() => twilio.clearFaults());

it.each(['api', 'sync'] as const)(
  'refuses a start over the limit (the slot held by %s) with 429 / 20429, and applies nothing',
  async (product) => {
    const call = answeredCall(twilio);
    const release = await holdAccountSlot(twilio, product);
    const create = () =>
      standInRequest(twilio, 'POST', accountPath(twilio, `/Calls/${call.sid}/Recordings.json`));
    let refused;
    try {
      refused = await create();
    } finally {
      await release();
    }
    expect(refused).toMatchObject({
      status: 429,
      body: { code: 20429, status: 429, more_info: 'https://www.twilio.com/docs/errors/20429' },
    });
    expect(twilio.recordings(call.sid)).toEqual([]);
    // Sent again once the account has room, it is carried out.
    expect((await create()).status).toBe(201);
    expect(twilio.recordings(call.sid)).toHaveLength(1);
  },
);

it('reports the account’s concurrent requests in Twilio-Concurrent-Requests', async () => {
  const call = answeredCall(twilio);
  const answer = await standInRequest(
    twilio,
    'GET',
    accountPath(twilio, `/Calls/${call.sid}.json`),
  );
  expect(answer.headers.get('twilio-concurrent-requests')).toBe('1');
});

it('by default lets 100 requests of the account run at once, and refuses the 101st', async () => {
  // The third-party figure (Twilio publishes none), on a stand-in left at its defaults.
  const lenient = await startTwilioStandIn();
  try {
    const call = answeredCall(lenient);
    // Held for 3 real seconds, so that every request has arrived before the first is answered
    // (a simulated latency could be served, its clock moved on, while the last are still sent).
    lenient.injectFault({ product: 'api', times: Infinity, effect: { kind: 'delay', ms: 3000 } });
    const answers = await Promise.all(
      Array.from({ length: DEFAULT_CONCURRENCY_LIMIT + 1 }, () =>
        standInRequest(lenient, 'GET', accountPath(lenient, `/Calls/${call.sid}.json`)),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  } finally {
    await lenient.close();
  }
});

it('with answers that take time, concurrent requests meet the limit', async () => {
  const slow = await startTestStandIn({ concurrencyLimit: 2, latencyMs: 400 });
  try {
    const call = slow.createCall({
      from: '+15005550006',
      to: '+15005550001',
      direction: 'inbound',
    });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        standInRequest(slow, 'GET', accountPath(slow, `/Calls/${call.sid}.json`)),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 429, 429, 429]);
  } finally {
    await slow.close();
  }
});

it('with latency on the simulated clock, requests that overlap in its time meet the limit', async () => {
  // Each answer takes 400 ms of the stand-in's clock; four callers, each an actor, send one
  // request at 0, 100, 200 and 500 ms of it. The third finds two in flight and is refused at
  // once; the fourth comes after the first has been answered.
  const clock = new SimulatedClock();
  const start = clock.now();
  const slow = await startTestStandIn({
    clock,
    concurrencyLimit: 2,
    latencyMs: 400,
    latencySpread: 0,
  });
  try {
    const call = answeredCall(slow);
    const answers = await Promise.all(
      [0, 100, 200, 500].map(async (at) => {
        const caller = clock.actor();
        try {
          await caller.sleep(at);
          const sent = clock.now() - start;
          const path = accountPath(slow, `/Calls/${call.sid}.json`);
          const answer = await standInRequest(slow, 'GET', path);
          const answered = clock.now() - start;
          return { sent, answered, status: answer.status, code: answer.body.code };
        } finally {
          caller.done();
        }
      }),
    );
    expect(answers.map(({ sent, status, code }) => [sent, status, code])).toEqual([
      [0, 200, undefined],
      [100, 200, undefined],
      [200, 429, 20429],
      [500, 200, undefined],
    ]);
    // The answers came when their latency had passed on the clock; the refusal came while
    // both others were still in flight.
    expect(answers.map((answer) => answer.answered - answer.sent)).toEqual([
      400,
      400,
      expect.any(Number),
      400,
    ]);
    expect(answers[2].answered).toBeLessThan(400);
  } finally {
    await slow.close();
  }
});

/**
 * Status callback delivery under the connection overrides of the callback URL's fragment, with
 * the ranges and defaults of twilio.com/docs/usage/webhooks/webhooks-connection-overrides.
 */
import { SimulatedClock } from '../../local/clock';
import type { CallbackDelivery } from '../../local/contracts';
import { deliverCallback, parseOverrides } from '../../local/stand-in/status-callbacks';
import { startCallbackReceiver } from '../support/callback-receiver';
import { statusCallback, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/fixtures';

describe('parseOverrides', () => {
  it('defaults as Twilio documents: ct 5000, rt 15000, tt 15000, one retry on connection failures', () => {
    expect(parseOverrides('')).toEqual({
      connectTimeoutMs: 5000,
      readTimeoutMs: 15000,
      totalTimeMs: 15000,
      retries: 1,
      policy: new Set(['ct']),
    });
  });

  it('brings values into Twilio’s ranges and reads several retry policies', () => {
    expect(parseOverrides('#ct=50&rt=99999&tt=20000&rc=9&rp=4xx,5xx')).toEqual({
      connectTimeoutMs: 100,
      readTimeoutMs: 15000,
      totalTimeMs: 15000,
      retries: 5,
      policy: new Set(['4xx', '5xx']),
    });
    expect(parseOverrides('#rc=-1&tt=abc').retries).toBe(0);
    expect(parseOverrides('#tt=abc').totalTimeMs).toBe(15000);
  });

  it('names the retry policies that are none of ct, rt, 4xx, 5xx and all (error 11243)', () => {
    expect(parseOverrides('#rp=ct,rt,4xx,5xx,all').invalidPolicies).toBeUndefined();
    expect(parseOverrides('#rp=5xx,sometimes,3xx').invalidPolicies).toEqual(['sometimes', '3xx']);
  });
});

describe('delivery', () => {
  const log: CallbackDelivery[] = [];
  let reached = 0;
  const deliver = async (fragment: string, answers: Array<number | 'hang'>) => {
    const receiver = await startCallbackReceiver(() => answers.shift() ?? 200);
    log.length = 0;
    const sender = {
      accountSid: TEST_ACCOUNT_SID,
      authToken: TEST_AUTH_TOKEN,
      clock: new SimulatedClock(),
      log,
      retryDelayMs: 5,
    };
    try {
      await deliverCallback(sender, `${receiver.url}/status${fragment}`, 'POST', statusCallback());
    } finally {
      reached = receiver.received.length;
      await receiver.close();
    }
    return log.map((delivery) => delivery.status);
  };

  it('sends nothing to a URL whose retry policy is invalid, and logs 11243', async () => {
    expect(await deliver('#rc=3&rp=5xx,sometimes', [200])).toEqual([0]);
    expect(reached).toBe(0);
    expect(log[0].responseBody).toMatch(/11243 HTTP retry policy is invalid \(rp=sometimes\)/);
    expect(await deliver('#rc=3&rp=5xx', [200])).toEqual([200]);
    expect(reached).toBe(1);
  });

  it('retries each failure the policies name, up to rc times', async () => {
    expect(await deliver('#rc=3&rp=4xx,5xx', [404, 503, 200])).toEqual([404, 503, 200]);
    expect(await deliver('#rc=3&rp=5xx', [404, 200])).toEqual([404]);
    expect(await deliver('#rc=1&rp=all', [500, 500, 200])).toEqual([500, 500]);
  });

  it('never retries a 5xx by default', async () => {
    expect(await deliver('', [503, 200])).toEqual([503]);
  });

  it('bounds all attempts together by tt, not each attempt', async () => {
    // Each attempt may wait 200 ms (ct + rt); five retries would take over a second, but tt
    // gives all of them 300 ms: at most two attempts fit.
    const statuses = await deliver('#ct=100&rt=100&tt=300&rc=5&rp=all', [
      'hang',
      'hang',
      'hang',
      'hang',
      'hang',
      'hang',
    ]);
    expect(statuses.length).toBeGreaterThanOrEqual(1);
    expect(statuses.length).toBeLessThanOrEqual(2);
    expect(statuses.every((status) => status === 0)).toBe(true);
  });
});

/**
 * Faults named as the command line names them: a Twilio error code is answered with the HTTP
 * status Twilio gives it, through the stand-in and the real twilio library.
 */
import { parseFault, statusOfTwilioCode } from '../../local/fault-spec';
import type { LocalTwilio } from '../../local/stand-in/server';
import { soakFaults } from '../../scripts/soak/soak';
import { answeredCall, standInClient, startTestStandIn } from '../support/local-twilio';

let twilio: LocalTwilio;
beforeAll(async () => {
  twilio = await startTestStandIn();
});
afterAll(() => twilio.close());

describe('an injected Twilio code', () => {
  it.each([
    [20404, 404],
    [20429, 429],
    [20003, 401],
    [20500, 500],
    [20503, 503],
    [54009, 429],
    [21220, 400],
    [16108, 400],
  ])('%i is answered with HTTP %i', (code, status) => {
    expect(parseFault(`CreateCallRecording:${code}`)).toEqual({
      operation: 'CreateCallRecording',
      effect: { kind: 'error', status, code, message: `Injected Twilio error ${code}` },
    });
  });

  it('reaches the twilio library with its status and code', async () => {
    const call = answeredCall(twilio);
    twilio.injectFault(parseFault('FetchCall:20503'));
    await expect(standInClient(twilio).calls(call.sid).fetch()).rejects.toMatchObject({
      status: 503,
      code: 20503,
    });
    twilio.injectFault(parseFault('FetchCall:20429'));
    await expect(standInClient(twilio).calls(call.sid).fetch()).rejects.toMatchObject({
      status: 429,
      code: 20429,
    });
  });
});

it('makes the soak inject Twilio’s own codes, each at its own status', () => {
  const errors = soakFaults(0.05).flatMap((fault) =>
    fault.effect.kind === 'error' ? [fault.effect] : [],
  );
  expect(errors.map((effect) => effect.code).sort()).toEqual([20429, 20500, 20503, 20503, 54009]);
  for (const effect of errors) expect(effect.status).toBe(statusOfTwilioCode(effect.code ?? 0));
});

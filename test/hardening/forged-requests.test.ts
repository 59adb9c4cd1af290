/**
 * Forged and replayed requests through the gateway, which checks signatures as Twilio's edge
 * does for deployed `.protected` Functions. A rejected request never reaches the Function.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getExpectedTwilioSignature } from 'twilio';
import { PROJECT_ROOT } from '../../local/project-root';
import { PAGE_ROUTE_PATHS, SIGNED_ROUTE_PATHS } from '../../src/route-paths';
import { routeAccess, SIGNATURE_REJECTED_STATUS, startGateway } from '../../local/gateway';
import { useSimulation } from '../support/local-twilio';
import { postForm } from '../support/webhook-client';

const local = useSimulation();
const captured = { lines: local.logs };

const event = () => ({
  CallSid: 'CA' + '7'.repeat(32),
  AccountSid: local.sim.twilio.accountSid,
  CallStatus: 'in-progress',
  Direction: 'inbound',
});

async function send(path: string, params: Record<string, string>, signature: string | undefined) {
  const before = local.sim.twilio.exchanges.length;
  const logged = captured.lines.length;
  const response = await postForm(`${local.sim.gateway.url}${path}`, params, {
    headers: signature === undefined ? {} : { 'X-Twilio-Signature': signature },
  });
  return {
    status: response.status,
    reachedFunction: captured.lines.length > logged || local.sim.twilio.exchanges.length > before,
  };
}

const sign = (token: string, path: string, params: Record<string, string>) =>
  getExpectedTwilioSignature(token, `${local.sim.gateway.url}${path}`, params);

describe('forged and replayed requests are rejected', () => {
  const path = '/recording-toggle?Record=true';

  it('accepts the genuine request (the control case)', async () => {
    const params = event();
    const result = await send(
      '/incoming-call',
      params,
      sign(local.sim.twilio.authToken, '/incoming-call', params),
    );
    expect(result).toEqual({ status: 200, reachedFunction: true });
  });

  const forgeries: Array<
    [string, () => { path: string; params: Record<string, string>; signature: string | undefined }]
  > = [
    ['no signature', () => ({ path, params: event(), signature: undefined })],
    ['an empty signature', () => ({ path, params: event(), signature: '' })],
    [
      'a signature made with another token',
      () => ({ path, params: event(), signature: sign('someone-elses-token', path, event()) }),
    ],
    [
      'a valid signature replayed to another route',
      () => ({
        path: '/recording-toggle?Record=false',
        params: event(),
        signature: sign(local.sim.twilio.authToken, path, event()),
      }),
    ],
    [
      'a valid signature with one parameter changed',
      () => ({
        path,
        params: { ...event(), CallStatus: 'ringing' },
        signature: sign(local.sim.twilio.authToken, path, event()),
      }),
    ],
    [
      'a valid signature with one parameter added',
      () => ({
        path,
        params: { ...event(), RecordingChannels: 'mono' },
        signature: sign(local.sim.twilio.authToken, path, event()),
      }),
    ],
    [
      'a signature over the URL without its query string',
      () => ({
        path,
        params: event(),
        signature: sign(local.sim.twilio.authToken, '/recording-toggle', event()),
      }),
    ],
    [
      'a valid signature replayed to the status callback',
      () => ({
        path: '/recording-status',
        params: event(),
        signature: sign(local.sim.twilio.authToken, path, event()),
      }),
    ],
  ];

  it.each(forgeries)('%s', async (_name, make) => {
    const forged = make();
    const result = await send(forged.path, forged.params, forged.signature);
    expect(result).toEqual({ status: SIGNATURE_REJECTED_STATUS, reachedFunction: false });
  });
});

describe('access levels', () => {
  it('never serves a .private Function as a route', async () => {
    const folder = join(PROJECT_ROOT, 'dist', 'access-check');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    try {
      writeFileSync(
        join(folder, 'helper.private.js'),
        'exports.handler = (c, e, cb) => cb(null, "private");',
      );
      writeFileSync(
        join(folder, 'step.protected.js'),
        'exports.handler = (c, e, cb) => cb(null, "protected");',
      );
      const access = await routeAccess('dist/access-check');
      expect(Object.fromEntries(access)).toEqual({ '/helper': 'private', '/step': 'protected' });
      const gateway = await startGateway({ authToken: 'token', access });
      try {
        gateway.setTarget(local.sim.functions.url);
        const response = await fetch(`${gateway.url}/helper`, {
          method: 'POST',
          signal: AbortSignal.timeout(5000),
        });
        expect(response.status).toBe(404);
      } finally {
        await gateway.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('makes every route Twilio calls protected, and only the recordings page’s public', async () => {
    const access = await routeAccess();
    for (const path of Object.values(SIGNED_ROUTE_PATHS))
      expect(access.get(path)).toBe('protected');
    const open = [...access].filter(([, level]) => level !== 'protected').map(([path]) => path);
    expect(open.sort()).toEqual(Object.values(PAGE_ROUTE_PATHS).sort());
  });
});

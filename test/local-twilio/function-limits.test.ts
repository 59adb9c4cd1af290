/**
 * The local gateway holds Functions to the limits Twilio's own gateway enforces: ten seconds per
 * execution (504 after that) and only GET, POST and OPTIONS reaching a Function.
 */
import {
  EXECUTION_LIMIT_STATUS,
  FUNCTION_EXECUTION_LIMIT_MS,
  METHOD_REFUSED_STATUS,
  startGateway,
} from '../../local/gateway';
import { startCallbackReceiver } from '../support/callback-receiver';

const access = new Map([
  ['/slow', 'public'],
  ['/quick', 'public'],
]);

async function withGateway(
  executionLimitMs: number | undefined,
  run: (url: string, reached: () => string[]) => Promise<void>,
) {
  const target = await startCallbackReceiver(({ url }) => (url === '/slow' ? 'hang' : 204));
  const gateway = await startGateway({ authToken: 'token', access, executionLimitMs });
  gateway.setTarget(target.url);
  try {
    await run(gateway.url, () => target.received.map((entry) => `${entry.method} ${entry.url}`));
  } finally {
    await gateway.close();
    await target.close();
  }
}

describe('the execution limit', () => {
  it('is ten seconds unless a test lowers it', () => {
    expect(FUNCTION_EXECUTION_LIMIT_MS).toBe(10_000);
  });

  it('answers 504 Gateway Time-out for a Function that runs past it', async () => {
    await withGateway(300, async (url) => {
      const started = Date.now();
      const response = await fetch(`${url}/slow`, {
        method: 'POST',
        signal: AbortSignal.timeout(5000),
      });
      expect(response.status).toBe(EXECUTION_LIMIT_STATUS);
      expect(await response.text()).toMatch(/Time-out/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
  });

  it('passes on the answer of a Function that finishes within it', async () => {
    await withGateway(300, async (url) => {
      const response = await fetch(`${url}/quick`, {
        method: 'POST',
        signal: AbortSignal.timeout(5000),
      });
      expect(response.status).toBe(204);
    });
  });
});

describe('methods', () => {
  it.each(['GET', 'POST', 'OPTIONS'])('lets %s reach a Function', async (method) => {
    await withGateway(undefined, async (url, reached) => {
      const response = await fetch(`${url}/quick`, { method, signal: AbortSignal.timeout(5000) });
      expect(response.status).toBe(204);
      expect(reached()).toEqual([`${method} /quick`]);
    });
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('refuses %s without calling the Function', async (method) => {
    await withGateway(undefined, async (url, reached) => {
      const response = await fetch(`${url}/quick`, { method, signal: AbortSignal.timeout(5000) });
      expect(response.status).toBe(METHOD_REFUSED_STATUS);
      expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
      expect(await response.text()).toContain(method);
      expect(reached()).toEqual([]);
    });
  });
});

/**
 * The local gateway holds Functions to the limits Twilio's own gateway enforces
 * (twilio.com/docs/serverless/functions-assets/functions/request-flow and .../headers-and-cookies/
 * limitations): ten seconds per execution (504 after that), only GET, POST and OPTIONS reaching
 * a Function, a GET with a body refused (403), requests of at most 1 MB and answers of at most
 * 4 MB, headers of at most 15 kB and 90 lines (431) both ways.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ANSWER_TOO_LARGE_STATUS,
  EXECUTION_LIMIT_STATUS,
  GET_WITH_BODY_STATUS,
  HEADERS_TOO_LARGE_STATUS,
  MAX_ANSWER_BYTES,
  MAX_HEADER_COUNT,
  MAX_REQUEST_BYTES,
  METHOD_REFUSED_STATUS,
  REQUEST_TOO_LARGE_STATUS,
  startGateway,
} from '../../local/gateway';

const access = new Map([
  ['/slow', 'public'],
  ['/quick', 'public'],
  ['/big', 'public'],
  ['/cookies', 'public'],
]);

/**
 * Stands in for the Functions: /slow never answers, /big answers `bytes` bytes, /cookies sets
 * `count` cookies, anything else answers 204. Records what reached it.
 */
async function startFunctions(): Promise<{ url: string; reached: string[]; server: Server }> {
  const reached: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      reached.push(`${req.method} ${url.pathname}`);
      if (url.pathname === '/slow') return;
      if (url.pathname === '/big') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.end(Buffer.alloc(Number(url.searchParams.get('bytes'))));
        return;
      }
      if (url.pathname === '/cookies') {
        const count = Number(url.searchParams.get('count'));
        res.setHeader(
          'Set-Cookie',
          Array.from({ length: count }, (_, index) => `c${index}=${'v'.repeat(10)}`),
        );
      }
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reached, server };
}

async function withGateway(
  executionLimitMs: number | undefined,
  run: (url: string, reached: () => string[]) => Promise<void>,
) {
  const target = await startFunctions();
  const gateway = await startGateway({ authToken: 'token', access, executionLimitMs });
  gateway.setTarget(target.url);
  try {
    await run(gateway.url, () => target.reached);
  } finally {
    await gateway.close();
    target.server.closeAllConnections();
    await new Promise<void>((resolve) => target.server.close(() => resolve()));
  }
}

/** A raw request (fetch will not send a GET with a body), answered with its status and body. */
function send(
  url: string,
  options: { method: string; headers?: Record<string, string | string[]>; body?: Buffer | string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const length =
      options.body === undefined
        ? {}
        : { 'Content-Length': String(Buffer.byteLength(options.body)) };
    const headers = { ...length, ...options.headers };
    const req = request(url, { method: options.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the execution limit', () => {
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

  it('refuses a GET with a body with 403, without calling the Function', async () => {
    await withGateway(undefined, async (url, reached) => {
      const withBody = await send(`${url}/quick`, { method: 'GET', body: 'a=1' });
      expect(withBody.status).toBe(GET_WITH_BODY_STATUS);
      expect(reached()).toEqual([]);
      expect((await send(`${url}/quick?a=1`, { method: 'GET' })).status).toBe(204);
      expect(reached()).toEqual(['GET /quick']);
    });
  });
});

describe('sizes', () => {
  it('refuses a request over 1 MB, its headers counted, without calling the Function', async () => {
    await withGateway(undefined, async (url, reached) => {
      const headers = {
        'Content-Type': 'application/octet-stream',
        'X-Padding': 'p'.repeat(10_000),
      };
      // Well under the limit with its headers, then over it because of them.
      const fits = await send(`${url}/quick`, {
        method: 'POST',
        headers,
        body: Buffer.alloc(MAX_REQUEST_BYTES - 20_000),
      });
      expect(fits.status).toBe(204);
      const over = await send(`${url}/quick`, {
        method: 'POST',
        headers,
        body: Buffer.alloc(MAX_REQUEST_BYTES - 5_000),
      });
      expect(over.status).toBe(REQUEST_TOO_LARGE_STATUS);
      expect(over.body).toMatch(/too large/);
      expect(reached()).toEqual(['POST /quick']);
    });
  });

  it('does not deliver an answer over 4 MB', async () => {
    await withGateway(undefined, async (url, reached) => {
      const fits = await fetch(`${url}/big?bytes=${MAX_ANSWER_BYTES - 10_000}`, {
        signal: AbortSignal.timeout(5000),
      });
      expect(fits.status).toBe(200);
      expect((await fits.arrayBuffer()).byteLength).toBe(MAX_ANSWER_BYTES - 10_000);
      const over = await fetch(`${url}/big?bytes=${MAX_ANSWER_BYTES}`, {
        signal: AbortSignal.timeout(5000),
      });
      expect(over.status).toBe(ANSWER_TOO_LARGE_STATUS);
      expect(await over.text()).toMatch(/over the 4000000 a Function may answer/);
      expect(reached()).toEqual(['GET /big', 'GET /big']);
    });
  });
});

describe('headers and cookies', () => {
  it('refuses a request with more than 90 headers or 15 kB of them with 431', async () => {
    await withGateway(undefined, async (url, reached) => {
      const many = Object.fromEntries(
        Array.from({ length: MAX_HEADER_COUNT }, (_, index) => [`x-h${index}`, '1']),
      );
      const tooMany = await send(`${url}/quick`, { method: 'POST', headers: many });
      expect(tooMany.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(tooMany.body).toMatch(/^Request headers or cookies too long/);
      const cookie = await send(`${url}/quick`, {
        method: 'POST',
        headers: { Cookie: `session=${'c'.repeat(15_000)}` },
      });
      expect(cookie.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(reached()).toEqual([]);
      expect(
        (await send(`${url}/quick`, { method: 'POST', headers: { Cookie: 'a=1' } })).status,
      ).toBe(204);
    });
  });

  it('does not deliver an answer with more than 90 headers: 431', async () => {
    await withGateway(undefined, async (url) => {
      expect((await send(`${url}/cookies?count=10`, { method: 'GET' })).status).toBe(204);
      const over = await send(`${url}/cookies?count=${MAX_HEADER_COUNT}`, { method: 'GET' });
      expect(over.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(over.body).toMatch(/^Response headers or cookies too long/);
    });
  });
});

describe('the service root', () => {
  it('is passed on as `/`, not rewritten to /index.html', async () => {
    await withGateway(undefined, async (url, reached) => {
      await send(`${url}/`, { method: 'GET' });
      expect(reached()).toEqual(['GET /']);
    });
  });
});

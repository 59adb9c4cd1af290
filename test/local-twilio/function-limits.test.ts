/**
 * The local gateway holds Functions to the limits Twilio's own gateway enforces
 * (twilio.com/docs/serverless/functions-assets/functions/request-flow and .../headers-and-cookies/
 * limitations): ten seconds per execution (504 after that), only GET, POST and OPTIONS reaching
 * a Function, a GET with a body refused (403), requests of at most 1 MB and answers of at most
 * 4 MB, and headers of at most 4,000 bytes and 75 headers and cookies (431) both ways, for
 * Functions and assets alike (the stricter of Twilio's two pages, error 82008).
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import {
  ANSWER_TOO_LARGE_STATUS,
  EXECUTION_LIMIT_STATUS,
  GET_WITH_BODY_STATUS,
  HEADERS_TOO_LARGE_STATUS,
  MAX_ANSWER_BYTES,
  MAX_HEADER_BYTES,
  MAX_HEADER_COUNT,
  MAX_REQUEST_BYTES,
  METHOD_REFUSED_STATUS,
  REQUEST_TOO_LARGE_STATUS,
  startGateway,
} from '../../local/gateway';
import { headerAndCookieCount, headerBytes } from '../../local/gateway/limits';
import { startFakeFunctions } from '../support/fake-functions-server';

const access = new Map([
  ['/slow', 'public'],
  ['/quick', 'public'],
  ['/big', 'public'],
  ['/cookies', 'public'],
]);
/** The same stand-in Functions server's paths, taken as assets. */
const assets = new Map([
  ['/quick.css', 'public'],
  ['/big.bin', 'public'],
  ['/cookies.txt', 'public'],
]);

async function withGateway(
  executionLimitMs: number | undefined,
  run: (url: string, reached: () => string[]) => Promise<void>,
) {
  const target = await startFakeFunctions();
  const gateway = await startGateway({ authToken: 'token', access, assets, executionLimitMs });
  gateway.setTarget(target.url);
  try {
    await run(gateway.url, () => target.reached);
  } finally {
    await gateway.close();
    await target.close();
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
        'X-Padding': 'p'.repeat(3_000),
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
        body: Buffer.alloc(MAX_REQUEST_BYTES - 2_000),
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

/**
 * A request written byte for byte (Node's client adds headers of its own): the request line,
 * `headers` as given, no body. Answers the status.
 */
function sendRaw(url: string, path: string, headers: string[]): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n`);
  });
}

/** Host and Connection, then `extra`: the raw headers of a request the gateway reads. */
const framing = (url: string) => [`Host: ${new URL(url).host}`, 'Connection: close'];

/** Header lines `name: value` as the [name, value, ...] list Node gives the gateway. */
const raw = (lines: string[]) =>
  lines.flatMap((line) => {
    const at = line.indexOf(': ');
    return [line.slice(0, at), line.slice(at + 2)];
  });

describe('headers and cookies', () => {
  it('refuses a request with more than 75 headers or 4 kB of them with 431', async () => {
    await withGateway(undefined, async (url, reached) => {
      const many = Object.fromEntries(
        Array.from({ length: MAX_HEADER_COUNT }, (_, index) => [`x-h${index}`, '1']),
      );
      const tooMany = await send(`${url}/quick`, { method: 'POST', headers: many });
      expect(tooMany.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(tooMany.body).toMatch(/^Request headers or cookies too long/);
      const cookie = await send(`${url}/quick`, {
        method: 'POST',
        headers: { Cookie: `session=${'c'.repeat(MAX_HEADER_BYTES)}` },
      });
      expect(cookie.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(reached()).toEqual([]);
      expect(
        (await send(`${url}/quick`, { method: 'POST', headers: { Cookie: 'a=1' } })).status,
      ).toBe(204);
    });
  });

  it('counts 4,000 bytes to the byte, and 75 headers and cookies to the one', async () => {
    await withGateway(undefined, async (url, reached) => {
      const base = framing(url);
      // Padded so that the headers come to exactly `bytes`, each as name, value and four bytes.
      const padded = (bytes: number) => {
        const used = headerBytes(raw(base)) + 'X-Padding'.length + 4;
        return [...base, `X-Padding: ${'p'.repeat(bytes - used)}`];
      };
      expect(headerBytes(raw(padded(MAX_HEADER_BYTES)))).toBe(MAX_HEADER_BYTES);
      expect(await sendRaw(url, '/quick', padded(MAX_HEADER_BYTES))).toBe(204);
      expect(await sendRaw(url, '/quick', padded(MAX_HEADER_BYTES + 1))).toBe(431);
      const lines = (count: number) => [
        ...base,
        ...Array.from({ length: count - base.length }, (_, index) => `X-H${index}: 1`),
      ];
      expect(await sendRaw(url, '/quick', lines(MAX_HEADER_COUNT))).toBe(204);
      expect(await sendRaw(url, '/quick', lines(MAX_HEADER_COUNT + 1))).toBe(431);
      // A Cookie header of n cookies counts n + 1: the header, and each cookie.
      const cookies = (count: number) => [
        ...base,
        `Cookie: ${Array.from({ length: count }, (_, index) => `c${index}=1`).join('; ')}`,
      ];
      const fitting = MAX_HEADER_COUNT - base.length - 1;
      expect(await sendRaw(url, '/quick', cookies(fitting))).toBe(204);
      expect(await sendRaw(url, '/quick', cookies(fitting + 1))).toBe(431);
      expect(reached()).toEqual(['GET /quick', 'GET /quick', 'GET /quick']);
    });
  });

  it('counts each Set-Cookie of an answer as a header and a cookie', () => {
    const answer = (cookies: number) =>
      raw([
        'Connection: close',
        ...Array.from({ length: cookies }, (_, index) => `Set-Cookie: c${index}=1`),
      ]);
    expect(headerAndCookieCount(answer(37))).toBe(75);
    expect(headerAndCookieCount(answer(38))).toBe(77);
    expect(headerAndCookieCount(raw(['Cookie: a=1; b=2;  ; c=3', 'Accept: */*']))).toBe(5);
  });

  it('does not deliver an answer with more than 75 headers and cookies: 431', async () => {
    await withGateway(undefined, async (url) => {
      expect((await send(`${url}/cookies?count=10`, { method: 'GET' })).status).toBe(204);
      const over = await send(`${url}/cookies?count=${MAX_HEADER_COUNT / 2}`, { method: 'GET' });
      expect(over.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(over.body).toMatch(/^Response headers or cookies too long/);
    });
  });

  it('holds assets to the same header limits, both ways, but not to a Function’s 4 MB', async () => {
    await withGateway(undefined, async (url, reached) => {
      const many = Object.fromEntries(
        Array.from({ length: MAX_HEADER_COUNT }, (_, index) => [`x-h${index}`, '1']),
      );
      const asked = await send(`${url}/quick.css`, { method: 'GET', headers: many });
      expect(asked.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(asked.body).toMatch(/^Request headers or cookies too long/);
      expect(reached()).toEqual([]);
      expect((await send(`${url}/quick.css`, { method: 'GET' })).status).toBe(204);
      const answered = await send(`${url}/cookies.txt?count=${MAX_HEADER_COUNT}`, {
        method: 'GET',
      });
      expect(answered.status).toBe(HEADERS_TOO_LARGE_STATUS);
      expect(answered.body).toMatch(/^Response headers or cookies too long/);
      const big = await fetch(`${url}/big.bin?bytes=${MAX_ANSWER_BYTES + 1}`, {
        signal: AbortSignal.timeout(5000),
      });
      expect(big.status).toBe(200);
      expect((await big.arrayBuffer()).byteLength).toBe(MAX_ANSWER_BYTES + 1);
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

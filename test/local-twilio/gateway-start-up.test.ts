/**
 * Start-up that no request can kill: the gateway listens before the Functions behind it are
 * ready and answers every path 503 with Retry-After until they are, in the gateway alone, in
 * the simulation and in `npm start` as a process, asked without pause while they start.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GatewayTargetError, NOT_READY, startGateway } from '../../local/gateway';
import { PROJECT_ROOT } from '../../local/project-root';
import { startSimulation } from '../../local/simulation';
import { startFakeFunctions } from '../support/fake-functions-server';

const START = join(PROJECT_ROOT, 'dist', 'local', 'start.js');
const PATHS = ['/', '/index.html', '/recordings.js', '/dashboard-calls', '/incoming-call'];

type Seen = { path: string; status: number | 'refused'; retryAfter: string | null };

/** A port free a moment ago, for a server that must be asked before it says where it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Asks the paths in turn, a request every few milliseconds, until stopped; notes each answer. */
function keepAsking(url: string) {
  const seen: Seen[] = [];
  const pending: Array<Promise<void>> = [];
  let asking = true;
  const ask = async (path: string) => {
    try {
      const answer = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(15_000) });
      await answer.arrayBuffer();
      seen.push({ path, status: answer.status, retryAfter: answer.headers.get('retry-after') });
    } catch {
      seen.push({ path, status: 'refused', retryAfter: null });
    }
  };
  const loop = (async () => {
    for (let round = 0; asking; round += 1) {
      pending.push(ask(PATHS[round % PATHS.length]));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  return {
    seen,
    async stop() {
      asking = false;
      await loop;
      await Promise.all(pending);
    },
  };
}

/** What each path answers once ready. */
async function readyAnswers(url: string): Promise<Record<string, number>> {
  const statuses = await Promise.all(
    PATHS.map(async (path) => (await fetch(`${url}${path}`)).status),
  );
  return Object.fromEntries(PATHS.map((path, index) => [path, statuses[index]]));
}

/** Every answer was a refused connection (not listening yet), a 503 to retry, or the real one. */
function expectOnlyStartingOrReady(seen: Seen[], ready: Record<string, number>) {
  const odd = seen.filter(
    (one) =>
      one.status !== 'refused' &&
      !(one.status === NOT_READY.status && one.retryAfter === '1') &&
      one.status !== ready[one.path],
  );
  expect(odd).toEqual([]);
}

describe('a gateway with no Functions behind it yet', () => {
  it('answers every path 503 with Retry-After, then serves once it has its target', async () => {
    const functions = await startFakeFunctions();
    const gateway = await startGateway({
      authToken: 'token',
      access: new Map([
        ['/open', 'public'],
        ['/signed', 'protected'],
      ]),
      assets: new Map([['/assets/index.html', 'public']]),
      control: () => Promise.resolve({ status: 200, body: 'control' }),
    });
    try {
      for (const path of [
        '/open',
        '/signed',
        '/',
        '/assets/index.html',
        '/nothing',
        '/_simulate/status',
      ]) {
        const answer = await fetch(`${gateway.url}${path}`, { method: 'POST' });
        expect([path, answer.status, answer.headers.get('retry-after')]).toEqual([path, 503, '1']);
        expect(await answer.text()).toMatch(/starting/);
      }
      expect(() => gateway.setTarget('not a url')).toThrow(GatewayTargetError);
      expect((await fetch(`${gateway.url}/open`)).status).toBe(503);
      expect(functions.reached).toEqual([]);

      gateway.setTarget(functions.url);
      expect((await fetch(`${gateway.url}/open`)).status).toBe(204);
      expect(functions.reached).toEqual(['GET /open']);
    } finally {
      await gateway.close();
      await functions.close();
    }
  });
});

describe('the simulation, asked all through its start-up', () => {
  it('answers 503 until the Functions are ready, then serves, without failing', async () => {
    const port = await freePort();
    const asking = keepAsking(`http://127.0.0.1:${port}`);
    const sim = await startSimulation({ port }).finally(() => asking.stop());
    try {
      const ready = await readyAnswers(sim.gateway.url);
      expect(ready['/']).toBe(200);
      expectOnlyStartingOrReady(asking.seen, ready);
      const starting = asking.seen.filter((one) => one.status === 503);
      expect(starting.length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});

describe('npm start, asked all through its start-up', () => {
  it('keeps running, answers 503 until ready, then serves the page at the root', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [START], {
      env: { ...process.env, PORT: String(port), ACCOUNT_SID: '', AUTH_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const asking = keepAsking(`http://127.0.0.1:${port}`);
    try {
      const deadline = Date.now() + 40_000;
      while (
        !output.includes('Stop with Ctrl-C') &&
        child.exitCode === null &&
        Date.now() < deadline
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      await asking.stop();
      expect(child.exitCode).toBeNull();
      expect(output).not.toMatch(/TypeError|Invalid URL/);
      expect(output).toContain(`Recordings page:     http://127.0.0.1:${port}/  (password: `);
      const ready = await readyAnswers(`http://127.0.0.1:${port}`);
      expect(ready['/']).toBe(200);
      expectOnlyStartingOrReady(asking.seen, ready);
      const starting = asking.seen.filter((one) => one.status === 503);
      expect(starting.length).toBeGreaterThan(0);
      expect(child.exitCode).toBeNull();
    } finally {
      await asking.stop();
      child.kill('SIGTERM');
    }
  }, 60_000);
});

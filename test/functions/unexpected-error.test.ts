/**
 * A Function that fails in a way nobody planned for still answers on its own terms: a 5xx (so
 * Twilio retries a webhook) whose body names no internals, and one log line that does.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startFunctionsServer, type FunctionsServer } from '../../local/functions-server';
import { PROJECT_ROOT } from '../../local/project-root';
import { captureConsoleJson } from '../support/console-capture';

const folder = join(PROJECT_ROOT, 'dist', 'unexpected-check');
const INTERNAL_DETAIL = 'internal detail: shard 17 unreachable';
let server: FunctionsServer;
const captured = captureConsoleJson();

beforeAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const entry = join(folder, 'entry.ts');
  writeFileSync(
    entry,
    `import { httpStep } from '${join(PROJECT_ROOT, 'src', 'runtime', 'function-handler')}';
export const handler = httpStep('failing-step', {}, () => { throw new Error(${JSON.stringify(INTERNAL_DETAIL)}); });`,
  );
  // Bundled exactly as the build bundles a Function: one self-contained file.
  await build({
    entryPoints: [{ in: entry, out: 'failing-step' }],
    outdir: join(folder, 'functions'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  rmSync(entry);
  server = await startFunctionsServer({
    env: {},
    functionsFolder: 'dist/unexpected-check/functions',
  });
});
afterAll(async () => {
  captured.restore();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

it('answers 500 with a body of its own, and logs what went wrong', async () => {
  const response = await fetch(`${server.url}/failing-step`, {
    method: 'POST',
    signal: AbortSignal.timeout(5000),
  });
  const body = await response.text();
  expect(response.status).toBe(500);
  expect(JSON.parse(body)).toEqual({ error: 'unexpected-error', message: expect.any(String) });
  expect(body).not.toContain('shard 17');
  expect(body).not.toMatch(/\bat .*\.js:\d+/);
  expect(captured.lines).toContainEqual(
    expect.objectContaining({
      level: 'error',
      event: 'failing-step.unexpected-error',
      message: INTERNAL_DETAIL,
    }),
  );
});

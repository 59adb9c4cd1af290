/**
 * The cold-start benchmark runs each Function in a fresh child process; a child that gives no
 * figures is named, with what it said, instead of crashing the benchmark.
 */
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { coldRun, ColdStartFailed } from '../../scripts/bench/cold-start';

let folder: string;

beforeAll(async () => {
  await build({
    entryPoints: [join(PROJECT_ROOT, 'scripts', 'bench', 'cold-start-child.ts')],
    outfile: join(PROJECT_ROOT, 'dist', 'bench', 'cold-start-child.js'),
    bundle: true,
    platform: 'node',
    packages: 'external',
    logLevel: 'warning',
  });
  folder = mkdtempSync(join(tmpdir(), 'cold-start-'));
}, 30_000);

function functionFile(name: string, code: string): string {
  const file = join(folder, `${name}.protected.js`);
  writeFileSync(file, code);
  return file;
}

it('measures a Function that answers', () => {
  const file = functionFile(
    'answers',
    "exports.handler = (context, event, callback) => callback(null, 'ok');",
  );
  const run = coldRun('answers', file);
  expect(run.totalMs).toBeGreaterThan(0);
  expect(run.totalMs).toBeCloseTo(run.loadMs + run.firstRequestMs, 1);
});

it.each([
  ['a file that throws as it loads', "throw new Error('broken at load');", /broken at load/],
  [
    'a Function that fails its request',
    "exports.handler = (c, e, callback) => callback('refused');",
    /refused/,
  ],
  [
    'a child that exits before its figures',
    'process.exit(3);',
    /exit 3; stdout: Execution started/,
  ],
])('names the Function and says what happened for %s', (_case, code, said) => {
  const file = functionFile('broken', code);
  let thrown: unknown;
  try {
    coldRun('broken', file);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ColdStartFailed);
  expect((thrown as Error).message).toMatch(/cold start of broken gave no figures/);
  expect((thrown as Error).message).toMatch(said);
});

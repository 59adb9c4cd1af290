/**
 * The build on any machine: run in a copy of the project whose folder has a space in its name
 * (a path that URL.pathname spells with %20), it builds there, and only there, what the deploy
 * uploads.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readServiceRoutes } from '../../local/gateway';
import { PROJECT_ROOT } from '../../local/project-root';

const run = promisify(execFile);
/** Not copied: installed or built things, and the repository. */
const LEFT_OUT = new Set([
  'node_modules',
  'dist',
  '.git',
  'test-results',
  'recordings',
  'coverage',
]);

let parent: string;
let copy: string;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'call recording '));
  copy = join(parent, 'my project');
  cpSync(PROJECT_ROOT, copy, {
    recursive: true,
    filter: (source) =>
      source === PROJECT_ROOT || !LEFT_OUT.has(source.slice(PROJECT_ROOT.length + 1)),
  });
  // Linked, not installed: a junction needs no rights on Windows, and is a plain link elsewhere.
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(copy, 'node_modules'), 'junction');
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

it('builds in a folder with a space in its name', async () => {
  expect(copy).toContain(' ');
  const { stdout } = await run(process.execPath, [join('scripts', 'build.mjs')], {
    cwd: copy,
    timeout: 60_000,
  });
  expect(stdout).toMatch(/^built \d+ Functions into dist\/functions, and the recordings page/);

  const built = (folder: string) => readdirSync(join(folder, 'dist', 'functions')).sort();
  expect(built(copy)).toEqual(built(PROJECT_ROOT));
  expect(built(copy).length).toBeGreaterThan(5);
  for (const file of ['local/start.js', 'local/call.js', 'scripts/wire.js', 'scripts/deploy.js'])
    expect([file, existsSync(join(copy, 'dist', file))]).toEqual([file, true]);
  // Nothing went to the folder's %20 spelling.
  expect(readdirSync(tmpdir()).filter((name) => name.includes('%20'))).toEqual([]);
  expect(existsSync(join(parent.replace(/ /g, '%20')))).toBe(false);

  // What the deploy uploads from there, read as the Serverless Toolkit reads it.
  const routes = await readServiceRoutes({ baseDir: copy });
  expect([...routes.assets.keys()].sort()).toEqual([
    '/assets/index.html',
    '/index.html',
    '/recordings.css',
    '/recordings.js',
  ]);
  expect(routes.functions.get('/incoming-call')).toBe('protected');
}, 90_000);

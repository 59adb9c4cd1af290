import { builtinModules } from 'node:module';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  copyFileSync,
  mkdirSync,
  symlinkSync,
  rmSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { PAGE_ROUTE_PATHS, SIGNED_ROUTE_PATHS } from '../../src/route-paths';

const FUNCTIONS_DIR = join(PROJECT_ROOT, 'dist', 'functions');
const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(packageJson.dependencies));
const builtins = new Set(builtinModules);

function builtFunctions(): string[] {
  if (!existsSync(FUNCTIONS_DIR))
    throw new Error('dist/functions is missing: run `npm run build` first');
  return readdirSync(FUNCTIONS_DIR).filter((name) => name.endsWith('.js'));
}

function requiredModules(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((match) => match[2]);
}

describe('the build output is deploy-safe', () => {
  const files = builtFunctions();

  it('has one bundled file per Function source', () => {
    const sources = readdirSync(join(PROJECT_ROOT, 'functions')).filter((name) =>
      name.endsWith('.ts'),
    );
    expect(files.sort()).toEqual(sources.map((name) => name.replace(/\.ts$/, '.js')).sort());
  });

  it.each(files)(
    '%s requires only runtime dependencies and Node built-ins, never a project file',
    (file) => {
      const source = readFileSync(join(FUNCTIONS_DIR, file), 'utf8');
      const modules = requiredModules(source);
      const relative = modules.filter((name) => name.startsWith('.') || name.startsWith('/'));
      expect(relative).toEqual([]);
      const foreign = modules.filter((name) => {
        const bare = name.replace(/^node:/, '');
        const packageName = name.startsWith('@')
          ? name.split('/').slice(0, 2).join('/')
          : name.split('/')[0];
        return !builtins.has(bare) && !dependencies.has(packageName);
      });
      expect(foreign).toEqual([]);
      // Anything loaded another way (dynamic import, a computed require) would escape the check above.
      expect(source).not.toMatch(/\bimport\(/);
      expect(source).not.toMatch(/\brequire\(\s*[^'"`\s)]/);
    },
  );

  it.each(files)('%s loads on its own as a hashed file, as Twilio stores it', (file) => {
    const root = mkdtempSync(join(tmpdir(), 'deployed-'));
    try {
      mkdirSync(join(root, 'files'));
      symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
      const hashed = join(root, 'files', `ZN${createHash('sha1').update(file).digest('hex')}.js`);
      copyFileSync(join(FUNCTIONS_DIR, file), hashed);
      const loaded = require(hashed);
      expect(typeof loaded.handler).toBe('function');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('access control', () => {
  it('makes every route Twilio calls a .protected Function', () => {
    const files = builtFunctions();
    for (const route of Object.values(SIGNED_ROUTE_PATHS)) {
      expect(files).toContain(`${route.slice(1)}.protected.js`);
    }
  });

  it('has no public Function but the recordings page’s, which check its password', () => {
    const unprotected = builtFunctions().filter((name) => !/\.(protected|private)\.js$/.test(name));
    expect(unprotected.sort()).toEqual(
      Object.values(PAGE_ROUTE_PATHS)
        .map((route) => `${route.slice(1)}.js`)
        .sort(),
    );
  });

  it('finds the same access levels the Serverless Toolkit will deploy', async () => {
    const { fsHelpers } = require('@twilio-labs/serverless-api');
    const { functions } = await fsHelpers.getListOfFunctionsAndAssets(PROJECT_ROOT, {
      functionsFolderNames: ['dist/functions'],
      assetsFolderNames: ['dist/assets'],
    });
    const byPath = Object.fromEntries(
      functions.map((fn: { path: string; access: string }) => [fn.path, fn.access]),
    );
    for (const route of Object.values(SIGNED_ROUTE_PATHS)) expect(byPath[route]).toBe('protected');
    for (const route of Object.values(PAGE_ROUTE_PATHS)) expect(byPath[route]).toBe('public');
  });
});

/**
 * The Build's Dependencies (package.json `dependencies`, all a deploy sends) are exactly what
 * the deployed bundles require, plus the runtime handler Twilio runs them with; anything only
 * the tests, the tools or the type checker need is a devDependency.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The packages a built file requires (not Node's own modules), by the name of the package. */
function packagesRequired(code: string): string[] {
  const names = [...code.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map(
    (match) => match[1],
  );
  const packageOf = (name: string) =>
    name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
  return names
    .filter((name) => !name.startsWith('node:') && !builtinModules.includes(name.split('/')[0]))
    .map(packageOf);
}

const bundles = readdirSync(join(PROJECT_ROOT, 'dist', 'functions')).map((name) =>
  readFileSync(join(PROJECT_ROOT, 'dist', 'functions', name), 'utf8'),
);

it('depends on exactly what the deployed Functions require, and the runtime handler', () => {
  const required = new Set(bundles.flatMap(packagesRequired));
  expect(bundles.length).toBeGreaterThan(5);
  expect([...required].sort()).toEqual(['twilio']);
  expect(Object.keys(pkg.dependencies).sort()).toEqual(
    [...required, '@twilio/runtime-handler'].sort(),
  );
});

it('pins each Dependency to one exact version, as Twilio installs them', () => {
  for (const version of Object.values(pkg.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});

it('keeps the types-only runtime package out of the Build', () => {
  expect(pkg.dependencies['@twilio-labs/serverless-runtime-types']).toBeUndefined();
  expect(pkg.devDependencies['@twilio-labs/serverless-runtime-types']).toBe('4.0.1');
});

it('holds, for the tests, the twilio the runtime handler brings (the Functions’ `Twilio` global)', () => {
  const handler = JSON.parse(
    readFileSync(
      join(PROJECT_ROOT, 'node_modules', '@twilio', 'runtime-handler', 'package.json'),
      'utf8',
    ),
  ) as { dependencies: Record<string, string> };
  expect(pkg.devDependencies['twilio-4']).toBe(`npm:twilio@${handler.dependencies.twilio}`);
});

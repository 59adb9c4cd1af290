// Bundles each Function into one self-contained file under dist/functions, because a deployed
// Function is stored as a lone hashed file and cannot require the project's other files.
// Packages (twilio) stay external: the runtime installs them from package.json.
import { build } from 'esbuild';
import { copyFile, cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripSettingDocs } from './strip-setting-docs.mjs';

// fileURLToPath, not URL.pathname: the latter keeps %20 for a space and gives /C:/... on Windows.
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist');

await rm(out, { recursive: true, force: true });
const sources = (await readdir(join(root, 'functions'))).filter(
  (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'),
);
// One self-contained CommonJS file per entry point; packages are left to node_modules. The
// benchmark's baseline build reads the same options. The Functions are minified: a container's
// cold start reads the whole file, and a third less to read is a third of a millisecond of it
// (docs/performance.md). The local tools and commands are not, so their errors stay readable.
const bundle = JSON.parse(await readFile(join(root, 'scripts', 'function-bundle.json'), 'utf8'));
await build({
  ...bundle,
  entryPoints: sources.map((name) => join(root, 'functions', name)),
  outdir: join(out, 'functions'),
  plugins: [stripSettingDocs],
});
// The local tools (never deployed): the simulated call and the local start command.
const tools = (await readdir(join(root, 'local', 'cli'))).filter((name) => name.endsWith('.ts'));
await build({
  ...bundle,
  minify: false,
  entryPoints: tools.map((name) => join(root, 'local', 'cli', name)),
  outdir: join(out, 'local'),
});
// The commands that talk to a real account: wiring a number, the deploy that ends by saying
// so, erasing calls and keeping recordings only as long as configured.
await build({
  ...bundle,
  minify: false,
  entryPoints: [
    { in: join(root, 'scripts', 'wire', 'wire-cli.ts'), out: 'wire' },
    { in: join(root, 'scripts', 'docs', 'docs-cli.ts'), out: 'docs' },
    { in: join(root, 'scripts', 'wire', 'deploy-cli.ts'), out: 'deploy' },
    { in: join(root, 'scripts', 'erasure', 'erase-cli.ts'), out: 'erase' },
    { in: join(root, 'scripts', 'erasure', 'retention-cli.ts'), out: 'retention' },
  ],
  outdir: join(out, 'scripts'),
});
await mkdir(join(out, 'assets'), { recursive: true });
await cp(join(root, 'assets'), join(out, 'assets'), { recursive: true });
// Twilio serves the asset /assets/index.html at the service's root (an asset at /index.html is
// not), so the page is there too; it loads its script and stylesheet by absolute paths, which
// work from /, /index.html and /assets/index.html alike.
await mkdir(join(out, 'assets', 'assets'), { recursive: true });
await copyFile(join(root, 'assets', 'index.html'), join(out, 'assets', 'assets', 'index.html'));
// The recordings page's script, one file for the browser: index.html loads it from the same
// origin, as its Content-Security-Policy requires.
await build({
  entryPoints: [join(root, 'page', 'main.ts')],
  outfile: join(out, 'assets', 'recordings.js'),
  bundle: true,
  platform: 'browser',
  target: 'es2020',
  format: 'iife',
  minify: true,
  logLevel: 'warning',
});
console.log(`built ${sources.length} Functions into dist/functions, and the recordings page`);

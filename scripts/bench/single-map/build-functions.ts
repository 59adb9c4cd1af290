import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../local/project-root';
import FUNCTION_BUNDLE from '../../function-bundle.json';

/** Where the baseline's Functions are built, relative to the project root (git-ignored). */
export const SINGLE_MAP_FUNCTIONS = join('dist', 'bench', 'single-map', 'functions');

const SHARDED_LOG = join(PROJECT_ROOT, 'src', 'recording-log', 'sharded-log.ts');
const SINGLE_MAP_LOG = join(PROJECT_ROOT, 'scripts', 'bench', 'single-map', 'single-map-log.ts');

/** Puts the single-map log where the recording log opens its store; nothing else changes. */
const singleMapInstead: Plugin = {
  name: 'single-map-instead-of-sharded-log',
  setup(builder) {
    builder.onResolve({ filter: /\/sharded-log$/ }, (args) => {
      const resolved = join(args.resolveDir, `${args.path}.ts`);
      return resolved === SHARDED_LOG ? { path: SINGLE_MAP_LOG } : undefined;
    });
  },
};

/**
 * The project's Functions, built as `npm run build` builds them, but keeping the recording log
 * in the earlier single-map layout: the baseline the capacity benchmark compares the sharded
 * log with. The deployed bundles never contain it.
 */
export async function buildSingleMapFunctions(): Promise<string> {
  const sources = readdirSync(join(PROJECT_ROOT, 'functions')).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.d.ts'),
  );
  await build({
    ...(FUNCTION_BUNDLE as BuildOptions),
    entryPoints: sources.map((name) => join(PROJECT_ROOT, 'functions', name)),
    outdir: join(PROJECT_ROOT, SINGLE_MAP_FUNCTIONS),
    plugins: [singleMapInstead],
  });
  return SINGLE_MAP_FUNCTIONS;
}

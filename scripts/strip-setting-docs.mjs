// The settings table holds each setting's description and allowed values for people (they
// write .env.example and the README); a deployed Function needs only names, defaults and
// ranges. This esbuild plugin leaves the prose out of the Functions' bundles.
import { readFile } from 'node:fs/promises';

const PROSE = /^\s*(?:description|allowed):\s*(?:\n\s*)?(['"`])(?:\\.|(?!\1)[^\\])*\1,?\n/gm;

export const stripSettingDocs = {
  name: 'strip-setting-docs',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]config[\\/]settings-table\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(PROSE, ''), loader: 'ts' };
    });
  },
};

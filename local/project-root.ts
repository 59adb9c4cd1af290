import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder above `start` holding package.json: the project root, bundled or not. */
function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return join(start, '..');
  }
}

/** The project's root folder (where package.json and dist/ live), for local/, scripts and tests. */
export const PROJECT_ROOT = findProjectRoot(__dirname);

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';

/**
 * The names of this project's settings: every `NAME=` line of .env.example, commented out or
 * not (a setting left at its default is documented there commented out). A deploy removes from
 * the environment only Variables with one of these names.
 */
export function projectSettingNames(exampleFile = join(PROJECT_ROOT, '.env.example')): Set<string> {
  if (!existsSync(exampleFile)) return new Set();
  const names = readFileSync(exampleFile, 'utf8')
    .split(/\r?\n/)
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  return new Set(names);
}

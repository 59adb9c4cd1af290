/**
 * npm run docs: writes what people read from what the code says: .env.example and the
 * README's settings table from the settings table, docs/assumptions.md from the code's
 * assumption comments (`Assumption [...]`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { assumptionsDoc, collectAssumptions } from './assumptions-doc';
import { envExample, withSettingsTable } from './settings-docs';

writeFileSync(join(PROJECT_ROOT, '.env.example'), envExample());
const readme = join(PROJECT_ROOT, 'README.md');
writeFileSync(readme, withSettingsTable(readFileSync(readme, 'utf8')));
writeFileSync(
  join(PROJECT_ROOT, 'docs', 'assumptions.md'),
  assumptionsDoc(collectAssumptions(PROJECT_ROOT)),
);
console.log('wrote .env.example, the settings table of README.md, and docs/assumptions.md');

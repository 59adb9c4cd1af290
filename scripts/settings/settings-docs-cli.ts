/** npm run settings:docs: writes .env.example and the README's settings table from the table. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { envExample, withSettingsTable } from './settings-docs';

writeFileSync(join(PROJECT_ROOT, '.env.example'), envExample());
const readme = join(PROJECT_ROOT, 'README.md');
writeFileSync(readme, withSettingsTable(readFileSync(readme, 'utf8')));
console.log('wrote .env.example and the settings table of README.md');

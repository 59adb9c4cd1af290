import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { SETTINGS } from '../../src/config/settings-table';
import {
  envExample,
  settingsTable,
  TABLE_END,
  TABLE_START,
} from '../../scripts/docs/settings-docs';

const read = (name: string) => readFileSync(join(PROJECT_ROOT, name), 'utf8');

describe('project configuration', () => {
  it('deploys the build output on the node22 runtime', () => {
    const JSON5 = require('json5');
    const config = JSON5.parse(read('.twilioserverlessrc'));
    expect(config).toMatchObject({
      runtime: 'node22',
      functionsFolder: 'dist/functions',
      assetsFolder: 'dist/assets',
    });
  });

  it('pins the runtime handler to the version Twilio documents as the default', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.dependencies['@twilio/runtime-handler']).toBe('2.0.1');
    expect(pkg.overrides.twilio).toBe('$twilio');
  });

  it('has .env.example exactly as the settings table writes it (npm run docs)', () => {
    expect(read('.env.example')).toBe(envExample());
  });

  it('has the README’s settings table as the settings table writes it (npm run docs)', () => {
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
        .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
    const readme = read('README.md');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(0);
    expect(cells(readme.slice(start, end))).toEqual(cells(settingsTable()));
    expect(cells(settingsTable())).toHaveLength(Object.keys(SETTINGS).length + 1);
  });

  it('writes every setting a user sets into .env.example, and only the credentials uncommented', () => {
    const example = envExample();
    for (const [name, row] of Object.entries(SETTINGS)) {
      const line = new RegExp(`^(# )?${name}=`, 'm').exec(example);
      if (row.scope === 'twilio' && !('mustSet' in row)) expect(line).toBeNull();
      else expect(line?.[1] === undefined).toBe('mustSet' in row);
    }
  });

  it('keeps secrets and per-account state out of git', () => {
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['.env', '.twiliodeployinfo', '.wire-history.json']),
    );
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { SETTINGS } from '../../src/config/settings-table';

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

  it('documents every setting in .env.example', () => {
    const example = read('.env.example');
    for (const name of [
      ...Object.keys(SETTINGS),
      'ACCOUNT_SID',
      'AUTH_TOKEN',
      'TWILIO_API_BASE_URL',
    ]) {
      expect(example).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'));
    }
  });

  it('keeps secrets and per-account state out of git', () => {
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['.env', '.twiliodeployinfo', '.wire-history.json']),
    );
  });
});

/** npm start's own checks: how it starts twilio-run on any machine, and the PORT it accepts. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { listeningPort, twilioRunEntry } from '../../local/cli/start';
import { PROJECT_ROOT } from '../../local/project-root';

const run = promisify(execFile);
const START = join(PROJECT_ROOT, 'dist', 'local', 'start.js');

describe('twilio-run, started without a shell', () => {
  it("is its own JS entry file, run by this Node: no .bin script, which Windows can't spawn", async () => {
    const entry = twilioRunEntry();
    expect(entry).toMatch(/\.js$/);
    expect(entry).not.toContain(`${sep}.bin${sep}`);
    const installed = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'node_modules', 'twilio-run', 'package.json'), 'utf8'),
    ) as { version: string };
    const { stdout } = await run(process.execPath, [entry, '--version'], { timeout: 20_000 });
    expect(stdout.trim()).toBe(installed.version);
  });
});

describe('PORT', () => {
  it('is 3000 when unset, else a whole number from 0 to 65535', () => {
    expect(listeningPort(undefined)).toBe(3000);
    expect(listeningPort('')).toBe(3000);
    expect(listeningPort('0')).toBe(0);
    expect(listeningPort('65535')).toBe(65535);
    for (const bad of ['abc', '-1', '65536', '3000.5'])
      expect(() => listeningPort(bad)).toThrow(
        `PORT must be a whole number from 0 to 65535, not "${bad}"`,
      );
  });

  it('refuses a bad one in one line, with exit code 2, before starting anything', async () => {
    const refused = run(process.execPath, [START], {
      env: { ...process.env, PORT: 'eighty', ACCOUNT_SID: '', AUTH_TOKEN: '' },
      timeout: 20_000,
    });
    await expect(refused).rejects.toMatchObject({
      code: 2,
      stderr: 'PORT must be a whole number from 0 to 65535, not "eighty"\n',
    });
  });
});

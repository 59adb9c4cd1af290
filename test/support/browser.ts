import { execFile } from 'node:child_process';
import puppeteer, { type Browser } from 'puppeteer-core';
import { PROJECT_ROOT } from '../../local/project-root';

export interface ChromiumSettings {
  args: string[];
  executablePath: string;
}

/**
 * The Chromium that ships inside the @sparticuz/chromium package: its flags, and its path once
 * unpacked (the first call unpacks it into the temp folder; later ones find it there). That
 * package is an ES module, which jest's CommonJS runtime cannot load, so a child Node asks it.
 */
function readChromiumSettings(): Promise<ChromiumSettings> {
  const script = `
    import chromium from '@sparticuz/chromium';
    const executablePath = await chromium.executablePath();
    process.stdout.write(JSON.stringify({ args: chromium.args, executablePath }));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '--eval', script],
      { cwd: PROJECT_ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`could not locate the bundled Chromium: ${error.message} ${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout) as ChromiumSettings);
      },
    );
  });
}

let settings: Promise<ChromiumSettings> | undefined;

/** A headless Chromium with no install beyond `npm ci`. Close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  settings ??= readChromiumSettings();
  const { args, executablePath } = await settings;
  return puppeteer.launch({ args, executablePath, headless: true, timeout: 20_000 });
}

import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Runs `work` while no other process holds the lock: the package unpacks Chromium only if the
 * file is not there yet, so two jest workers starting together could otherwise launch a
 * half-written browser. A lock older than the deadline was left by a killed run.
 */
async function withUnpackLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), 'chromium-unpack.lock');
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - lockAge(lock) > 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) {
        throw new Error(`${lock} is still held after 60 s`, { cause: error });
      } else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** When the lock was taken; now if it has just gone. */
function lockAge(lock: string): number {
  try {
    return statSync(lock).mtimeMs;
  } catch {
    return Date.now();
  }
}

let settings: Promise<ChromiumSettings> | undefined;

/** A headless Chromium with no install beyond `npm ci`. Close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  settings ??= withUnpackLock(readChromiumSettings);
  const { args, executablePath } = await settings;
  return puppeteer.launch({ args, executablePath, headless: true, timeout: 20_000 });
}

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SEAM_BASE_VARIABLE } from '../../local/deploy/serverless-api-seam';
import { PROJECT_ROOT } from '../../local/project-root';

/** twilio-run's own command-line entry (a JS file, run with this Node: no shell needed). */
export function twilioRunEntry(): string {
  const manifest = createRequire(join(PROJECT_ROOT, 'package.json')).resolve(
    'twilio-run/package.json',
  );
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['twilio-run']);
}

/** The built preload that points twilio-run at the local Twilio (local/cli/serverless-api-seam.ts). */
export const SEAM_PRELOAD = join(PROJECT_ROOT, 'dist', 'local', 'serverless-api-seam.js');

export interface TwilioRunInvocation {
  /** twilio-run's arguments, e.g. ['deploy', '--env', file]. */
  args: string[];
  cwd: string;
  /** The local Twilio's address: twilio-run then runs with the seam preloaded. */
  localApiBase?: string;
  /** Where its output goes; without it, to this process's own terminal, as it is. */
  print?(text: string): void;
}

/**
 * Runs twilio-run in a child process of this same Node (process.execPath and twilio-run's JS
 * entry, so no shell and no .bin script is involved, on any system) and passes its output on as
 * it comes. Resolves with its exit code (1 when it could not start or a signal ended it).
 */
export function runTwilioRun(invocation: TwilioRunInvocation): Promise<number> {
  const { localApiBase, print } = invocation;
  const say = print ?? ((text: string) => console.error(text));
  if (localApiBase !== undefined && !existsSync(SEAM_PRELOAD)) {
    say(`${SEAM_PRELOAD} is missing: run npm run build first`);
    return Promise.resolve(1);
  }
  const preload = localApiBase === undefined ? [] : ['--require', SEAM_PRELOAD];
  const env =
    localApiBase === undefined
      ? process.env
      : { ...process.env, [SEAM_BASE_VARIABLE]: localApiBase };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...preload, twilioRunEntry(), ...invocation.args], {
      cwd: invocation.cwd,
      env,
      stdio: print ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const pass = (chunk: Buffer) => print?.(chunk.toString('utf8').replace(/\n$/, ''));
    child.stdout?.on('data', pass);
    child.stderr?.on('data', pass);
    child.on('error', (error) => {
      say(`Could not start twilio-run: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

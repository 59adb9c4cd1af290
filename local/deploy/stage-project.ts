import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';

/** A copy of what a deploy reads, in a folder of its own. */
export interface StagedProject {
  dir: string;
  /** twilio-run's arguments that find the Functions and Assets in it. */
  args: string[];
  remove(): void;
}

/**
 * The build as twilio-run deploys it (package.json, .twilioserverlessrc, and the built Functions
 * and Assets that .twilioserverlessrc points at, dist/functions and dist/assets), copied into a
 * fresh folder. npm run deploy:local deploys from the copy: the local account's
 * .twiliodeployinfo stays out of the project, and a build running meanwhile changes nothing.
 * The copies sit in functions/ and assets/, the folders twilio-run's project check looks for.
 */
export function stageProject(root = PROJECT_ROOT): StagedProject {
  const built = {
    functions: join(root, 'dist', 'functions'),
    assets: join(root, 'dist', 'assets'),
  };
  if (!existsSync(built.functions))
    throw new Error(`${built.functions} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'deploy-local-'));
  for (const file of ['package.json', '.twilioserverlessrc'])
    if (existsSync(join(root, file))) cpSync(join(root, file), join(dir, file));
  cpSync(built.functions, join(dir, 'functions'), { recursive: true });
  if (existsSync(built.assets)) cpSync(built.assets, join(dir, 'assets'), { recursive: true });
  return {
    dir,
    args: ['--functions-folder', 'functions', '--assets-folder', 'assets'],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * npm run deploy (after the build): twilio-run's own deploy, with the arguments given, to the
 * account in .env. The Variables come from .env alone and are checked before anything is
 * uploaded (scripts/deploy/variables-plan.ts); a first deploy that stopped half-way is carried
 * on; Variables taken out of .env are removed afterwards. When it worked, it prints the wire
 * command to run next. Its exit code is twilio-run's (1 when the deploy was refused).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage } from '../../src/errors';
import { parseDeployArguments } from '../deploy/deploy-arguments';
import { deployProject } from '../deploy/deploy';
import { readEnvFile } from '../deploy/env-file';
import { projectSettingNames } from '../deploy/project-settings';
import { nextStepAfterDeploy } from './next-step';

export interface DeployCommandContext {
  cwd: string;
  print(line: string): void;
  printError(line: string): void;
  /** twilio-run's own output; by default straight to the terminal, spinner and colours kept. */
  printTwilioRun?(text: string): void;
}

export async function runDeployCommand(
  argv: string[],
  context: DeployCommandContext,
): Promise<number> {
  const given = parseDeployArguments(argv).envFile;
  const envFile = resolve(context.cwd, given ?? '.env');
  if (given !== undefined && !existsSync(envFile)) {
    context.printError(`Refused: ${envFile} does not exist`);
    return 1;
  }
  const settings = projectSettingNames();
  const outcome = await deployProject({
    cwd: context.cwd,
    args: argv,
    dotEnv: readEnvFile(envFile),
    command: 'npm run deploy',
    isManaged: (name) => settings.has(name),
    print: context.print,
    printError: context.printError,
    printTwilioRun: context.printTwilioRun,
  });
  if (outcome.code === 0) context.print(nextStepAfterDeploy(argv));
  return outcome.code;
}

async function main(): Promise<void> {
  process.exitCode = await runDeployCommand(process.argv.slice(2), {
    cwd: process.cwd(),
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`Failed: ${errorMessage(error)}`);
    process.exitCode = 1;
  });
}

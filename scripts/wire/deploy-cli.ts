/**
 * npm run deploy (after the build): twilio-run deploy with the arguments given, then, when it
 * succeeded, the wire command to run next. twilio-run's exit code is this command's.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { nextStepAfterDeploy } from './next-step';

/** Runs the deploy command; resolves with its exit code (1 when a signal ended it). */
export function deployThenNextStep(
  command: string,
  commandArgs: string[],
  deployArgs: string[],
  print: (text: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, [...commandArgs, ...deployArgs], {
      stdio: 'inherit',
      cwd: process.cwd(),
    });
    child.on('error', (error) => {
      print(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code) => {
      if (code === 0) print(nextStepAfterDeploy(deployArgs));
      resolve(code ?? 1);
    });
  });
}

if (require.main === module) {
  const twilioRun = join(PROJECT_ROOT, 'node_modules', '.bin', 'twilio-run');
  void deployThenNextStep(twilioRun, ['deploy'], process.argv.slice(2), (text) =>
    console.log(text),
  ).then((code) => {
    process.exitCode = code;
  });
}

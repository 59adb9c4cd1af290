import { errorMessage } from '../src/errors';

export interface CommandOutput {
  print(line: string): void;
  printError(line: string): void;
}

/**
 * Runs a command as the process's main: its exit code becomes the process's; anything it did
 * not expect is said in one line (never a stack) and exits with `unexpectedExit`.
 */
export function runAsMain<Io extends CommandOutput>(
  command: (args: string[], io: Io) => Promise<number>,
  io: Omit<Io, keyof CommandOutput>,
  unexpectedExit: number,
): void {
  const output: CommandOutput = {
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
  };
  command(process.argv.slice(2), { ...io, ...output } as Io)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(`Failed: ${errorMessage(error)}`);
      process.exitCode = unexpectedExit;
    });
}

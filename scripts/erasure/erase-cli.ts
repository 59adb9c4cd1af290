/**
 * npm run erase: erases calls this service logged (their recordings, the caller's words), on the
 * account in .env or the environment, or on a running npm start (--server URL). Exit: 0 done, 1
 * not finished, 2 bad input.
 */
import { errorMessage } from '../../src/errors';
import { commandEnvironment, EXIT } from './command-setup';
import { runErase } from './erase-command';

if (require.main === module) {
  runErase(process.argv.slice(2), {
    env: commandEnvironment(process.cwd()),
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
  })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(`Failed: ${errorMessage(error)}`);
      process.exitCode = EXIT.unfinished;
    });
}

/**
 * npm run retention: erases the calls whose recordings are older than RECORDING_RETENTION_DAYS
 * (or --days N) on Twilio's clock; for the user's own scheduler. Exit: 0 done, 1 not finished,
 * 2 bad input.
 */
import { errorMessage } from '../../src/errors';
import { commandEnvironment, EXIT } from './command-setup';
import { runRetention } from './retention-command';

if (require.main === module) {
  runRetention(process.argv.slice(2), {
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

/**
 * npm run erase: erases calls this service logged (their recordings, the caller's words), on the
 * account in .env or the environment, or on a running npm start (--server URL). Exit: 0 done, 1
 * not finished, 2 bad input.
 */
import { runAsMain } from '../command-main';
import { commandEnvironment, EXIT } from './command-setup';
import { runErase } from './erase-command';

if (require.main === module) {
  runAsMain(runErase, { env: commandEnvironment(process.cwd()) }, EXIT.unfinished);
}

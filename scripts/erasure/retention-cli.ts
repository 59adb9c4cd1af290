/**
 * npm run retention: erases the calls whose recordings are older than RECORDING_RETENTION_DAYS
 * (or --days N) on Twilio's clock; for the user's own scheduler. Exit: 0 done, 1 not finished,
 * 2 bad input.
 */
import { runAsMain } from '../command-main';
import { commandEnvironment, EXIT } from './command-setup';
import { runRetention } from './retention-command';

if (require.main === module) {
  runAsMain(runRetention, { env: commandEnvironment(process.cwd()) }, EXIT.unfinished);
}

import { err, ok, type Result } from '../../src/result';
import { readOptions, single } from './command-line';

export const RETENTION_HELP = `Usage: npm run retention -- [--days N] [--apply] [--server URL]

Deletes the recordings of the calls in the recording log that are older than
RECORDING_RETENTION_DAYS days (from .env or the environment; empty keeps them), measured on
Twilio's clock (the Date of its answers, not this machine's), and erases those calls as npm run
erase does (means: retention). A call still being recorded is left for a later run; an erasure
that was interrupted is finished. Without --apply it only lists the recordings, by SID.

  --days N        keep N days this time (N >= 0; 0: every finished recording), whatever
                  RECORDING_RETENTION_DAYS says
  --apply         erase; without it, a dry run that changes nothing
  --server URL    work against a running npm start (its local Twilio), e.g.
                  http://127.0.0.1:3000; otherwise ACCOUNT_SID and AUTH_TOKEN from .env or
                  the environment
  --help

Run it from your own scheduler (cron, a CI schedule). Exit: 0 done (or nothing to do), 1 not
finished (run it again to finish), 2 bad input (nothing was changed).`;

/** The most days accepted (as RECORDING_RETENTION_DAYS: five digits, some 270 years). */
const MAX_DAYS = 99_999;

export type RetentionRequest =
  { kind: 'help' } | { kind: 'retention'; days?: number; apply: boolean; server?: string };

/** Reads npm run retention's command line; every refusal names the option and what it takes. */
export function parseRetentionArguments(argv: readonly string[]): Result<RetentionRequest, string> {
  const read = readOptions(argv, 'retention', {
    values: ['--days', '--server'],
    flags: ['--apply', '--help', '-h'],
  });
  if (!read.ok) return read;
  const options = read.value;
  if (options.flags.has('--help') || options.flags.has('-h')) return ok({ kind: 'help' });
  const days = single(options, '--days');
  if (!days.ok) return days;
  const server = single(options, '--server');
  if (!server.ok) return server;
  let count: number | undefined;
  if (days.value !== undefined) {
    count = /^\d{1,5}$/.test(days.value) ? Number(days.value) : NaN;
    if (!(count >= 0 && count <= MAX_DAYS))
      return err(`--days '${days.value}': a whole number of days from 0 to ${MAX_DAYS}`);
  }
  return ok({
    kind: 'retention',
    ...(count !== undefined ? { days: count } : {}),
    apply: options.flags.has('--apply'),
    ...(server.value !== undefined ? { server: server.value } : {}),
  });
}

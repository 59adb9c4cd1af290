import { checkReason } from '../../src/erasure/erasure-plan';
import { err, ok, type Result } from '../../src/result';
import { exampleSid, isSid } from '../../src/twilio/sids';
import { E164_RULE, isE164 } from '../wire/e164';
import { readOptions, single } from './command-line';

export const ERASE_HELP = `Usage: npm run erase -- --call CA… [--call CA…] [options]
       npm run erase -- --from +15551234567 [options]

Erases calls this service logged: every recording of the call deleted through Twilio's
Recordings API (one still being recorded is stopped first), the caller's words and consent
answer removed from the recording log, and an erasure entry kept instead: when (Twilio's
clock), which recordings, by which means, and the reason. Calls the recording log does not
know are left alone. Without --apply it only lists what would be erased.

  --call CA…      a call to erase (repeat the option for several)
  --from +E164    every call from this number (the account's Calls list), those the log knows
  --apply         erase; without it, a dry run that changes nothing
  --reason TEXT   why, kept in the erasure entry (at most 200 characters: say why, not who)
  --server URL    work against a running npm start (its local Twilio), e.g.
                  http://127.0.0.1:3000; otherwise ACCOUNT_SID and AUTH_TOKEN from .env or
                  the environment
  --help

Exit: 0 done (or nothing to do), 1 not finished (each recording's outcome is listed; run the
same command again to finish), 2 bad input (nothing was changed).`;

export type EraseRequest =
  | { kind: 'help' }
  | {
      kind: 'erase';
      /** The calls named, or the caller's number whose calls to find. */
      target: { calls: string[] } | { from: string };
      apply: boolean;
      reason?: string;
      server?: string;
    };

/** Reads npm run erase's command line; every refusal names the option and what it takes. */
export function parseEraseArguments(argv: readonly string[]): Result<EraseRequest, string> {
  const read = readOptions(argv, 'erase', {
    values: ['--call', '--from', '--reason', '--server'],
    flags: ['--apply', '--help', '-h'],
  });
  if (!read.ok) return read;
  const options = read.value;
  if (options.flags.has('--help') || options.flags.has('-h')) return ok({ kind: 'help' });
  const calls = options.values.get('--call') ?? [];
  const from = single(options, '--from');
  if (!from.ok) return from;
  const reason = single(options, '--reason');
  if (!reason.ok) return reason;
  const server = single(options, '--server');
  if (!server.ok) return server;
  for (const call of calls)
    if (!isSid('CallSid', call))
      return err(
        `--call '${call}': a CallSid is CA and 32 lowercase hex digits, e.g. ${exampleSid('CallSid')}`,
      );
  if (from.value !== undefined && !isE164(from.value))
    return err(`--from '${from.value}': ${E164_RULE}`);
  if (calls.length > 0 && from.value !== undefined) return err('give --call or --from, not both');
  if (calls.length === 0 && from.value === undefined)
    return err('say which calls: --call CA… or --from +15551234567 (see --help)');
  const checked = checkReason(reason.value);
  if (checked.error) return err(`--reason ${checked.error}`);
  if (reason.value !== undefined && checked.reason === undefined)
    return err('--reason needs some text (or leave it out)');
  return ok({
    kind: 'erase',
    target: from.value !== undefined ? { from: from.value } : { calls: [...new Set(calls)] },
    apply: options.flags.has('--apply'),
    ...(checked.reason !== undefined ? { reason: checked.reason } : {}),
    ...(server.value !== undefined ? { server: server.value } : {}),
  });
}

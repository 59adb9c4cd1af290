import type { Settings } from '../../src/config/settings';
import { allDone, eraseCalls } from '../../src/erasure/erase-calls';
import { findDueCalls, type DueCall, type RetentionFindings } from '../../src/erasure/retention';
import { budget } from '../../src/retry';
import {
  commandServices,
  commandSettings,
  ERASE_CONCURRENCY,
  EXIT,
  type CommandContext,
} from './command-setup';
import { counted, describeCall, describeTotals } from './report-lines';
import { parseRetentionArguments, RETENTION_HELP } from './retention-arguments';

/** One page of the log or of the recordings, retries included: it never limits a whole run. */
const PAGE_BUDGET_MS = 60_000;

/**
 * npm run retention: erases the calls whose recordings are older than the retention (Twilio's
 * clock), and finishes erasures that were interrupted; a dry run without --apply.
 */
export async function runRetention(
  argv: readonly string[],
  context: CommandContext,
): Promise<number> {
  const parsed = parseRetentionArguments(argv);
  if (!parsed.ok) return refuse(context, parsed.error);
  if (parsed.value.kind === 'help') {
    context.print(RETENTION_HELP);
    return EXIT.done;
  }
  const request = parsed.value;
  const settings = await commandSettings(context, request.server);
  if (!settings.ok) return refuse(context, settings.error);
  const retention = retentionOf(settings.value, request.days);
  if (typeof retention === 'string') return refuse(context, retention);
  if (retention === undefined) {
    context.print(
      'RECORDING_RETENTION_DAYS is empty: recordings are kept, nothing to do (set it in .env, or give --days N).',
    );
    return EXIT.done;
  }
  const services = commandServices(settings.value, context);
  if (!services.ok) return refuse(context, services.error);
  const { client } = services.value;
  const pageBudget = () =>
    budget(PAGE_BUDGET_MS, settings.value.twilio.restTimeoutMs, { clock: context.clock });
  const found = await findDueCalls(client, settings.value.log, retention.days, pageBudget);
  if (!found.ok) {
    if (found.error.detail === '20003' || found.error.detail === '401')
      return refuse(
        context,
        'Twilio refused the credentials (20003): check ACCOUNT_SID and AUTH_TOKEN',
      );
    context.printError(`Failed: ${found.error.message}; nothing was deleted, run it again.`);
    return EXIT.unfinished;
  }
  describeFindings(found.value, retention, context);
  if (found.value.due.length === 0) return EXIT.done;
  if (!request.apply) {
    for (const call of found.value.due) context.print(describeDue(call));
    const count = found.value.due.reduce((sum, call) => sum + call.recordings.length, 0);
    context.print(
      `Dry run: ${counted(found.value.due.length, 'call')}, ${counted(count, 'recording')} to delete; nothing was changed (add --apply to erase).`,
    );
    return EXIT.done;
  }
  const reason = `kept ${retention.days} days (${retention.source})`;
  const reports = await eraseCalls(
    services.value,
    found.value.due.map((call) => ({
      callSid: call.callSid,
      means: 'retention' as const,
      reason,
      apply: true,
    })),
    context.concurrency ?? ERASE_CONCURRENCY,
    (report) => {
      for (const line of describeCall(report)) context.print(line);
    },
  );
  context.print(describeTotals(reports, true));
  return allDone(reports) ? EXIT.done : EXIT.unfinished;
}

/** The days to keep and where they come from; undefined: keep; a string: the setting is wrong. */
function retentionOf(
  settings: Settings,
  days: number | undefined,
): { days: number; source: string } | undefined | string {
  if (days !== undefined) return { days, source: '--days' };
  const problem = settings.problems.find((one) => one.field === 'RECORDING_RETENTION_DAYS');
  if (problem)
    return `RECORDING_RETENTION_DAYS ${problem.message.replace(/; recordings are kept$/, '')}; nothing was changed`;
  return settings.retentionDays === undefined
    ? undefined
    : { days: settings.retentionDays, source: 'RECORDING_RETENTION_DAYS' };
}

function describeFindings(
  found: RetentionFindings,
  retention: { days: number; source: string },
  context: CommandContext,
): void {
  const iso = (ms: number) => new Date(ms).toISOString();
  context.print(
    `Retention: ${retention.days} days (${retention.source}). Twilio's clock: ${iso(found.now)}; recordings created at or before ${iso(found.cutoff)} go.`,
  );
  context.print(
    `Read: the recording log (${counted(found.read.logEntries, 'entry', 'entries')} in ${counted(found.read.logPages, 'page')}) and the account's recordings (${counted(found.read.recordingPages, 'page')}).`,
  );
  if (found.stillRecording > 0)
    context.print(
      `Left for a later run: ${counted(found.stillRecording, 'call')} still being recorded.`,
    );
  if (found.due.length === 0) context.print('Nothing to delete.');
}

function describeDue(call: DueCall): string {
  const recordings = call.recordings
    .map(
      (recording) =>
        `${recording.sid} (${recording.status}, created ${new Date(recording.createdAt).toISOString()})`,
    )
    .join(', ');
  return call.why === 'unfinished'
    ? `${call.callSid}: an erasure to finish${recordings ? `: ${recordings}` : ' (no recording left to delete)'}`
    : `${call.callSid}: ${recordings}`;
}

function refuse(context: CommandContext, message: string): number {
  context.printError(`Refused: ${message}`);
  return EXIT.badInput;
}

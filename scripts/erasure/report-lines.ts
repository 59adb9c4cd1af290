import type { CallErasure, RecordingOutcome } from '../../src/erasure/erasure-types';

/** What a command prints of one call's erasure: a line for the call, one per recording. */
export function describeCall(report: CallErasure): string[] {
  const { callSid } = report;
  if (report.state === 'not-logged')
    return [
      `${callSid}: not in the recording log, left alone (only calls this service logged are erased)`,
    ];
  const lines = [`${callSid}: ${headline(report)}`];
  lines.push(...report.recordings.map((outcome) => `  ${describeRecording(outcome)}`));
  const { found, removed } = report.personalData;
  if (report.state === 'planned' && found > 0)
    lines.push(
      `  ${entries(found)} with the caller's words or consent answer to remove from the log`,
    );
  else if (removed > 0)
    lines.push(`  the caller's words and consent answer removed: ${entries(removed)}`);
  if (report.failure)
    lines.push(`  not finished: ${report.failure.message}${retryHint(report.failure.transient)}`);
  return lines;
}

function headline(report: CallErasure): string {
  const erasure = report.erasure;
  const made = erasure
    ? `${erasure.at} on Twilio's clock, by ${erasure.means}${erasure.reason ? `, reason "${erasure.reason}"` : ''}`
    : '';
  switch (report.state) {
    case 'planned':
      return report.recordings.length === 0 && report.personalData.found === 0
        ? `nothing left to erase${erasure ? ` (erased ${made})` : ''}`
        : `${recordings(report.recordings.length)} to delete`;
    case 'done':
      return report.alreadyErased
        ? `erased already (${made}): nothing more to do`
        : `erased (${made})`;
    default:
      return `not finished${erasure ? ` (erasure of ${made})` : ''}`;
  }
}

function describeRecording(outcome: RecordingOutcome): string {
  const sid = outcome.recordingSid;
  switch (outcome.result) {
    case 'to-delete':
      return `${sid} (${outcome.statusBefore}${outcome.statusBefore === 'in-progress' || outcome.statusBefore === 'paused' ? ': stopped first' : ''})`;
    case 'deleted':
      return `${sid} deleted${outcome.stoppedFirst ? ' (stopped first)' : ''}`;
    case 'already-gone':
      return `${sid} already gone`;
    case 'failed':
      return `${sid} NOT deleted: ${outcome.failure?.message ?? 'failed'}${retryHint(outcome.failure?.transient)}`;
  }
}

function retryHint(transient: boolean | undefined): string {
  return transient ? ' (passing: run the command again)' : '';
}

/** `1 call`, `2 calls`: a count with its noun. */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

const recordings = (count: number) => counted(count, 'recording');
const entries = (count: number) => counted(count, 'log entry', 'log entries');

/** The closing line: what was done over all calls, and what to do if something is left. */
export function describeTotals(reports: readonly CallErasure[], apply: boolean): string {
  const outcomes = reports.flatMap((report) => report.recordings);
  const count = (result: RecordingOutcome['result']) =>
    outcomes.filter((outcome) => outcome.result === result).length;
  const calls = counted(reports.filter((report) => report.state !== 'not-logged').length, 'call');
  if (!apply)
    return `Dry run: ${calls}, ${recordings(count('to-delete'))} to delete; nothing was changed (add --apply to erase).`;
  const unfinished = reports.filter((report) => report.state === 'incomplete').length;
  const before = reports.filter((report) => report.alreadyErased).length;
  const done = `${calls}: ${recordings(count('deleted'))} deleted, ${count('already-gone')} already gone${before > 0 ? `, ${before} erased before` : ''}`;
  return unfinished === 0
    ? `Done: ${done}.`
    : `Not finished: ${done}, ${count('failed')} not deleted, ${counted(unfinished, 'call')} to finish; run the same command again.`;
}

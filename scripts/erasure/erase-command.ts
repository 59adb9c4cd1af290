import { callsFromNumber } from '../../src/erasure/calls-from-number';
import { allDone, eraseCalls } from '../../src/erasure/erase-calls';
import type { CallErasure, ErasureServices } from '../../src/erasure/erasure-types';
import { ERASE_HELP, parseEraseArguments, type EraseRequest } from './erase-arguments';
import {
  commandServices,
  commandSettings,
  ERASE_CONCURRENCY,
  EXIT,
  type CommandContext,
} from './command-setup';
import { describeCall, describeTotals } from './report-lines';

type Erase = Extract<EraseRequest, { kind: 'erase' }>;

/** npm run erase: erases the calls named, or a caller's calls; a dry run without --apply. */
export async function runErase(argv: readonly string[], context: CommandContext): Promise<number> {
  const parsed = parseEraseArguments(argv);
  if (!parsed.ok) return refuse(context, parsed.error);
  if (parsed.value.kind === 'help') {
    context.print(ERASE_HELP);
    return EXIT.done;
  }
  const request = parsed.value;
  const settings = await commandSettings(context, request.server);
  if (!settings.ok) return refuse(context, settings.error);
  const services = commandServices(settings.value, context);
  if (!services.ok) return refuse(context, services.error);
  const callSids = await callsToErase(services.value, request, context);
  if (typeof callSids === 'number') return callSids;

  const erase = (apply: boolean, print: boolean) =>
    eraseCalls(
      services.value,
      callSids.map((callSid) => ({
        callSid,
        means: 'command' as const,
        reason: request.reason,
        apply,
      })),
      context.concurrency ?? ERASE_CONCURRENCY,
      (report) => {
        // A caller's calls made to other apps of the account are none of this command's.
        if (print && !('from' in request.target && report.state === 'not-logged'))
          for (const line of describeCall(report)) context.print(line);
      },
    );
  // Calls named one by one must all be this service's: checked (reading only) before any is
  // touched, so that a refusal changes nothing. The check is the dry run.
  if ('calls' in request.target) {
    const checked = await erase(false, !request.apply);
    const refusal = refusalOf(checked, true);
    if (refusal) return refuse(context, refusal);
    if (!request.apply) {
      context.print(describeTotals(checked, false));
      return EXIT.done;
    }
  }
  const reports = await erase(request.apply, true);
  const refusal = refusalOf(reports, false);
  if (refusal) return refuse(context, refusal);
  if ('from' in request.target)
    context.print(
      `In the recording log: ${reports.filter((report) => report.state !== 'not-logged').length} of them.`,
    );
  context.print(describeTotals(reports, request.apply));
  return allDone(reports) ? EXIT.done : EXIT.unfinished;
}

/** The calls named, or those of the caller's number (a number that made none has none). */
async function callsToErase(
  services: ErasureServices,
  request: Erase,
  context: CommandContext,
): Promise<string[] | number> {
  if ('calls' in request.target) return request.target.calls;
  const from = request.target.from;
  const found = await callsFromNumber(services.client, from, services.budget());
  if (!found.ok) {
    if (found.error.detail === '20003') return refuse(context, CREDENTIALS_REFUSED);
    context.printError(
      `Failed: the account's Calls list could not be read: ${found.error.message}`,
    );
    return EXIT.unfinished;
  }
  context.print(`Calls from ${from} in the account: ${found.value.length}.`);
  return found.value.map((call) => call.callSid);
}

const CREDENTIALS_REFUSED =
  'Twilio refused the credentials (20003): check ACCOUNT_SID and AUTH_TOKEN';

/** What makes the whole request a refusal: credentials Twilio refused, a named call not logged. */
function refusalOf(reports: readonly CallErasure[], named: boolean): string | undefined {
  if (reports.some((report) => ['20003', '401'].includes(report.failure?.detail ?? '')))
    return CREDENTIALS_REFUSED;
  const unknown = reports.filter((report) => report.state === 'not-logged');
  if (!named || unknown.length === 0) return undefined;
  return `${unknown.map((report) => report.callSid).join(', ')}: not in the recording log (only calls this service logged are erased); nothing was changed`;
}

function refuse(context: CommandContext, message: string): number {
  context.printError(`Refused: ${message}`);
  return EXIT.badInput;
}

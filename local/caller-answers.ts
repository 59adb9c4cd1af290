import { E164_RULE, isE164 } from '../scripts/wire/e164';
import type { ConsentMode } from '../src/config/consent-settings';
import { err, ok, type Result } from '../src/result';
import { DEFAULT_CALLER, type GatherAnswer } from './call-script';

/** What the simulated caller says to the feedback question when no words were given. */
export const DEFAULT_FEEDBACK = 'The agent was friendly and solved my problem quickly';

const KEYS = /^[0-9*#]{1,8}$/;

/**
 * What a simulated caller does at each Gather of the Client Feedback flow, from the fields of
 * POST /_simulate/call (`npm run call` gathers its options into the same fields):
 * - `consent` (yes, no or silent: said, or silence each time the question is asked) and
 *   `press` (keys), in the order given: the answers to the consent question, used only when
 *   `mode` asks it (opt-in, opt-out); `notice` tells and asks nothing, so they are dropped;
 * - `say` (repeatable; blank ones dropped), or `silent`: the answer to the feedback question,
 *   DEFAULT_FEEDBACK when neither is given.
 * Throws on a consent answer or keys no caller could give, whatever the mode.
 */
export function callerAnswers(fields: URLSearchParams, mode: ConsentMode): GatherAnswer[] {
  const consent: GatherAnswer[] = [];
  for (const [name, value] of fields) {
    if (name === 'consent') consent.push(...consentAnswer(value));
    else if (name === 'press') consent.push(keysAnswer(value));
  }
  const said = fields.getAll('say').filter((text) => text.trim() !== '');
  const feedback = fields.has('silent') ? [] : said.length > 0 ? said : [DEFAULT_FEEDBACK];
  return [
    ...(mode === 'notice' ? [] : consent),
    ...feedback.map((text): GatherAnswer => ({ say: text })),
  ];
}

/**
 * The number the simulated call comes from: the field `from`, in E.164, or DEFAULT_CALLER when
 * it is not given; so that several calls from one caller can be placed and found again (the
 * Calls list's `From` filter).
 */
export function callerNumber(fields: URLSearchParams): Result<string, string> {
  const given = fields.getAll('from');
  if (given.length === 0) return ok(DEFAULT_CALLER);
  if (given.length > 1) return err(`from: one caller's number, not ${given.length}`);
  const [number] = given;
  if (isE164(number)) return ok(number);
  // A form body reads `+` as a space: `-d from=+1555...` arrives as ' 1555...'.
  const plusAsSpace = /^ \d+$/.test(number)
    ? ' (a + in a form body is read as a space: send it as %2B)'
    : '';
  return err(`from '${number}': ${E164_RULE}${plusAsSpace}`);
}

/** Whether the fields answer the consent question at all. */
export function answersConsent(fields: URLSearchParams): boolean {
  return fields.has('consent') || fields.has('press');
}

function consentAnswer(choice: string): GatherAnswer[] {
  if (choice === 'yes' || choice === 'no') return [{ say: choice }];
  // Asked twice, silent both times.
  if (choice === 'silent') return [{ silent: true }, { silent: true }];
  throw new Error(`consent '${choice}': expected yes, no or silent`);
}

function keysAnswer(keys: string): GatherAnswer {
  if (!KEYS.test(keys)) throw new Error(`press '${keys}': expected 1 to 8 keys of 0-9, * or #`);
  return { press: keys };
}

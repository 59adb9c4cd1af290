import type { ConsentMode } from '../src/config/consent-settings';
import type { GatherAnswer } from './call-driver';

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

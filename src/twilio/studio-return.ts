import { err, ok, type Result } from '../result';

/**
 * Studio's TwiML Redirect widget takes a call back when the TwiML it handed the call to
 * redirects to the flow's webhook with `?FlowEvent=return`; every other parameter on that URL
 * becomes a Liquid variable of the widget ({{widgets.<widget name>.<parameter>}}). This is the
 * only URL outside the service a toggle transition may name, and only in its exact form.
 */
export const STUDIO_WEBHOOKS_HOST = 'webhooks.twilio.com';

/** The exact return URL of one flow of one account. */
export function studioReturnUrl(accountSid: string, flowSid: string): string {
  return `https://${STUDIO_WEBHOOKS_HOST}/v1/Accounts/${accountSid}/Flows/${flowSid}?FlowEvent=return`;
}

export const STUDIO_RETURN_FORM = `https://${STUDIO_WEBHOOKS_HOST}/v1/Accounts/<this account's AccountSid>/Flows/FW…?FlowEvent=return`;

// Nothing may vary but the two SIDs: no port, no credentials, no other path part, no other
// parameter. The toggle appends its own parameters; a fixed one would only shadow them.
const EXACT =
  /^https:\/\/webhooks\.twilio\.com\/v1\/Accounts\/(AC[0-9a-f]{32})\/Flows\/(FW[0-9a-f]{32})\?FlowEvent=return$/;

/** Whether a value is meant as a Studio return URL at all (so that its errors can be specific). */
export function looksLikeStudioUrl(value: string): boolean {
  try {
    return new URL(value).hostname.toLowerCase() === STUDIO_WEBHOOKS_HOST;
  } catch {
    return false;
  }
}

/**
 * Checks a Studio return URL: exactly the form above, for the account this service runs in.
 * The error says what is wrong, for the developer who configured it.
 */
export function checkStudioReturnUrl(value: string, ownAccountSid: string): Result<string, string> {
  const match = EXACT.exec(value);
  if (!match) {
    return err(`is not a Studio return URL of the exact form ${STUDIO_RETURN_FORM}${hint(value)}`);
  }
  if (match[1] !== ownAccountSid) {
    return err('names another account: a call can only return to a flow of this account');
  }
  return ok(value);
}

/** What most likely went wrong, when the value is close to the exact form. */
function hint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '';
  }
  if (url.protocol !== 'https:') return ' (https only)';
  if (url.username || url.password || url.port) return ' (no credentials, no port)';
  if (url.hash) return ' (no fragment)';
  if (url.search !== '?FlowEvent=return')
    return ' (the query must be exactly ?FlowEvent=return: the toggle adds its own parameters)';
  return ' (no other path parts; FW followed by 32 lowercase hex digits)';
}

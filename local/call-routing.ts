import { err, ok, type Result } from '../src/result';
import { isLoopbackHost } from '../src/twilio/loopback';
import type { LocalTwilio } from './stand-in/server';
import type { VoiceRoute } from './stand-in/phone-numbers';

/**
 * Where the simulated voice engine sends its requests. Twilio fetches whatever URL the TwiML
 * names; locally, nothing may leave this machine, so each URL is mapped to its local stand-in:
 *
 * - `https://webhooks.twilio.com/...` (Studio) → the REST stand-in's Studio, `{stand-in}/webhooks/...`
 * - `https://<a seeded service's domain>/...` (a wired number) → the gateway in front of the Functions
 * - loopback addresses (the gateway itself) → unchanged
 *
 * Anything else is refused, and the call ends as after an application error.
 */
export function localWebhookUrl(
  url: string,
  twilio: LocalTwilio,
  gatewayUrl: string,
): Result<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err(`'${url}' is not a URL`);
  }
  const rest = `${parsed.pathname}${parsed.search}`;
  if (parsed.protocol === 'https:' && parsed.host === 'webhooks.twilio.com')
    return ok(`${twilio.url}/webhooks${rest}`);
  if (parsed.protocol === 'https:' && twilio.serverless.servesDomain(parsed.host))
    return ok(`${gatewayUrl}${rest}`);
  if (/^https?:$/.test(parsed.protocol) && isLoopbackHost(parsed.host)) return ok(url);
  return err(
    `${parsed.origin} is not on this machine: the simulated voice engine only reaches Studio, the service's domain and loopback addresses`,
  );
}

/**
 * The first webhook of a call: for a call to one of the account's numbers, its voice URL and
 * method, looked up as Twilio does; otherwise a path of the local service, by POST.
 */
export function firstWebhook(
  twilio: LocalTwilio,
  gatewayUrl: string,
  target: { number?: string; webhookPath?: string },
): VoiceRoute {
  if (target.number !== undefined) return twilio.phoneNumbers.voiceRoute(target.number);
  return ok({
    url: new URL(target.webhookPath ?? '/incoming-call', gatewayUrl).toString(),
    method: 'POST',
  });
}

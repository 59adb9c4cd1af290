import { getExpectedTwilioSignature } from 'twilio';

/** Posts form parameters signed the way Twilio signs a webhook. */
export async function signedPost(authToken: string, url: string, params: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'X-Twilio-Signature': getExpectedTwilioSignature(authToken, url, params),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(15000),
  });
  return { status: response.status, body: await response.text() };
}

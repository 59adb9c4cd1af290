import { sendSignedWebhook } from '../../local/signed-webhook';

/** Posts form parameters signed the way Twilio signs a webhook. */
export async function signedPost(authToken: string, url: string, params: Record<string, string>) {
  const { status, body } = await sendSignedWebhook({
    authToken,
    url,
    method: 'POST',
    params,
    timeoutMs: 15000,
  });
  return { status, body };
}

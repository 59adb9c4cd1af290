/**
 * The context Twilio gives a deployed Function, and its size limit. Error 82006, "Environment
 * Context too large" (twilio.com/docs/api/errors/82006): "Context size consists of account
 * metadata, domain name, path and Environment variables stored as a JSON string. If this string
 * exceeds 3KB, invocations may fail."
 * Assumption [context-3kb-decimal]: 3KB is read as 3,000 bytes of UTF-8, the stricter reading.
 */
export const CONTEXT_LIMIT_BYTES = 3000;

/** What Twilio puts in a deployed Function's context besides the environment's Variables. */
export interface DeployedContext {
  /**
   * "Add my Twilio Credentials" (the service's IncludeCredentials, on by default): ACCOUNT_SID
   * and AUTH_TOKEN (twilio.com/docs/serverless/functions-assets/functions/variables).
   */
  credentials?: { accountSid: string; authToken: string };
  serviceSid: string;
  environmentSid: string;
  /** The environment's domain, e.g. `name-1234-dev.twil.io`. */
  domainName: string;
}

/**
 * The context of one invocation, as its variables: what Twilio adds (DOMAIN_NAME, PATH,
 * SERVICE_SID, ENVIRONMENT_SID and, with credentials, ACCOUNT_SID and AUTH_TOKEN) over the
 * environment's Variables.
 */
export function invocationContext(
  deployed: DeployedContext,
  path: string,
  variables: Record<string, string>,
): Record<string, string> {
  return {
    ...variables,
    ...(deployed.credentials
      ? { ACCOUNT_SID: deployed.credentials.accountSid, AUTH_TOKEN: deployed.credentials.authToken }
      : {}),
    DOMAIN_NAME: deployed.domainName,
    PATH: path,
    SERVICE_SID: deployed.serviceSid,
    ENVIRONMENT_SID: deployed.environmentSid,
  };
}

/**
 * The size 82006 counts: the invocation's context as one JSON string.
 * Assumption [context-size-model]: Twilio does not say what "account metadata" holds; it is
 * taken to be ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID and ENVIRONMENT_SID, counted with DOMAIN_NAME
 * (the environment's twil.io domain), PATH and every Variable as one JSON object. Locally added
 * values (the local Twilio's address) are not part of it.
 */
export function contextBytes(context: Record<string, string>): number {
  return Buffer.byteLength(JSON.stringify(context), 'utf8');
}

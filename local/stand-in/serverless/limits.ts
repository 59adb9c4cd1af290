import { TwilioApiError } from '../twilio-error';

/**
 * The Serverless API's documented limits, each with where it is written.
 *
 * From the pinned description (twilio_serverless_v1.json, the parameters' descriptions; the
 * same text is on twilio.com/docs/serverless/api/resource/...):
 */
/** Service UniqueName: "This value must be 50 characters or less in length and be unique." */
export const SERVICE_UNIQUE_NAME_MAX = 50;
/** FriendlyName of a Service, Function or Asset: "a maximum of 255 characters". */
export const FRIENDLY_NAME_MAX = 255;
/** Environment UniqueName: "a maximum of 100 characters". */
export const ENVIRONMENT_UNIQUE_NAME_MAX = 100;
/** Environment DomainSuffix: "a maximum of 16 characters". */
export const DOMAIN_SUFFIX_MAX = 16;
/** Variable Key: "a maximum of 128 characters". */
export const VARIABLE_KEY_MAX = 128;
/** Variable Value: "a maximum of 450 bytes in size". */
export const VARIABLE_VALUE_MAX_BYTES = 450;

/**
 * From the Serverless API's "Limits" (twilio.com/docs/runtime/functions-assets-api): "An
 * account can have 10 services", "A service can have up to 25 environments", "A build can
 * contain up to 50 Function versions", "up to 1000 public/protected asset versions", "up to 50
 * private asset versions", "An account can do up to 100 builds per hour".
 */
export const SERVICES_PER_ACCOUNT = 10;
export const ENVIRONMENTS_PER_SERVICE = 25;
export const FUNCTION_VERSIONS_PER_BUILD = 50;
export const PUBLIC_ASSET_VERSIONS_PER_BUILD = 1000;
export const PRIVATE_ASSET_VERSIONS_PER_BUILD = 50;
export const BUILDS_PER_HOUR = 100;

/**
 * An asset "Can be up to 25MB in size for each file" (public and protected assets,
 * support.twilio.com/hc/en-us/articles/360019105433).
 * Assumption [asset-size-decimal]: 25MB is read as 25,000,000 bytes, the stricter reading, and
 * applied to every asset version, private ones too (the article gives no size for those).
 */
export const ASSET_MAX_BYTES = 25_000_000;

/**
 * Assumption [serverless-limit-400]: the limits' pages give no status or code for a request
 * past a limit; 400 with 20001, as for any invalid value (value-outside-set-400).
 */
export function overLimit(message: string): TwilioApiError {
  return new TwilioApiError(400, 20001, message);
}

/**
 * A second resource with a name that must be unique: HTTP 409 with 20409, "Conflict"
 * (twilio.com/docs/api/errors/20409; Studio's Executions document the same pair for a
 * duplicate).
 * Assumption [serverless-conflict-20409]: the Serverless pages do not give the code for a
 * duplicate unique name, domain suffix or variable key; the generic conflict is used.
 */
export function conflict(message: string): TwilioApiError {
  return new TwilioApiError(409, 20409, message);
}

/** Throws 400 unless `value` is at most `max` characters (UTF-16 units, as the pages count). */
export function checkLength(name: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max)
    throw overLimit(`${name} is ${value.length} characters; it can be at most ${max}`);
}

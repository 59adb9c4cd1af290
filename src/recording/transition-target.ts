import { err, ok, type Result } from '../result';
import { isServicePath, SERVICE_PATH_RULE } from '../service-url';
import { checkStudioReturnUrl, looksLikeStudioUrl, STUDIO_RETURN_FORM } from './studio-return';

export const TRANSITION_RULE = `${SERVICE_PATH_RULE}, or this account's Studio return URL ${STUDIO_RETURN_FORM}`;

/**
 * Where a toggle transition may lead: a path inside this service, or the Studio flow the call
 * came from. Anything else could hand a live call, and the recording's details, to a stranger.
 */
export function checkTransitionTarget(
  value: string,
  ownAccountSid: unknown,
): Result<string, string> {
  if (isServicePath(value)) return ok(value);
  if (looksLikeStudioUrl(value)) return checkStudioReturnUrl(value, ownAccountSid);
  return err(TRANSITION_RULE);
}

import { err, ok, type Result } from '../../src/result';

/** What twilio-run keeps after a deploy, per "<AccountSid>:<region>" (or a legacy "<AccountSid>"). */
export type DeployInfo = Record<string, { serviceSid: string; latestBuild: string }>;

export const DEPLOY_INFO_FILE = '.twiliodeployinfo';

const isSidOf = (prefix: string, value: unknown) =>
  typeof value === 'string' && value.length === 34 && value.startsWith(prefix);

/**
 * Reads the file the way twilio-run does: every entry exactly { serviceSid: ZS…, latestBuild:
 * ZB… }, or the file is not one it wrote.
 */
export function parseDeployInfo(text: string): Result<DeployInfo, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return err(`${DEPLOY_INFO_FILE} is not JSON`);
  }
  const valid =
    data !== null &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.values(data).every(
      (entry) =>
        entry !== null &&
        typeof entry === 'object' &&
        Object.keys(entry).sort().join() === 'latestBuild,serviceSid' &&
        isSidOf('ZS', (entry as Record<string, unknown>).serviceSid) &&
        isSidOf('ZB', (entry as Record<string, unknown>).latestBuild),
    );
  if (!valid) return err(`${DEPLOY_INFO_FILE} is not in the form twilio-run writes`);
  return ok(data as DeployInfo);
}

/**
 * The service the last deploy to this account went to. The REST client talks to the default
 * region (us1), as twilio-run does unless told otherwise; a legacy key without a region is us1.
 */
export function deployedServiceSid(info: DeployInfo, accountSid: string): Result<string, string> {
  const entry = info[`${accountSid}:us1`] ?? info[accountSid];
  if (entry) return ok(entry.serviceSid);
  const elsewhere = Object.keys(info)
    .filter((key) => key.startsWith(`${accountSid}:`))
    .map((key) => key.slice(accountSid.length + 1));
  const hint =
    elsewhere.length > 0
      ? ` (only deploys to region ${elsewhere.join(', ')}, and this command uses us1)`
      : '';
  return err(
    `${DEPLOY_INFO_FILE} has no deploy for account ${accountSid}${hint}: run npm run deploy first, or give --domain`,
  );
}

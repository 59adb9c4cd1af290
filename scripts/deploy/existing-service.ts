import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Twilio } from 'twilio';
import { DEPLOY_INFO_FILE, deployedServiceSid, parseDeployInfo } from '../wire/deploy-info';

/** What the deploy does about a service that already has the name it deploys under. */
export type ServiceChoice =
  { kind: 'new' } | { kind: 'resume'; serviceSid: string } | { kind: 'refused'; message: string };

/** A service of that name, and whether any of its environments serves a build. */
export interface NamedService {
  sid: string;
  uniqueName: string;
  /** The domains that serve a deployed build; none for a first deploy that stopped half-way. */
  liveDomains: string[];
}

/**
 * A first deploy creates the service before anything else, so one that stops half-way (a
 * failed build, a lost connection) leaves a service with nothing deployed, and twilio-run
 * then refuses the name on the retry. Such a service serves nothing: carrying on with it breaks
 * nothing, so the deploy resumes it. A service of that name that does serve a build is someone's
 * live deploy: the deploy stops and says what to run.
 */
export function chooseService(
  name: string,
  existing: NamedService | undefined,
  command: string,
): ServiceChoice {
  if (!existing) return { kind: 'new' };
  if (existing.liveDomains.length === 0) return { kind: 'resume', serviceSid: existing.sid };
  return {
    kind: 'refused',
    message: [
      `a service named "${name}" (${existing.sid}) already serves a deploy at ${existing.liveDomains.map((domain) => `https://${domain}`).join(', ')}, and ${DEPLOY_INFO_FILE} here does not name it.`,
      `If it is this project's (deployed from another folder or machine), deploy to it:`,
      `  ${command} -- --service-sid ${existing.sid}`,
      `Otherwise deploy this one under another name:`,
      `  ${command} -- --service-name ${name}-2`,
    ].join('\n'),
  };
}

/** The service the last deploy from `cwd` to this account went to, from .twiliodeployinfo. */
export function lastDeployedService(cwd: string, accountSid: string): string | undefined {
  const file = join(cwd, DEPLOY_INFO_FILE);
  if (!existsSync(file)) return undefined;
  const info = parseDeployInfo(readFileSync(file, 'utf8'));
  if (!info.ok) return undefined;
  const sid = deployedServiceSid(info.value, accountSid);
  return sid.ok ? sid.value : undefined;
}

/** The account's service with this unique name, if there is one, read from the Serverless API. */
export async function findNamedService(
  client: Twilio,
  name: string,
): Promise<NamedService | undefined> {
  const services = await client.serverless.v1.services.list();
  const service = services.find((one) => one.uniqueName === name);
  if (!service) return undefined;
  const environments = await client.serverless.v1.services(service.sid).environments.list();
  return {
    sid: service.sid,
    uniqueName: service.uniqueName,
    liveDomains: environments
      .filter((environment) => environment.buildSid)
      .map((environment) => environment.domainName),
  };
}

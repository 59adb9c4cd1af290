import type { Twilio } from 'twilio';
import { deployedEnvironment } from '../wire/service-domain';

/** What a deploy did about the environment's Variables it did not upload this time. */
export interface LeftoverVariables {
  environmentSid: string;
  domain: string;
  /** Removed: this project's settings that are no longer in .env. */
  removed: string[];
  /** Left alone: not one of this project's settings, so not the deploy's to remove. */
  kept: string[];
}

/**
 * twilio-run's deploy creates and updates Variables but never deletes one, so a setting taken
 * out of .env would stay in the environment and keep applying. After a deploy, the Variables of
 * the environment it went to that this deploy did not upload are removed when they are this
 * project's settings (`isManaged`), and left alone otherwise (someone set them on purpose).
 */
export async function removeLeftoverVariables(
  client: Twilio,
  target: { serviceSid: string; environmentSuffix: string },
  uploaded: Record<string, string>,
  isManaged: (name: string) => boolean,
): Promise<LeftoverVariables> {
  const service = client.serverless.v1.services(target.serviceSid);
  const environment = deployedEnvironment(
    await service.environments.list(),
    target.environmentSuffix,
  );
  if (!environment)
    throw new Error(
      `service ${target.serviceSid} has no environment '${target.environmentSuffix}'`,
    );
  const variables = await service.environments(environment.sid).variables.list();
  const leftovers = variables.filter((variable) => !Object.hasOwn(uploaded, variable.key));
  const removable = leftovers.filter((variable) => isManaged(variable.key));
  for (const variable of removable)
    await service.environments(environment.sid).variables(variable.sid).remove();
  return {
    environmentSid: environment.sid,
    domain: environment.domainName,
    removed: removable.map((variable) => variable.key).sort(),
    kept: leftovers
      .filter((variable) => !isManaged(variable.key))
      .map((variable) => variable.key)
      .sort(),
  };
}

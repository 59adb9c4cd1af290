import { err, ok, type Result } from '../../src/result';

/** The fields of a Serverless Environment this command reads. */
export interface EnvironmentSummary {
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
}

/**
 * The environment a deploy with this suffix went to, chosen as the Serverless Toolkit chooses
 * it: by domain suffix ('' is production, whose suffix Twilio reports as null), and among
 * several with the suffix, the one named "<suffix>-environment" ("production").
 */
export function deployedEnvironment<T extends EnvironmentSummary>(
  environments: T[],
  suffix: string,
): T | undefined {
  const matching = environments.filter(
    (environment) =>
      environment.domainSuffix === suffix || (suffix === '' && environment.domainSuffix === null),
  );
  const uniqueName = suffix === '' ? 'production' : `${suffix}-environment`;
  return matching.length > 1
    ? matching.find((environment) => environment.uniqueName === uniqueName)
    : matching[0];
}

/** The domain of the environment a deploy with this suffix went to. */
export function environmentDomain(
  environments: EnvironmentSummary[],
  suffix: string,
  serviceSid: string,
): Result<string, string> {
  const chosen = deployedEnvironment(environments, suffix);
  if (!chosen) {
    const known = environments.map((environment) => environment.domainSuffix ?? '(production)');
    const name = suffix === '' ? 'production environment' : `environment '${suffix}'`;
    return err(
      `service ${serviceSid} has no ${name}${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}: pick one with --environment, or give --domain`,
    );
  }
  return ok(chosen.domainName);
}

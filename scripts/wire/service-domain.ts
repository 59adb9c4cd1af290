import { err, ok, type Result } from '../../src/result';

/** The fields of a Serverless Environment this command reads. */
export interface EnvironmentSummary {
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
}

/**
 * The domain of the environment a deploy with this suffix went to, chosen as the Serverless
 * Toolkit chooses it: by domain suffix ('' is production, whose suffix Twilio reports as null),
 * and among several with the suffix, the one named "<suffix>-environment" ("production").
 */
export function environmentDomain(
  environments: EnvironmentSummary[],
  suffix: string,
  serviceSid: string,
): Result<string, string> {
  const matching = environments.filter(
    (environment) =>
      environment.domainSuffix === suffix || (suffix === '' && environment.domainSuffix === null),
  );
  const uniqueName = suffix === '' ? 'production' : `${suffix}-environment`;
  const chosen =
    matching.length > 1
      ? matching.find((environment) => environment.uniqueName === uniqueName)
      : matching[0];
  if (!chosen) {
    const known = environments.map((environment) => environment.domainSuffix ?? '(production)');
    const name = suffix === '' ? 'production environment' : `environment '${suffix}'`;
    return err(
      `service ${serviceSid} has no ${name}${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}: pick one with --environment, or give --domain`,
    );
  }
  return ok(chosen.domainName);
}

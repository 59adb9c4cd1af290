import { parseDeployArguments } from '../deploy/deploy-arguments';

/**
 * What to run after a deploy: the wire command, for the same environment the deploy went to
 * (twilio-run's --environment / --production), so that it finds the same domain.
 */
export function nextStepAfterDeploy(deployArgs: string[]): string {
  const suffix = parseDeployArguments(deployArgs).environmentSuffix;
  const where =
    suffix === '' ? ' --production' : suffix !== 'dev' ? ` --environment ${suffix}` : '';
  return [
    '',
    'Next: point a phone number of this account at the deploy (your number, in E.164):',
    `  npm run wire -- +15551234567${where}`,
  ].join('\n');
}

/**
 * What to run after a deploy: the wire command, for the same environment the deploy went to
 * (twilio-run's --environment / --production), so that it finds the same domain.
 */
export function nextStepAfterDeploy(deployArgs: string[]): string {
  let environment: string | undefined;
  let production = false;
  deployArgs.forEach((arg, index) => {
    if (arg === '--production') production = true;
    else if (arg === '--environment') environment = deployArgs[index + 1];
    else if (arg.startsWith('--environment=')) environment = arg.slice('--environment='.length);
  });
  const where = production
    ? ' --production'
    : environment !== undefined && environment !== 'dev'
      ? ` --environment ${environment}`
      : '';
  return [
    '',
    'Next: point a phone number of this account at the deploy (your number, in E.164):',
    `  npm run wire -- +15551234567${where}`,
  ].join('\n');
}

import { deployProject, type DeployOutcome, type DeployPhase } from '../../scripts/deploy/deploy';
import { projectSettingNames } from '../../scripts/deploy/project-settings';
import type { LocalTwilio } from '../stand-in/server';
import type { StagedProject } from './stage-project';

export interface LocalDeployRequest {
  dotEnv: Record<string, string>;
  /** More arguments for twilio-run deploy (e.g. `--environment stage`). */
  args?: string[];
  /** The project's settings, the only Variables a deploy removes; by default .env.example's. */
  isManaged?: (name: string) => boolean;
  print(line: string): void;
  printError(line: string): void;
  onPhase?(phase: DeployPhase): void;
}

/**
 * npm run deploy's own path, twilio-run's deploy included, to the local Twilio's account: the
 * staged build is deployed through the seam, with the stand-in's credentials (never the ones in
 * .env: nothing reaches a real account).
 */
export function deployToLocalTwilio(
  twilio: LocalTwilio,
  staged: StagedProject,
  request: LocalDeployRequest,
): Promise<DeployOutcome> {
  const settings = request.isManaged ? undefined : projectSettingNames();
  return deployProject({
    cwd: staged.dir,
    args: [...staged.args, ...(request.args ?? [])],
    dotEnv: request.dotEnv,
    credentials: { accountSid: twilio.accountSid, authToken: twilio.authToken },
    localApiBase: twilio.url,
    command: 'npm run deploy:local',
    isManaged: request.isManaged ?? ((name) => settings?.has(name) ?? false),
    print: request.print,
    printError: request.printError,
    printTwilioRun: request.print,
    onPhase: request.onPhase,
  });
}

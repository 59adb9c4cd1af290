import { firstValue, type Params } from '../openapi';
import { newSid, notFound, TwilioApiError } from '../twilio-error';
import {
  findBuild,
  findEnvironment,
  findService,
  isoDate,
  environmentAt,
  environmentUrl,
  type DeploymentRecord,
  type ServerlessStore,
  type SimulatedEnvironment,
} from './records';
import { v1Page } from './v1-page';

/**
 * CreateDeployment: the environment serves the build from now on.
 * Assumption [deployment-needs-completed-build]: Twilio does not document deploying a build
 * that is still building or has failed; it is refused (400, 20001), so an environment only ever
 * serves a completed build. BuildSid is optional in the description; a deployment without one
 * leaves the environment serving nothing (build_sid null).
 */
export function createDeployment(
  store: ServerlessStore,
  pathParams: Record<string, string>,
  params: Params,
): { environment: SimulatedEnvironment; deployment: DeploymentRecord } {
  const service = findService(store, pathParams.ServiceSid);
  const environment = findEnvironment(service, pathParams.EnvironmentSid);
  const buildSid = firstValue(params, 'BuildSid') ?? null;
  if (buildSid !== null) {
    const build = findBuild(service, buildSid);
    if (build.looks < 1 || build.outcome.status !== 'completed')
      throw new TwilioApiError(
        400,
        20001,
        `Build ${buildSid} is ${build.looks < 1 ? 'still building' : 'failed'}: only a completed build can be deployed`,
      );
  }
  const deployment: DeploymentRecord = {
    sid: newSid('ZD'),
    buildSid,
    createdAt: store.clock.now(),
  };
  environment.deployments.push(deployment);
  environment.buildSid = buildSid;
  return { environment, deployment };
}

export function deploymentJson(
  store: ServerlessStore,
  environment: SimulatedEnvironment,
  deployment: DeploymentRecord,
): unknown {
  const created = isoDate(deployment.createdAt);
  return {
    sid: deployment.sid,
    account_sid: store.accountSid,
    service_sid: environment.serviceSid,
    environment_sid: environment.sid,
    build_sid: deployment.buildSid,
    date_created: created,
    date_updated: created,
    url: `${environmentUrl(environment)}/Deployments/${deployment.sid}`,
  };
}

export function listDeployments(
  store: ServerlessStore,
  pathParams: Record<string, string>,
  query: Params,
): unknown {
  const environment = environmentAt(store, pathParams);
  return v1Page(
    'deployments',
    environment.deployments,
    query,
    `${environmentUrl(environment)}/Deployments`,
    (one) => deploymentJson(store, environment, one),
  );
}

export function fetchDeployment(
  store: ServerlessStore,
  pathParams: Record<string, string>,
): unknown {
  const environment = environmentAt(store, pathParams);
  const deployment = environment.deployments.find((one) => one.sid === pathParams.Sid);
  if (!deployment) throw notFound(`Deployment ${pathParams.Sid}`);
  return deploymentJson(store, environment, deployment);
}

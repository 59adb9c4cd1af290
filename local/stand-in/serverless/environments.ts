import { firstValue, type Params } from '../openapi';
import { newSid } from '../twilio-error';
import {
  checkLength,
  conflict,
  DOMAIN_SUFFIX_MAX,
  ENVIRONMENT_UNIQUE_NAME_MAX,
  ENVIRONMENTS_PER_SERVICE,
  overLimit,
} from './limits';
import {
  findEnvironment,
  findService,
  isoDate,
  environmentUrl,
  SERVERLESS_BASE,
  type ServerlessStore,
  type SimulatedEnvironment,
  type SimulatedService,
} from './records';
import { v1Page } from './v1-page';

/**
 * A new environment of a service, at `<domain base>[-<suffix>].twil.io` ("https://[service
 * unique name]-[random characters]-[optional domain suffix].twil.io/",
 * twilio.com/docs/serverless/api).
 */
export function addEnvironment(
  store: ServerlessStore,
  service: SimulatedService,
  fields: { uniqueName: string; domainSuffix: string | null },
): SimulatedEnvironment {
  const suffix = fields.domainSuffix;
  const environment: SimulatedEnvironment = {
    sid: newSid('ZE'),
    serviceSid: service.sid,
    uniqueName: fields.uniqueName,
    domainSuffix: suffix,
    domainName: `${service.domainBase}${suffix ? `-${suffix}` : ''}.twil.io`.toLowerCase(),
    buildSid: null,
    createdAt: store.clock.now(),
    variables: [],
    deployments: [],
  };
  service.environments.push(environment);
  return environment;
}

/** CreateEnvironment: UniqueName and DomainSuffix unique in the service, within the limits. */
export function createEnvironment(
  store: ServerlessStore,
  serviceSid: string,
  params: Params,
): SimulatedEnvironment {
  const service = findService(store, serviceSid);
  const uniqueName = firstValue(params, 'UniqueName') ?? '';
  const given = firstValue(params, 'DomainSuffix');
  checkLength('UniqueName', uniqueName, ENVIRONMENT_UNIQUE_NAME_MAX);
  checkLength('DomainSuffix', given, DOMAIN_SUFFIX_MAX);
  // An empty suffix is the production environment, which Twilio reports as null.
  const domainSuffix = given === undefined || given === '' ? null : given;
  const taken = service.environments.some(
    (one) => one.uniqueName === uniqueName || one.domainSuffix === domainSuffix,
  );
  if (taken) throw conflict('Environment with this UniqueName or DomainSuffix already exists');
  if (service.environments.length >= ENVIRONMENTS_PER_SERVICE)
    throw overLimit(`A service can have up to ${ENVIRONMENTS_PER_SERVICE} environments`);
  return addEnvironment(store, service, { uniqueName, domainSuffix });
}

export function environmentJson(
  store: ServerlessStore,
  environment: SimulatedEnvironment,
): unknown {
  const url = environmentUrl(environment);
  const latest = environment.deployments.at(-1)?.createdAt ?? environment.createdAt;
  return {
    sid: environment.sid,
    account_sid: store.accountSid,
    service_sid: environment.serviceSid,
    build_sid: environment.buildSid,
    unique_name: environment.uniqueName,
    domain_suffix: environment.domainSuffix,
    domain_name: environment.domainName,
    date_created: isoDate(environment.createdAt),
    date_updated: isoDate(latest),
    url,
    links: {
      variables: `${url}/Variables`,
      deployments: `${url}/Deployments`,
      logs: `${url}/Logs`,
    },
  };
}

export function listEnvironments(
  store: ServerlessStore,
  serviceSid: string,
  query: Params,
): unknown {
  const service = findService(store, serviceSid);
  return v1Page(
    'environments',
    service.environments,
    query,
    `${SERVERLESS_BASE}/Services/${service.sid}/Environments`,
    (one) => environmentJson(store, one),
  );
}

export function fetchEnvironment(store: ServerlessStore, serviceSid: string, sid: string): unknown {
  return environmentJson(store, findEnvironment(findService(store, serviceSid), sid));
}

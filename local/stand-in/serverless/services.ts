import { firstValue, type Params } from '../openapi';
import { newSid } from '../twilio-error';
import {
  checkLength,
  conflict,
  FRIENDLY_NAME_MAX,
  overLimit,
  SERVICE_UNIQUE_NAME_MAX,
  SERVICES_PER_ACCOUNT,
} from './limits';
import {
  findService,
  isoDate,
  SERVERLESS_BASE,
  type ServerlessStore,
  type SimulatedService,
} from './records';
import { v1Page } from './v1-page';

/** The random part Twilio adds to a service's domain (four digits in its examples). */
function domainDigits(): string {
  return String(1000 + Math.floor(Math.random() * 9000));
}

/** A new service record; `createService` checks the request first, seeding does not. */
export function newService(
  store: ServerlessStore,
  fields: { uniqueName: string; friendlyName?: string; includeCredentials?: boolean },
): SimulatedService {
  const service: SimulatedService = {
    sid: newSid('ZS'),
    uniqueName: fields.uniqueName,
    friendlyName: fields.friendlyName ?? fields.uniqueName,
    includeCredentials: fields.includeCredentials ?? true,
    uiEditable: false,
    domainBase: `${fields.uniqueName}-${domainDigits()}`,
    environments: [],
    functions: [],
    assets: [],
    builds: [],
    createdAt: store.clock.now(),
  };
  store.services.set(service.sid, service);
  return service;
}

const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

/** CreateService: UniqueName unique on the account, within the documented limits. */
export function createService(store: ServerlessStore, params: Params): SimulatedService {
  const uniqueName = firstValue(params, 'UniqueName') ?? '';
  const friendlyName = firstValue(params, 'FriendlyName');
  checkLength('UniqueName', uniqueName, SERVICE_UNIQUE_NAME_MAX);
  checkLength('FriendlyName', friendlyName, FRIENDLY_NAME_MAX);
  if ([...store.services.values()].some((service) => service.uniqueName === uniqueName))
    throw conflict(`Service with UniqueName ${uniqueName} already exists`);
  if (store.services.size >= SERVICES_PER_ACCOUNT)
    throw overLimit(`An account can have ${SERVICES_PER_ACCOUNT} services`);
  const includeCredentials = firstValue(params, 'IncludeCredentials');
  const service = newService(store, {
    uniqueName,
    friendlyName,
    // "The default value is `true`" (the description).
    includeCredentials: includeCredentials === undefined ? true : isTrue(includeCredentials),
  });
  service.uiEditable = isTrue(firstValue(params, 'UiEditable'));
  return service;
}

export function serviceJson(store: ServerlessStore, service: SimulatedService): unknown {
  const url = `${SERVERLESS_BASE}/Services/${service.sid}`;
  const created = isoDate(service.createdAt);
  return {
    sid: service.sid,
    account_sid: store.accountSid,
    friendly_name: service.friendlyName,
    unique_name: service.uniqueName,
    include_credentials: service.includeCredentials,
    ui_editable: service.uiEditable,
    domain_base: service.domainBase,
    date_created: created,
    date_updated: created,
    url,
    links: {
      functions: `${url}/Functions`,
      assets: `${url}/Assets`,
      environments: `${url}/Environments`,
      builds: `${url}/Builds`,
    },
  };
}

export function fetchService(store: ServerlessStore, sidOrName: string): unknown {
  return serviceJson(store, findService(store, sidOrName));
}

export function listServices(store: ServerlessStore, query: Params): unknown {
  return v1Page(
    'services',
    [...store.services.values()],
    query,
    `${SERVERLESS_BASE}/Services`,
    (one) => serviceJson(store, one),
  );
}

import type { Clock } from '../clock';
import { pageWindow, positionToken } from './api-page';
import type { Params } from './openapi';
import { newSid, notFound } from './twilio-error';

/** One environment of a deployed Functions service, as a deploy leaves it. */
export interface SimulatedEnvironment {
  sid: string;
  serviceSid: string;
  uniqueName: string;
  /** null for the production environment (no suffix), as Twilio has it. */
  domainSuffix: string | null;
  /** The host the environment is served at, without a scheme (e.g. `svc-1234-dev.twil.io`). */
  domainName: string;
  buildSid: string;
  createdAt: number;
}

export interface SimulatedService {
  sid: string;
  uniqueName: string;
  environments: SimulatedEnvironment[];
}

/**
 * Serverless services as a deploy leaves them: only what finding a deployed service's domain
 * needs (ListEnvironment, FetchEnvironment). Services are seeded, never deployed, here.
 */
export class ServerlessServices {
  private readonly services = new Map<string, SimulatedService>();

  constructor(
    private readonly accountSid: string,
    private readonly clock: Clock,
  ) {}

  /**
   * A service as `twilio-run deploy` leaves it: one environment per domain suffix ('' is
   * production), named and addressed the way the Serverless Toolkit names them.
   */
  addService(uniqueName: string, suffixes: string[] = ['dev']): SimulatedService {
    const service: SimulatedService = { sid: newSid('ZS'), uniqueName, environments: [] };
    // The random part Twilio adds to a service's domain.
    const random = String(1000 + Math.floor(Math.random() * 9000));
    for (const suffix of suffixes) {
      service.environments.push({
        sid: newSid('ZE'),
        serviceSid: service.sid,
        uniqueName: suffix === '' ? 'production' : `${suffix}-environment`,
        domainSuffix: suffix === '' ? null : suffix,
        domainName: `${uniqueName}-${random}${suffix === '' ? '' : `-${suffix}`}.twil.io`,
        buildSid: newSid('ZB'),
        createdAt: this.clock.now(),
      });
    }
    this.services.set(service.sid, service);
    return service;
  }

  /** Whether a host is where one of the seeded services is served. */
  servesDomain(host: string): boolean {
    return [...this.services.values()].some((service) =>
      service.environments.some((environment) => environment.domainName === host.toLowerCase()),
    );
  }

  private service(serviceSid: string): SimulatedService {
    const service = this.services.get(serviceSid);
    if (!service) throw notFound(`Service ${serviceSid}`);
    return service;
  }

  /** ListEnvironment, in the v1 envelope (`meta`), paged as every list is (api-page.ts). */
  listEnvironments(serviceSid: string, query: Params): Record<string, unknown> {
    const environments = this.service(serviceSid).environments;
    const window = pageWindow(environments, query, positionToken);
    const base = `https://serverless.twilio.com/v1/Services/${serviceSid}/Environments`;
    const at = (start: number | undefined) =>
      start === undefined ? null : `${base}?${window.query(start)}`;
    return {
      environments: window.items.map((environment) => this.json(environment)),
      meta: {
        page: window.page,
        page_size: window.pageSize,
        first_page_url: at(0),
        previous_page_url: at(window.previous),
        url: at(window.start),
        next_page_url: at(window.next),
        key: 'environments',
      },
    };
  }

  fetchEnvironment(serviceSid: string, sid: string): Record<string, unknown> {
    const environment = this.service(serviceSid).environments.find((one) => one.sid === sid);
    if (!environment) throw notFound(`Environment ${sid}`);
    return this.json(environment);
  }

  private json(environment: SimulatedEnvironment): Record<string, unknown> {
    const url = `https://serverless.twilio.com/v1/Services/${environment.serviceSid}/Environments/${environment.sid}`;
    const created = new Date(environment.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      sid: environment.sid,
      account_sid: this.accountSid,
      service_sid: environment.serviceSid,
      build_sid: environment.buildSid,
      unique_name: environment.uniqueName,
      domain_suffix: environment.domainSuffix,
      domain_name: environment.domainName,
      date_created: created,
      date_updated: created,
      url,
      links: {
        variables: `${url}/Variables`,
        deployments: `${url}/Deployments`,
        logs: `${url}/Logs`,
      },
    };
  }
}

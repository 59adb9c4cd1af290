import type { Clock } from '../clock';
import { PROJECT_ROOT } from '../project-root';
import type { Params } from './openapi';
import { addEnvironment, fetchEnvironment, listEnvironments } from './serverless/environments';
import type { ServerlessStore, SimulatedService } from './serverless/records';
import { newService } from './serverless/services';
import { newSid } from './twilio-error';

export type { SimulatedEnvironment, SimulatedService } from './serverless/records';

/**
 * The account's Serverless services: what a deploy creates and uploads through the Serverless
 * API (the operations are in serverless/, by resource), kept with the uploaded bytes so that the
 * local runtime can serve exactly what was deployed. Tests and npm run wire seed deployed
 * services with addService().
 */
export class ServerlessServices implements ServerlessStore {
  readonly services = new Map<string, SimulatedService>();

  constructor(
    readonly accountSid: string,
    readonly clock: Clock,
    readonly dependencyRoot: string = PROJECT_ROOT,
  ) {}

  /**
   * A service as `twilio-run deploy` leaves it: one environment per domain suffix ('' is
   * production), named and addressed the way the Serverless Toolkit names them, each serving a
   * build (whose content is not kept: nothing serves a seeded service's Functions).
   */
  addService(uniqueName: string, suffixes: string[] = ['dev']): SimulatedService {
    const service = newService(this, { uniqueName });
    for (const suffix of suffixes) {
      const environment = addEnvironment(this, service, {
        uniqueName: suffix === '' ? 'production' : `${suffix}-environment`,
        domainSuffix: suffix === '' ? null : suffix,
      });
      environment.buildSid = newSid('ZB');
    }
    return service;
  }

  /** Whether a host is where one of the account's services is served. */
  servesDomain(host: string): boolean {
    return [...this.services.values()].some((service) =>
      service.environments.some((environment) => environment.domainName === host.toLowerCase()),
    );
  }

  /** ListEnvironment, in the v1 envelope (`meta`), paged as every list is (api-page.ts). */
  listEnvironments(serviceSid: string, query: Params): Record<string, unknown> {
    return listEnvironments(this, serviceSid, query) as Record<string, unknown>;
  }

  fetchEnvironment(serviceSid: string, sid: string): Record<string, unknown> {
    return fetchEnvironment(this, serviceSid, sid) as Record<string, unknown>;
  }
}

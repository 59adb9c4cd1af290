import type { IncomingHttpHeaders } from 'node:http';
import type { Params } from '../openapi';
import { buildJson, createBuild, fetchBuild, fetchBuildStatus, listBuilds } from './builds';
import { createDeployment, deploymentJson, fetchDeployment, listDeployments } from './deployments';
import { createEnvironment, environmentJson } from './environments';
import {
  createFile,
  fetchFile,
  fetchVersion,
  fileJson,
  listFiles,
  listVersions,
  versionContentJson,
  versionJson,
} from './files';
import type { FileKind, ServerlessStore } from './records';
import { createService, fetchService, listServices, serviceJson } from './services';
import { UPLOAD_OPERATIONS, uploadVersion } from './uploads';
import {
  createVariable,
  deleteVariable,
  fetchVariable,
  listVariables,
  updateVariable,
} from './variables';

/** One Serverless request, as the stand-in's router hands it on. */
export interface ServerlessRequest {
  pathParams: Record<string, string>;
  params: Params;
  query: Params;
  headers: IncomingHttpHeaders;
  /** The raw body: the uploads' multipart form. */
  body?: Buffer;
}

type ServerlessHandler = (
  store: ServerlessStore,
  request: ServerlessRequest,
) => { status: number; body: unknown };

const created = (body: unknown) => ({ status: 201, body });
const fetched = (body: unknown) => ({ status: 200, body });

/** The four operations of Functions, or of Assets, by operationId. */
function fileHandlers(
  kind: FileKind,
  name: 'Function' | 'Asset',
): Record<string, ServerlessHandler> {
  const fileSid = (path: Record<string, string>) =>
    kind === 'function' ? path.FunctionSid : path.AssetSid;
  return {
    [`Create${name}`]: (store, { pathParams, params }) =>
      created(fileJson(store, createFile(store, kind, pathParams.ServiceSid, params))),
    [`Fetch${name}`]: (store, { pathParams }) =>
      fetched(fetchFile(store, kind, pathParams.ServiceSid, pathParams.Sid)),
    [`List${name}`]: (store, { pathParams, query }) =>
      fetched(listFiles(store, kind, pathParams.ServiceSid, query)),
    [`List${name}Version`]: (store, { pathParams, query }) =>
      fetched(listVersions(store, kind, pathParams.ServiceSid, fileSid(pathParams), query)),
    [`Fetch${name}Version`]: (store, { pathParams }) =>
      fetched(versionJson(store, fetchVersion(store, kind, pathParams))),
  };
}

const uploadHandlers: Record<string, ServerlessHandler> = Object.fromEntries(
  Object.entries(UPLOAD_OPERATIONS).map(([operationId, kind]) => [
    operationId,
    (store: ServerlessStore, request: ServerlessRequest) =>
      created(uploadVersion(store, kind, request.pathParams, request)),
  ]),
);

/**
 * What a deploy calls on the Serverless API (twilio-run 5.0.1 through serverless-api 5.7.0),
 * by operationId: Services, Environments (create here; list and fetch are in
 * wiring-operations.ts), Functions, Assets and their versions (the two uploads included),
 * Builds and their status, Deployments and Variables.
 */
export const SERVERLESS_HANDLERS: Readonly<Record<string, ServerlessHandler>> = {
  CreateService: (store, { params }) => created(serviceJson(store, createService(store, params))),
  FetchService: (store, { pathParams }) => fetched(fetchService(store, pathParams.Sid)),
  ListService: (store, { query }) => fetched(listServices(store, query)),
  CreateEnvironment: (store, { pathParams, params }) =>
    created(environmentJson(store, createEnvironment(store, pathParams.ServiceSid, params))),
  ...fileHandlers('function', 'Function'),
  ...fileHandlers('asset', 'Asset'),
  FetchFunctionVersionContent: (store, { pathParams }) =>
    fetched(versionContentJson(store, fetchVersion(store, 'function', pathParams))),
  ...uploadHandlers,
  CreateBuild: (store, { pathParams, params }) =>
    created(buildJson(store, createBuild(store, pathParams.ServiceSid, params), 'building')),
  FetchBuild: (store, { pathParams }) =>
    fetched(fetchBuild(store, pathParams.ServiceSid, pathParams.Sid)),
  FetchBuildStatus: (store, { pathParams }) =>
    fetched(fetchBuildStatus(store, pathParams.ServiceSid, pathParams.Sid)),
  ListBuild: (store, { pathParams, query }) =>
    fetched(listBuilds(store, pathParams.ServiceSid, query)),
  CreateDeployment: (store, { pathParams, params }) => {
    const { environment, deployment } = createDeployment(store, pathParams, params);
    return created(deploymentJson(store, environment, deployment));
  },
  FetchDeployment: (store, { pathParams }) => fetched(fetchDeployment(store, pathParams)),
  ListDeployment: (store, { pathParams, query }) =>
    fetched(listDeployments(store, pathParams, query)),
  CreateVariable: (store, { pathParams, params }) =>
    created(createVariable(store, pathParams, params)),
  FetchVariable: (store, { pathParams }) => fetched(fetchVariable(store, pathParams)),
  UpdateVariable: (store, { pathParams, params }) =>
    fetched(updateVariable(store, pathParams, params)),
  DeleteVariable: (store, { pathParams }) => {
    deleteVariable(store, pathParams);
    return { status: 204, body: undefined };
  },
  ListVariable: (store, { pathParams, query }) => fetched(listVariables(store, pathParams, query)),
};

import { firstValue, type Params } from '../openapi';
import { newSid } from '../twilio-error';
import { checkLength, FRIENDLY_NAME_MAX } from './limits';
import {
  filesOf,
  findFile,
  findService,
  findVersion,
  isoDate,
  SERVERLESS_BASE,
  type FileKind,
  type FileRecord,
  type ServerlessStore,
  type VersionRecord,
} from './records';
import { v1Page } from './v1-page';

/**
 * Functions and Assets, and their versions. The two resources have the same shape (a named
 * container of uploaded versions), so one module serves both; `kind` says which.
 */

const COLLECTION = { function: 'Functions', asset: 'Assets' } as const;

function fileUrl(file: { serviceSid: string; kind: FileKind; sid: string }): string {
  return `${SERVERLESS_BASE}/Services/${file.serviceSid}/${COLLECTION[file.kind]}/${file.sid}`;
}

/** CreateFunction / CreateAsset: a named container; its content comes with a version. */
export function createFile(
  store: ServerlessStore,
  kind: FileKind,
  serviceSid: string,
  params: Params,
): FileRecord {
  const service = findService(store, serviceSid);
  const friendlyName = firstValue(params, 'FriendlyName') ?? '';
  checkLength('FriendlyName', friendlyName, FRIENDLY_NAME_MAX);
  // Function and Asset SIDs both start with ZH in the description.
  const file: FileRecord = {
    sid: newSid('ZH'),
    kind,
    serviceSid: service.sid,
    friendlyName,
    versions: [],
    createdAt: store.clock.now(),
  };
  filesOf(service, kind).push(file);
  return file;
}

export function fileJson(store: ServerlessStore, file: FileRecord): unknown {
  const url = fileUrl(file);
  const latest = file.versions.at(-1)?.createdAt ?? file.createdAt;
  return {
    sid: file.sid,
    account_sid: store.accountSid,
    service_sid: file.serviceSid,
    friendly_name: file.friendlyName,
    date_created: isoDate(file.createdAt),
    date_updated: isoDate(latest),
    url,
    links: { [`${file.kind}_versions`]: `${url}/Versions` },
  };
}

/** A version as a Build lists it. */
export function versionSummary(store: ServerlessStore, version: VersionRecord) {
  return {
    sid: version.sid,
    account_sid: store.accountSid,
    service_sid: version.serviceSid,
    [`${version.kind}_sid`]: version.fileSid,
    path: version.path,
    visibility: version.visibility,
    date_created: isoDate(version.createdAt),
  };
}

export function versionJson(store: ServerlessStore, version: VersionRecord): unknown {
  const url = `${fileUrl({ ...version, sid: version.fileSid })}/Versions/${version.sid}`;
  return {
    ...versionSummary(store, version),
    url,
    ...(version.kind === 'function'
      ? { links: { function_version_content: `${url}/Content` } }
      : {}),
  };
}

export function fetchFile(
  store: ServerlessStore,
  kind: FileKind,
  serviceSid: string,
  sid: string,
): unknown {
  return fileJson(store, findFile(findService(store, serviceSid), kind, sid));
}

export function listFiles(
  store: ServerlessStore,
  kind: FileKind,
  serviceSid: string,
  query: Params,
): unknown {
  const service = findService(store, serviceSid);
  const key = kind === 'function' ? 'functions' : 'assets';
  return v1Page(
    key,
    filesOf(service, kind),
    query,
    `${SERVERLESS_BASE}/Services/${service.sid}/${COLLECTION[kind]}`,
    (one) => fileJson(store, one),
  );
}

export function listVersions(
  store: ServerlessStore,
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
  query: Params,
): unknown {
  const file = findFile(findService(store, serviceSid), kind, fileSid);
  return v1Page(`${kind}_versions`, file.versions, query, `${fileUrl(file)}/Versions`, (one) =>
    versionJson(store, one),
  );
}

export function fetchVersion(
  store: ServerlessStore,
  kind: FileKind,
  pathParams: Record<string, string>,
): VersionRecord {
  const fileSid = kind === 'function' ? pathParams.FunctionSid : pathParams.AssetSid;
  const file = findFile(findService(store, pathParams.ServiceSid), kind, fileSid);
  return findVersion(file, pathParams.Sid);
}

/** FetchFunctionVersionContent: the uploaded code, as text. */
export function versionContentJson(store: ServerlessStore, version: VersionRecord): unknown {
  const url = `${fileUrl({ ...version, sid: version.fileSid })}/Versions/${version.sid}/Content`;
  return {
    sid: version.sid,
    account_sid: store.accountSid,
    service_sid: version.serviceSid,
    function_sid: version.fileSid,
    content: version.content.toString('utf8'),
    url,
  };
}

import type { IncomingHttpHeaders } from 'node:http';
import { matchOperation, operationsOf, type MatchedOperation, type Operation } from '../openapi';
import { newSid, TwilioApiError } from '../twilio-error';
import { versionJson } from './files';
import { ASSET_MAX_BYTES, overLimit } from './limits';
import { multipartBoundary, parseMultipart, type FormPart } from './multipart';
import {
  findFile,
  findService,
  type FileKind,
  type ServerlessStore,
  type Visibility,
} from './records';

/**
 * The two upload endpoints of `serverless-upload.twilio.com`, where a Function's or an Asset's
 * content arrives as a new version.
 * Assumption [upload-endpoints-as-sent]: the description does not describe them, so they are
 * checked against what @twilio-labs/serverless-api 5.7.0 sends (api/functions.js,
 * api/assets.js): POST .../Functions/{FunctionSid}/Versions and .../Assets/{AssetSid}/Versions
 * with a multipart/form-data body of Path (starting with /), Visibility (public, protected or
 * private) and Content (the file), all three required; any other part is ignored, as Twilio
 * ignores unknown parameters. The answer is 201 with the version, checked against the
 * description's version schema; a malformed body is 400 (20001).
 */
const UPLOADS: Record<FileKind, { operationId: string; listedAs: string; schema: string }> = {
  function: {
    operationId: 'CreateFunctionVersion',
    listedAs: 'ListFunctionVersion',
    schema: 'serverless.v1.service.function.function_version',
  },
  asset: {
    operationId: 'CreateAssetVersion',
    listedAs: 'ListAssetVersion',
    schema: 'serverless.v1.service.asset.asset_version',
  },
};

let compiled: Operation[] | undefined;

/** The upload operations, on the paths (and path rules) of the versions lists they add to. */
function uploadOperations(): Operation[] {
  compiled ??= Object.values(UPLOADS).map((upload) => {
    const listed = operationsOf('twilio_serverless_v1').find(
      (operation) => operation.operationId === upload.listedAs,
    );
    if (!listed) throw new Error(`${upload.listedAs} is missing from the pinned description`);
    return {
      ...listed,
      operationId: upload.operationId,
      method: 'POST',
      query: new Map(),
      form: new Map(),
      required: [],
      responses: new Map([[201, { $ref: `#/components/schemas/${upload.schema}` }]]),
    };
  });
  return compiled;
}

/** The upload operation a request to the upload host names, or undefined. */
export function matchUpload(method: string, path: string): MatchedOperation | undefined {
  return matchOperation(uploadOperations(), method, path);
}

export const UPLOAD_OPERATIONS: Record<string, FileKind> = {
  [UPLOADS.function.operationId]: 'function',
  [UPLOADS.asset.operationId]: 'asset',
};

const VISIBILITIES: readonly Visibility[] = ['public', 'protected', 'private'];

const refused = (message: string) => new TwilioApiError(400, 20001, message);

function textField(parts: FormPart[], name: string): string {
  const part = parts.find((one) => one.name === name);
  if (!part) throw refused(`${name} is required`);
  return part.data.toString('utf8');
}

/** A new version of a Function or an Asset, from the multipart body serverless-api sends. */
export function uploadVersion(
  store: ServerlessStore,
  kind: FileKind,
  pathParams: Record<string, string>,
  request: { body?: Buffer; headers: IncomingHttpHeaders },
): unknown {
  const service = findService(store, pathParams.ServiceSid);
  const file = findFile(
    service,
    kind,
    kind === 'function' ? pathParams.FunctionSid : pathParams.AssetSid,
  );
  const boundary = multipartBoundary(request.headers['content-type']);
  if (!boundary) throw refused('The upload must be multipart/form-data with a boundary');
  const parts = parseMultipart(request.body ?? Buffer.alloc(0), boundary);
  if (!parts.ok) throw refused(`The multipart body is malformed: ${parts.error}`);
  const path = textField(parts.value, 'Path');
  const visibility = textField(parts.value, 'Visibility');
  const content = parts.value.find((one) => one.name === 'Content' && one.filename !== undefined);
  if (!content) throw refused('Content is required, as a file part');
  if (!path.startsWith('/')) throw refused(`Path must start with /, not '${path}'`);
  if (!(VISIBILITIES as readonly string[]).includes(visibility))
    throw refused(`Visibility must be one of ${VISIBILITIES.join(', ')}, not '${visibility}'`);
  if (kind === 'asset' && content.data.length > ASSET_MAX_BYTES)
    throw overLimit(
      `An asset can be up to ${ASSET_MAX_BYTES} bytes; this one is ${content.data.length}`,
    );
  const version = {
    sid: newSid('ZN'),
    kind,
    fileSid: file.sid,
    serviceSid: service.sid,
    path,
    visibility: visibility as Visibility,
    content: Buffer.from(content.data),
    contentType: content.contentType ?? 'application/octet-stream',
    createdAt: store.clock.now(),
  };
  file.versions.push(version);
  return versionJson(store, version);
}

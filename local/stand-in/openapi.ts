import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import type { Schema } from './schema';

/**
 * Reads Twilio's official OpenAPI descriptions (pinned in twilio-oai/, see its README) and
 * turns them into a route table: which operation a method + path is, which parameters it
 * accepts with which values, and which answers it declares. The spec leaves several value sets
 * to prose; those are added here.
 */

export interface ParameterRule {
  type: string;
  enum?: string[];
  array: boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export interface Operation {
  operationId: string;
  method: string;
  pattern: RegExp;
  pathNames: string[];
  path: Map<string, ParameterRule>;
  query: Map<string, ParameterRule>;
  form: Map<string, ParameterRule>;
  required: string[];
  /** The answers the description declares, by HTTP status: a body schema, or null for none. */
  responses: Map<number, Schema | null>;
  /** Resolves a `#/components/schemas/...` reference of this operation's description. */
  resolve: (ref: string) => Schema | undefined;
}

type Spec = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: Array<{ name: string; in: string; schema?: Schema }>;
        requestBody?: { content: Record<string, { schema: Schema }> };
        responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

/**
 * Value sets Twilio documents in prose only, or narrower in prose than in the spec. They win
 * over the spec's enum: an update's Status references the recording's full status enum, but
 * the docs allow only `stopped`, `paused` and `in-progress` to be set.
 */
const PROSE_VALUE_SETS: Record<string, Record<string, string[]>> = {
  CreateCallRecording: {
    Trim: ['trim-silence', 'do-not-trim'],
    RecordingChannels: ['mono', 'dual'],
    RecordingTrack: ['inbound', 'outbound', 'both'],
    RecordingStatusCallbackEvent: ['in-progress', 'completed', 'absent'],
  },
  UpdateCallRecording: {
    Status: ['stopped', 'paused', 'in-progress'],
    PauseBehavior: ['skip', 'silence'],
  },
};

/**
 * Parameters whose values their operation checks itself, because Twilio documents a code of its
 * own for a bad value: Sync's PageSize, refused with 54454 when it is "not an integer in the
 * required range" (twilio.com/docs/api/errors/54454; the description's range is 1 to 100). Their
 * rule keeps the name but not the description's type and bounds, so the request reaches the
 * operation (sync-maps.ts), which answers with that code.
 */
const CHECKED_BY_OPERATION: Record<string, string[]> = {
  ListSyncMapItem: ['PageSize'],
};

function resolve(spec: Spec, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let depth = 0; current.$ref && depth < 5; depth += 1) {
    current = spec.components.schemas[current.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return current;
}

function rule(
  spec: Spec,
  schema: Schema | undefined,
  operationId: string,
  name: string,
): ParameterRule {
  if (CHECKED_BY_OPERATION[operationId]?.includes(name)) return { type: 'string', array: false };
  const resolved = resolve(spec, schema);
  const array = resolved.type === 'array';
  const item = array ? resolve(spec, resolved.items) : resolved;
  return {
    type: item.type ?? 'string',
    enum: PROSE_VALUE_SETS[operationId]?.[name] ?? (item.enum as string[] | undefined),
    array,
    pattern: item.pattern,
    minimum: item.minimum,
    maximum: item.maximum,
  };
}

function compile(spec: Spec): Operation[] {
  const operations: Operation[] = [];
  const resolveRef = (ref: string) =>
    spec.components.schemas[ref.replace('#/components/schemas/', '')];
  for (const [path, methods] of Object.entries(spec.paths)) {
    const pathNames: string[] = [];
    const pattern = new RegExp(
      '^' +
        path
          .split(/(\{[^}]+\})/)
          .map((part) => {
            if (part.startsWith('{')) {
              pathNames.push(part.slice(1, -1));
              return '([^/]+?)';
            }
            return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          })
          .join('') +
        '$',
    );
    for (const [method, operation] of Object.entries(methods)) {
      if (!operation.operationId) continue;
      const byLocation = { path: new Map<string, ParameterRule>(), query: new Map() };
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query' || parameter.in === 'path')
          byLocation[parameter.in].set(
            parameter.name,
            rule(spec, parameter.schema, operation.operationId, parameter.name),
          );
      }
      const body = resolve(
        spec,
        operation.requestBody?.content['application/x-www-form-urlencoded']?.schema,
      );
      const form = new Map<string, ParameterRule>();
      for (const [name, schema] of Object.entries(body.properties ?? {})) {
        form.set(name, rule(spec, schema, operation.operationId, name));
      }
      const responses = new Map<number, Schema | null>();
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        responses.set(Number(status), response.content?.['application/json']?.schema ?? null);
      }
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        pattern,
        pathNames,
        path: byLocation.path,
        query: byLocation.query,
        form,
        required: body.required ?? [],
        responses,
        resolve: resolveRef,
      });
    }
  }
  return operations;
}

export type SpecFile = 'twilio_api_v2010' | 'twilio_sync_v1' | 'twilio_serverless_v1';

const cache = new Map<string, Operation[]>();

/** The operations of one product's description, e.g. 'twilio_api_v2010' or 'twilio_sync_v1'. */
export function operationsOf(file: SpecFile): Operation[] {
  let operations = cache.get(file);
  if (!operations) {
    const spec = require(
      join(PROJECT_ROOT, 'local', 'stand-in', 'twilio-oai', `${file}.json`),
    ) as Spec;
    operations = compile(spec);
    cache.set(file, operations);
  }
  return operations;
}

export interface MatchedOperation {
  operation: Operation;
  pathParams: Record<string, string>;
}

export function matchOperation(
  operations: Operation[],
  method: string,
  path: string,
): MatchedOperation | undefined {
  for (const operation of operations) {
    if (operation.method !== method) continue;
    const match = operation.pattern.exec(path);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    operation.pathNames.forEach((name, index) => {
      pathParams[name] = decodeURIComponent(match[index + 1]);
    });
    return { operation, pathParams };
  }
  return undefined;
}

export type Params = Record<string, string | string[]>;

/** A parameter's value; of one given several times, the first. */
export function firstValue(params: Params, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What is wrong with one request's parameters: names the operation does not know, bad values. */
export interface ParamProblems {
  unknown: string[];
  invalid: string[];
}

function valueProblems(name: string, parameterRule: ParameterRule, value: string): string[] {
  if (parameterRule.enum && !parameterRule.enum.includes(value))
    return [`${name} must be one of ${parameterRule.enum.join(', ')}, not '${value}'`];
  if (parameterRule.type === 'integer') {
    if (!/^-?\d+$/.test(value)) return [`${name} must be an integer, not '${value}'`];
    const number = Number(value);
    if (parameterRule.minimum !== undefined && number < parameterRule.minimum)
      return [`${name} must be at least ${parameterRule.minimum}, not ${value}`];
    if (parameterRule.maximum !== undefined && number > parameterRule.maximum)
      return [`${name} must be at most ${parameterRule.maximum}, not ${value}`];
  }
  if (parameterRule.type === 'boolean' && !/^(true|false)$/i.test(value))
    return [`${name} must be true or false, not '${value}'`];
  if (parameterRule.pattern && !new RegExp(parameterRule.pattern).test(value))
    return [`${name} '${value}' does not match ${parameterRule.pattern}`];
  return [];
}

/** Checks the query or form parameters of one request against the operation's description. */
export function validateParams(
  operation: Operation,
  location: 'query' | 'form',
  params: Params,
): ParamProblems {
  const rules = location === 'query' ? operation.query : operation.form;
  const problems: ParamProblems = { unknown: [], invalid: [] };
  for (const [name, value] of Object.entries(params)) {
    const parameterRule = rules.get(name);
    if (!parameterRule) {
      problems.unknown.push(name);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    // Assumption [repeated-scalar-400]: a parameter that is not a list, sent twice, is refused
    // (400, as any invalid value); Twilio does not say whether it takes the first or the last.
    if (values.length > 1 && !parameterRule.array)
      problems.invalid.push(`${name} was given more than once`);
    // A list may also come as one value separated by spaces, as the description of
    // RecordingStatusCallbackEvent says ("Separate multiple event values with a space").
    const items = parameterRule.array
      ? values.flatMap((one) => one.split(/\s+/).filter(Boolean))
      : values;
    for (const one of items) problems.invalid.push(...valueProblems(name, parameterRule, one));
  }
  if (location === 'form') {
    for (const name of operation.required)
      if (!(name in params)) problems.invalid.push(`${name} is required`);
  }
  return problems;
}

/** Path segments that do not have the shape the description gives them (e.g. a Sid `^RE…`). */
export function validatePath(operation: Operation, pathParams: Record<string, string>): string[] {
  return Object.entries(pathParams).flatMap(([name, value]) => {
    const parameterRule = operation.path.get(name);
    return parameterRule ? valueProblems(name, parameterRule, value) : [];
  });
}

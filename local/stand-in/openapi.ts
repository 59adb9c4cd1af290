import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';

/**
 * Reads Twilio's official OpenAPI descriptions (pinned in twilio-oai/, see its README) and
 * turns them into a route table: which operation a method + path is, and which parameters it
 * accepts with which values. The spec leaves several value sets to prose; those are added here.
 */

export interface ParameterRule {
  type: string;
  enum?: string[];
  array: boolean;
}

export interface Operation {
  operationId: string;
  method: string;
  pattern: RegExp;
  pathNames: string[];
  query: Map<string, ParameterRule>;
  form: Map<string, ParameterRule>;
  required: string[];
}

type Schema = {
  type?: string;
  enum?: string[];
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
};
type Spec = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: Array<{ name: string; in: string; schema?: Schema }>;
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

/** Value sets Twilio documents in prose only (the spec has no enum for them). */
const PROSE_ENUMS: Record<string, Record<string, string[]>> = {
  CreateCallRecording: {
    Trim: ['trim-silence', 'do-not-trim'],
    RecordingChannels: ['mono', 'dual'],
    RecordingTrack: ['inbound', 'outbound', 'both'],
    RecordingStatusCallbackEvent: ['in-progress', 'completed', 'absent'],
  },
  UpdateCallRecording: { PauseBehavior: ['skip', 'silence'] },
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
  const resolved = resolve(spec, schema);
  const array = resolved.type === 'array';
  const item = array ? resolve(spec, resolved.items) : resolved;
  return {
    type: item.type ?? 'string',
    enum: item.enum ?? PROSE_ENUMS[operationId]?.[name],
    array,
  };
}

function compile(spec: Spec): Operation[] {
  const operations: Operation[] = [];
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
      const query = new Map<string, ParameterRule>();
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query')
          query.set(
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
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        pattern,
        pathNames,
        query,
        form,
        required: body.required ?? [],
      });
    }
  }
  return operations;
}

const cache = new Map<string, Operation[]>();

/** The operations of one product's description, e.g. 'twilio_api_v2010' or 'twilio_sync_v1'. */
export function operationsOf(
  file: 'twilio_api_v2010' | 'twilio_sync_v1' | 'twilio_serverless_v1',
): Operation[] {
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

/** Problems with the parameters of one request: unknown names, wrong shapes, values outside a set. */
export function validateParams(
  operation: Operation,
  location: 'query' | 'form',
  params: Params,
): string[] {
  const rules = location === 'query' ? operation.query : operation.form;
  const problems: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const parameterRule = rules.get(name);
    if (!parameterRule) {
      problems.push(`Unknown parameter ${name} for ${operation.operationId}`);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.length > 1 && !parameterRule.array)
      problems.push(`${name} was given more than once`);
    for (const one of values) {
      if (parameterRule.enum && !parameterRule.enum.includes(one)) {
        problems.push(`${name} must be one of ${parameterRule.enum.join(', ')}, not '${one}'`);
      } else if (parameterRule.type === 'integer' && !/^-?\d+$/.test(one)) {
        problems.push(`${name} must be an integer, not '${one}'`);
      } else if (parameterRule.type === 'boolean' && !/^(true|false)$/i.test(one)) {
        problems.push(`${name} must be true or false, not '${one}'`);
      }
    }
  }
  if (location === 'form') {
    for (const name of operation.required)
      if (!(name in params)) problems.push(`${name} is required`);
  }
  return problems;
}

import { firstValue, type Params } from '../openapi';
import { newSid, notFound } from '../twilio-error';
import {
  checkLength,
  conflict,
  overLimit,
  VARIABLE_KEY_MAX,
  VARIABLE_VALUE_MAX_BYTES,
} from './limits';
import {
  isoDate,
  environmentAt,
  environmentUrl,
  type ServerlessStore,
  type SimulatedEnvironment,
  type VariableRecord,
} from './records';
import { v1Page } from './v1-page';

/** An environment's Variables: what its Functions find in `context`, live. */

function findVariable(environment: SimulatedEnvironment, sid: string): VariableRecord {
  const variable = environment.variables.find((one) => one.sid === sid);
  if (!variable) throw notFound(`Variable ${sid}`);
  return variable;
}

/** Key at most 128 characters, Value at most 450 bytes, Key unique in the environment. */
function checkVariable(
  environment: SimulatedEnvironment,
  key: string | undefined,
  value: string | undefined,
  except?: VariableRecord,
): void {
  checkLength('Key', key, VARIABLE_KEY_MAX);
  const bytes = value === undefined ? 0 : Buffer.byteLength(value, 'utf8');
  if (bytes > VARIABLE_VALUE_MAX_BYTES)
    throw overLimit(
      `Value of ${key ?? except?.key} is ${bytes} bytes; it can be at most ${VARIABLE_VALUE_MAX_BYTES}`,
    );
  if (key !== undefined && environment.variables.some((one) => one.key === key && one !== except))
    throw conflict(`Variable with Key ${key} already exists`);
}

export function variableJson(
  store: ServerlessStore,
  environment: SimulatedEnvironment,
  variable: VariableRecord,
): unknown {
  return {
    sid: variable.sid,
    account_sid: store.accountSid,
    service_sid: environment.serviceSid,
    environment_sid: environment.sid,
    key: variable.key,
    value: variable.value,
    date_created: isoDate(variable.createdAt),
    date_updated: isoDate(variable.updatedAt),
    url: `${environmentUrl(environment)}/Variables/${variable.sid}`,
  };
}

export function createVariable(
  store: ServerlessStore,
  pathParams: Record<string, string>,
  params: Params,
): unknown {
  const environment = environmentAt(store, pathParams);
  const key = firstValue(params, 'Key') ?? '';
  const value = firstValue(params, 'Value') ?? '';
  checkVariable(environment, key, value);
  const now = store.clock.now();
  const variable: VariableRecord = {
    sid: newSid('ZV'),
    key,
    value,
    createdAt: now,
    updatedAt: now,
  };
  environment.variables.push(variable);
  return variableJson(store, environment, variable);
}

export function updateVariable(
  store: ServerlessStore,
  pathParams: Record<string, string>,
  params: Params,
): unknown {
  const environment = environmentAt(store, pathParams);
  const variable = findVariable(environment, pathParams.Sid);
  const key = firstValue(params, 'Key');
  const value = firstValue(params, 'Value');
  checkVariable(environment, key, value, variable);
  if (key !== undefined) variable.key = key;
  if (value !== undefined) variable.value = value;
  variable.updatedAt = store.clock.now();
  return variableJson(store, environment, variable);
}

export function fetchVariable(store: ServerlessStore, pathParams: Record<string, string>): unknown {
  const environment = environmentAt(store, pathParams);
  return variableJson(store, environment, findVariable(environment, pathParams.Sid));
}

export function deleteVariable(store: ServerlessStore, pathParams: Record<string, string>): void {
  const environment = environmentAt(store, pathParams);
  const variable = findVariable(environment, pathParams.Sid);
  environment.variables.splice(environment.variables.indexOf(variable), 1);
}

export function listVariables(
  store: ServerlessStore,
  pathParams: Record<string, string>,
  query: Params,
): unknown {
  const environment = environmentAt(store, pathParams);
  const url = `${environmentUrl(environment)}/Variables`;
  return v1Page('variables', environment.variables, query, url, (one) =>
    variableJson(store, environment, one),
  );
}

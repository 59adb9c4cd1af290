import type { Operation } from './openapi';
import { schemaProblems, type Schema } from './schema';

/**
 * The body of every error answer. The pinned descriptions declare no error responses; this is
 * the exception shape Twilio documents for its REST APIs (twilio.com/docs/usage/twilios-response):
 * the HTTP status, Twilio's error code, a message and a link to the error's page.
 */
export const TWILIO_ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['code', 'message', 'more_info', 'status'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string' },
    more_info: { type: 'string', pattern: '^https://www\\.twilio\\.com/docs/errors/\\d+$' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
  },
};

/**
 * How an answer departs from what the operation's description declares: a success status it
 * does not declare, a body where none is declared, or a body that does not match the schema
 * (no field the schema does not name, either). Error answers must have Twilio's error shape,
 * also when no operation matched the request.
 */
export function responseProblems(
  operation: Operation | undefined,
  status: number,
  body: unknown,
): string[] {
  const options = { resolve: operation?.resolve ?? (() => undefined), closed: true };
  if (status >= 400) {
    const problems = schemaProblems(TWILIO_ERROR_SCHEMA, body, options);
    const declared = (body as { status?: unknown } | undefined)?.status;
    if (problems.length === 0 && declared !== status)
      problems.push(`body.status: ${String(declared)} but the answer is ${status}`);
    return problems;
  }
  if (!operation) return [`a ${status} answer to a request no operation matched`];
  if (!operation.responses.has(status))
    return [`${operation.operationId} does not declare a ${status} answer`];
  const schema = operation.responses.get(status);
  if (!schema) return body === undefined ? [] : [`${status} declares no body, but one was sent`];
  if (body === undefined) return [`${status} declares a body, but none was sent`];
  return schemaProblems(schema, body, options);
}

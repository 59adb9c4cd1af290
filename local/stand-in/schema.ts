/**
 * Checks a JSON value against an OpenAPI 3.0 schema object, as far as Twilio's descriptions use
 * them: $ref, type, nullable, enum, properties, required, items, pattern, lengths, bounds and the
 * date formats. Written here rather than taken from a JSON Schema library because OpenAPI 3.0 is
 * not JSON Schema: `nullable` sits next to `type` and `$ref`, and Twilio names its own formats
 * (`date-time-rfc-2822`, `currency`, `uri-map`); a hundred lines are simpler than adapting both.
 */
export interface Schema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
}

export interface SchemaCheckOptions {
  /** Resolves `#/components/schemas/...`. */
  resolve: (ref: string) => Schema | undefined;
  /**
   * Also refuses object properties the schema does not name. OpenAPI allows them by default;
   * the stand-in uses this so that it never invents a field Twilio does not describe.
   */
  closed?: boolean;
}

const RFC_2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(type: string, value: unknown): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Every way `value` departs from `schema`, each naming where (e.g. `body.recordings[0].status`). */
export function schemaProblems(
  schema: Schema,
  value: unknown,
  options: SchemaCheckOptions,
  where = 'body',
): string[] {
  let current = schema;
  // A property that is only a $ref takes its nullability from the referenced schema.
  const nullable = schema.nullable === true;
  for (let depth = 0; current.$ref; depth += 1) {
    const target = depth < 10 ? options.resolve(current.$ref) : undefined;
    if (!target) return [`${where}: unresolvable ${current.$ref}`];
    current = { ...target, nullable: nullable || target.nullable };
  }
  if (value === null) return current.nullable ? [] : [`${where}: null is not allowed`];
  if (current.type && !matchesType(current.type, value))
    return [`${where}: ${typeOf(value)} where the description says ${current.type}`];
  if (current.enum && !current.enum.includes(value))
    return [`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(current.enum)}`];

  const problems: string[] = [];
  if (typeof value === 'string') {
    if (current.pattern && !new RegExp(current.pattern).test(value))
      problems.push(`${where}: '${value}' does not match ${current.pattern}`);
    if (current.minLength !== undefined && value.length < current.minLength)
      problems.push(`${where}: shorter than ${current.minLength}`);
    if (current.maxLength !== undefined && value.length > current.maxLength)
      problems.push(`${where}: longer than ${current.maxLength}`);
    if (current.format === 'date-time-rfc-2822' && !RFC_2822.test(value))
      problems.push(`${where}: '${value}' is not an RFC 2822 date`);
    if (current.format === 'date-time' && !ISO_8601.test(value))
      problems.push(`${where}: '${value}' is not an ISO 8601 date-time`);
  }
  if (typeof value === 'number') {
    if (current.minimum !== undefined && value < current.minimum)
      problems.push(`${where}: ${value} is below ${current.minimum}`);
    if (current.maximum !== undefined && value > current.maximum)
      problems.push(`${where}: ${value} is above ${current.maximum}`);
  }
  if (Array.isArray(value) && current.items) {
    const items = current.items;
    value.forEach((item, index) =>
      problems.push(...schemaProblems(items, item, options, `${where}[${index}]`)),
    );
  }
  if (typeOf(value) === 'object' && current.properties) {
    const object = value as Record<string, unknown>;
    for (const name of current.required ?? [])
      if (!(name in object)) problems.push(`${where}.${name}: required but missing`);
    for (const [name, property] of Object.entries(object)) {
      const propertySchema = current.properties[name];
      if (propertySchema)
        problems.push(...schemaProblems(propertySchema, property, options, `${where}.${name}`));
      else if (options.closed) problems.push(`${where}.${name}: not in the description`);
    }
  }
  return problems;
}

/** The SIDs this project reads: two letters naming the resource, then 32 lowercase hex digits. */
export const SID_PREFIXES = {
  AccountSid: 'AC',
  CallSid: 'CA',
  RecordingSid: 'RE',
  ConferenceSid: 'CF',
  FlowSid: 'FW',
} as const;

export type SidField = keyof typeof SID_PREFIXES;

export function isSid(field: SidField, value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === 34 &&
    value.startsWith(SID_PREFIXES[field]) &&
    /^[0-9a-f]{32}$/.test(value.slice(2))
  );
}

/** A well-formed example, for messages that say what a SID should look like. */
export function exampleSid(field: SidField): string {
  return `${SID_PREFIXES[field]}${'0'.repeat(32)}`;
}

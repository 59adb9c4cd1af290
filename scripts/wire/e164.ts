/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;

export const E164_RULE =
  'use E.164: a +, the country code and the number, digits only, e.g. +15551234567';

export function isE164(value: string): boolean {
  return E164.test(value);
}

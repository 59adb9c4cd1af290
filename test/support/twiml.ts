import type { TwimlNode } from '../../local/twiml-document';

export { parseTwiml, type TwimlNode } from '../../local/twiml-document';

export function verbNames(verbs: TwimlNode[]): string[] {
  return verbs.map((verb) => verb.name);
}

/** Splits a relative action URL like `/recording-toggle?Record=true` into path and parameters. */
export function splitUrl(url: string): { path: string; params: Record<string, string> } {
  const parsed = new URL(url, 'http://service.invalid');
  return { path: parsed.pathname, params: Object.fromEntries(parsed.searchParams) };
}

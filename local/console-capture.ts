/**
 * Takes over console.log / warn / error until restored: the Functions served in-process print
 * their log lines there, and the local tools show them apart from their own output (or drop them).
 */
export function captureConsole(onLine: (line: string) => void = () => undefined): {
  restore(): void;
} {
  const originals = { log: console.log, warn: console.warn, error: console.error };
  const capture = (...args: unknown[]) => onLine(args.map(String).join(' '));
  console.log = capture;
  console.warn = capture;
  console.error = capture;
  return { restore: () => Object.assign(console, originals) };
}

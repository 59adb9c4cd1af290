/**
 * Captures the structured lines the built Functions print (they carry their own bundled copy of
 * the logger, so the only shared channel is the console, as on Twilio).
 */
export function captureConsoleJson(): { lines: Array<Record<string, unknown>>; restore(): void } {
  const lines: Array<Record<string, unknown>> = [];
  const originals = { log: console.log, warn: console.warn, error: console.error };
  const capture = (...args: unknown[]) => {
    for (const arg of args) {
      if (typeof arg !== 'string') continue;
      try {
        const parsed = JSON.parse(arg);
        if (parsed && typeof parsed === 'object') lines.push(parsed);
      } catch {
        // Not one of the project's log lines.
      }
    }
  };
  console.log = capture;
  console.warn = capture;
  console.error = capture;
  return {
    lines,
    restore: () => Object.assign(console, originals),
  };
}

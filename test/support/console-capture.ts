import { captureConsole } from '../../local/console-capture';

/**
 * Captures the structured lines the built Functions print (they carry their own bundled copy of
 * the logger, so the only shared channel is the console, as on Twilio).
 */
export function captureConsoleJson(): { lines: Array<Record<string, unknown>>; restore(): void } {
  const lines: Array<Record<string, unknown>> = [];
  const capture = captureConsole((line) => {
    try {
      const parsed = JSON.parse(line);
      if (parsed && typeof parsed === 'object') lines.push(parsed);
    } catch {
      // Not one of the project's log lines.
    }
  });
  return { lines, restore: capture.restore };
}

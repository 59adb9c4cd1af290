/**
 * The project's one logger: one JSON object per line, which Twilio's Functions logs and any log
 * tool can filter. Values under secret-looking keys are replaced, so a token never reaches a log.
 */
export type LogLevel = 'info' | 'warn' | 'error';

const SECRET_WORDS = ['token', 'secret', 'password', 'authorization', 'signature'];

function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_WORDS.some((word) => lower.includes(word));
}

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    clean[key] = value !== undefined && isSecretKey(key) ? '[redacted]' : value;
  }
  return clean;
}

export type LogSink = (line: string, level: LogLevel) => void;

const consoleSink: LogSink = (line, level) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

let sink: LogSink = consoleSink;

/** Lets tests and the local tools capture log lines. */
export function setLogSink(next: LogSink | undefined): void {
  sink = next ?? consoleSink;
}

export function logEvent(
  level: LogLevel,
  event: string,
  fields: Record<string, unknown> = {},
): void {
  sink(JSON.stringify({ level, event, ...redact(fields) }), level);
}

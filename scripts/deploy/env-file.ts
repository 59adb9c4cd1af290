import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { err, ok, type Result } from '../../src/result';

type DotEnvParse = (source: string) => Record<string, string>;

let parser: DotEnvParse | undefined;

/** The .env parser twilio-run itself uses (its own dotenv), so both read a file alike. */
function twilioRunDotEnv(): DotEnvParse {
  if (!parser) {
    const fromProject = createRequire(join(PROJECT_ROOT, 'package.json'));
    const fromTwilioRun = createRequire(fromProject.resolve('twilio-run/package.json'));
    parser = (fromTwilioRun('dotenv') as { parse: DotEnvParse }).parse;
  }
  return parser;
}

/** A .env file's values exactly as twilio-run's deploy reads them; a missing file is empty. */
export function readEnvFile(file: string): Record<string, string> {
  return existsSync(file) ? twilioRunDotEnv()(readFileSync(file, 'utf8')) : {};
}

/** One value in a form twilio-run's dotenv reads back unchanged: single-quoted, on one line. */
function quoted(value: string): string {
  if (value.includes('\n')) return `"${value.replace(/\n/g, '\\n')}"`;
  return `'${value}'`;
}

/**
 * Writes `values` as a .env file for twilio-run (readable by this user only), and checks by
 * reading it back with twilio-run's own parser that every value arrives unchanged.
 */
export function writeEnvFile(file: string, values: Record<string, string>): Result<string, string> {
  const text = Object.entries(values)
    .map(([name, value]) => `${name}=${quoted(value)}\n`)
    .join('');
  const read = twilioRunDotEnv()(text);
  const changed = Object.keys(values).filter((name) => read[name] !== values[name]);
  if (changed.length > 0 || Object.keys(read).length !== Object.keys(values).length)
    return err(
      `these variables cannot be passed to twilio-run unchanged (their name or value has characters its .env reader alters): ${changed.join(', ')}`,
    );
  writeFileSync(file, text, { mode: 0o600 });
  return ok(file);
}

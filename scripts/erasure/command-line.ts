import { err, ok, type Result } from '../../src/result';

/** A command line read against the options a command takes: values, flags, nothing else. */
export interface ReadOptions {
  /** Each value option's values, in order (an option may be repeated). */
  values: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Reads `argv` (`--name value`, `--name=value`, `--flag`): anything the command does not take,
 * a value option without its value, a flag given a value, and any word that is no option's
 * value are refused, each with a sentence naming it.
 */
export function readOptions(
  argv: readonly string[],
  command: string,
  takes: { values: readonly string[]; flags: readonly string[] },
): Result<ReadOptions, string> {
  const read: ReadOptions = { values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const at = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = at > 0 ? arg.slice(0, at) : arg;
    const inline = at > 0 ? arg.slice(at + 1) : undefined;
    if (takes.values.includes(name)) {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined) return err(`${name} needs a value`);
      read.values.set(name, [...(read.values.get(name) ?? []), value]);
    } else if (takes.flags.includes(name)) {
      if (inline !== undefined) return err(`${name} takes no value`);
      read.flags.add(name);
    } else if (arg.startsWith('-')) {
      return err(`unknown option ${arg}; see npm run ${command} -- --help`);
    } else {
      return err(`unexpected '${arg}'; see npm run ${command} -- --help`);
    }
  }
  return ok(read);
}

/** The one value of an option that may be given once, or a refusal if it was given more. */
export function single(read: ReadOptions, name: string): Result<string | undefined, string> {
  const values = read.values.get(name) ?? [];
  if (values.length > 1) return err(`give ${name} once, not ${values.length} times`);
  return ok(values[0]);
}

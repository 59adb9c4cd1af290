/** What the deploy wrapper reads from the arguments it passes on to twilio-run deploy. */
export interface DeployArguments {
  help: boolean;
  /** The domain suffix deployed to: `--environment` (default `dev`), '' for `--production`. */
  environmentSuffix: string;
  /** `--env FILE`: the .env file to read instead of `.env` (the wrapper passes its own). */
  envFile?: string;
  serviceSid?: string;
  serviceName?: string;
  /** The user chose what happens to an existing service (`--override-existing-project`, `--force`). */
  overrideChosen: boolean;
  /** Credentials given as flags: the wrapper's own checks, which use .env's, are skipped. */
  credentialFlags: boolean;
  /** The arguments for twilio-run, without `--env`. */
  passOn: string[];
}

/** The value of a flag given as `--flag value` or `--flag=value` (or its short alias). */
function valueOf(args: string[], names: string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (names.includes(arg)) return args[index + 1];
    const inline = names.find((name) => arg.startsWith(`${name}=`));
    if (inline) return arg.slice(inline.length + 1);
  }
  return undefined;
}

function withoutFlag(args: string[], name: string): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === name) index += 1;
    else if (!args[index].startsWith(`${name}=`)) out.push(args[index]);
  }
  return out;
}

export function parseDeployArguments(args: string[]): DeployArguments {
  const has = (...names: string[]) =>
    args.some((arg) => names.some((name) => arg === name || arg.startsWith(`${name}=`)));
  const production = has('--production');
  return {
    help: has('--help', '-h'),
    environmentSuffix: production ? '' : (valueOf(args, ['--environment']) ?? 'dev'),
    envFile: valueOf(args, ['--env']),
    serviceSid: valueOf(args, ['--service-sid']),
    serviceName: valueOf(args, ['--service-name', '-n']),
    overrideChosen: has('--override-existing-project', '--force'),
    credentialFlags: has('--username', '-u', '--password', '-p'),
    passOn: withoutFlag(args, '--env'),
  };
}

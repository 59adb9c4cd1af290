import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../src/result';
import type { BuildOutcome, Dependency } from './records';

/**
 * A Build's Dependencies: "A list of objects that describe the Dependencies included in the
 * Build. Each object contains the `name` and `version` of the dependency" (the description).
 * Assumption [dependencies-quoted-json]: serverless-api sends that JSON list wrapped in one more
 * pair of double quotes (`"[{...}]"`, api/builds.js) and Twilio builds from it, so the stand-in
 * reads the list bare or so wrapped; anything else is 400 (20001).
 */
export function parseDependencies(value: string | undefined): Result<Dependency[], string> {
  if (value === undefined || value === '') return ok([]);
  const json = /^"\[.*\]"$/s.test(value) ? value.slice(1, -1) : value;
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return err('Dependencies must be a JSON list of { name, version } objects');
  }
  const valid =
    Array.isArray(list) &&
    list.every(
      (one) =>
        one !== null &&
        typeof one === 'object' &&
        typeof (one as Dependency).name === 'string' &&
        typeof (one as Dependency).version === 'string',
    );
  if (!valid) return err('Dependencies must be a JSON list of { name, version } objects');
  return ok((list as Dependency[]).map(({ name, version }) => ({ name, version })));
}

type Triple = [number, number, number];

function triple(version: string): Triple | undefined {
  const match = /^[=v]?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

const atLeast = (a: Triple, b: Triple) =>
  a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2];

/**
 * Whether an installed version satisfies a package.json range, for the forms a deploy sends:
 * `*` (or empty, `latest`, `x`), an exact version, `^x.y.z` and `~x.y.z`. Undefined for any
 * other form, which cannot be resolved without a registry.
 */
export function satisfies(installed: string, range: string): boolean | undefined {
  const wanted = range.trim();
  if (['', '*', 'x', 'latest'].includes(wanted)) return true;
  const have = triple(installed);
  const base = triple(wanted.replace(/^[\^~]/, ''));
  if (!have || !base) return undefined;
  if (wanted.startsWith('~'))
    return have[0] === base[0] && have[1] === base[1] && atLeast(have, base);
  if (wanted.startsWith('^')) {
    const samePrefix =
      base[0] > 0
        ? have[0] === base[0]
        : base[1] > 0
          ? have[0] === 0 && have[1] === base[1]
          : false;
    return (samePrefix || have.join('.') === base.join('.')) && atLeast(have, base);
  }
  return have.join('.') === base.join('.');
}

/**
 * What a Build with these Dependencies comes to.
 * Assumption [dependencies-from-node-modules]: the stand-in has no network, so it "installs" a
 * Dependency from the project's installed node_modules, and only when the installed version
 * satisfies the one the Build names; a Dependency that is missing, or installed at a version
 * outside the range, cannot be resolved and the Build ends `failed`, as Twilio's does when its
 * install fails.
 */
export function resolveDependencies(root: string, dependencies: Dependency[]): BuildOutcome {
  for (const { name, version } of dependencies) {
    const manifest = join(root, 'node_modules', ...name.split('/'), 'package.json');
    if (!existsSync(manifest))
      return { status: 'failed', reason: `${name}@${version} cannot be resolved: not installed` };
    const installed = String(
      (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version,
    );
    const fits = satisfies(installed, version);
    if (fits !== true)
      return {
        status: 'failed',
        reason: `${name}@${version} cannot be resolved: ${installed} is installed${fits === undefined ? ', and the range needs a registry' : ''}`,
      };
  }
  return { status: 'completed' };
}

import { readFileSync } from 'node:fs';
import { compileFunction } from 'node:vm';
import type { Mp3Encoder } from '@breezystack/lamejs';

export interface Lame {
  Mp3Encoder: typeof Mp3Encoder;
}

let loaded: Lame | undefined;

/**
 * Loads the pure-JavaScript LAME port. Its package points `require` at a browser-style script
 * that only declares a global `lamejs` and exports nothing, and its real module is ESM, which a
 * CommonJS build (and the test runner) cannot load synchronously. So the script is compiled as
 * the body of a function returning that global: same code, same speed, no global left behind.
 */
export function loadLame(): Lame {
  if (!loaded) {
    const file = require.resolve('@breezystack/lamejs');
    const body = `${readFileSync(file, 'utf8')}\nreturn lamejs;`;
    loaded = compileFunction(body, [], { filename: file })() as Lame;
  }
  return loaded;
}

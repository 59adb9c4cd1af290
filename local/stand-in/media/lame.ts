import { readFileSync } from 'node:fs';
import { compileFunction } from 'node:vm';
import type { Mp3Encoder } from '@breezystack/lamejs';

export interface Lame {
  Mp3Encoder: typeof Mp3Encoder;
}

let loaded: Lame | undefined;

/**
 * Loads @breezystack/lamejs, a maintained fork of lamejs, the pure-JavaScript port of LAME (no
 * native code, so it works right after npm ci). It is LGPL-3.0: a devDependency used unmodified
 * by the local stand-in only, never bundled into a deployed Function. It is slow next to native
 * LAME: about 13 ms per second of two-channel 8 kHz audio on one core here.
 *
 * Its package points `require` at a browser-style script that only declares a global `lamejs`
 * and exports nothing, and its real module is ESM, which a CommonJS build (and the test runner)
 * cannot load synchronously. So the script is compiled as
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

import { RequestTimeout } from './errors';

/**
 * A hard deadline for one request, whatever its socket does (a trickling answer included): the
 * promise settles, or RequestTimeout is thrown after `ms`.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeout(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { eraseCall } from './erase-call';
import type { CallErasure, ErasureRequest, ErasureServices } from './erasure-types';

/**
 * Erases several calls, `concurrency` at a time (each call's requests one after another), and
 * hands each report to `onErased` as it comes. The account's REST limit is on requests in
 * flight, so this bounds what an erasure adds to it; what is refused (20429, Sync's 54009) is
 * retried inside each call's budget.
 */
export async function eraseCalls(
  services: ErasureServices,
  requests: readonly ErasureRequest[],
  concurrency: number,
  onErased: (erased: CallErasure) => void = () => undefined,
): Promise<CallErasure[]> {
  const reports: CallErasure[] = new Array<CallErasure>(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next;
      next += 1;
      reports[index] = await eraseCall(services, requests[index]);
      onErased(reports[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return reports;
}

/** The exit a command gives for these reports: 0 all done (or nothing to do), 1 not all done. */
export function allDone(reports: readonly CallErasure[]): boolean {
  return reports.every((report) => report.state !== 'incomplete');
}

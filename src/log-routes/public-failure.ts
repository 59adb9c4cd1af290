import type { Failure } from '../failure';

/**
 * What a caller of a log route is told: Sync's own message stays in the log line, the answer
 * says only that the log is unavailable and to retry.
 */
export function publicFailure(failed: Failure, doing: 'read' | 'written'): Failure {
  if (failed.code !== 'recording-log-unavailable') return failed;
  return { ...failed, message: `The recording log could not be ${doing}; retry later` };
}

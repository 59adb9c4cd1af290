import { err, ok, type Result } from '../../src/result';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A bare host name such as `call-recording-1234-dev.twil.io`, as a service's environment has
 * it: no scheme (https is implied), no port, no path. The error says what to give instead.
 */
export function checkHostName(value: string): Result<string, string> {
  const host = value.trim().toLowerCase();
  const example = 'e.g. call-recording-1234-dev.twil.io';
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    return err(`'${value}' has a scheme; give the host name alone, ${example} (https is implied)`);
  }
  if (/[/?#]/.test(host)) return err(`'${value}' has a path; give the host name alone, ${example}`);
  if (host.includes(':')) return err(`'${value}' has a port; give the host name alone, ${example}`);
  const labels = host.split('.');
  if (host.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    return err(`'${value}' is not a host name; give one like ${example}`);
  }
  return ok(host);
}

import { err, ok, type Result } from '../../../src/result';

/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary a multipart/form-data Content-Type names, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function headerValue(headers: string, name: string): string | undefined {
  const line = headers.split('\r\n').find((one) => one.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

function readPart(raw: Buffer): Result<FormPart, string> {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return err('a part has no header block');
  const headers = raw.subarray(0, split).toString('utf8');
  const disposition = headerValue(headers, 'content-disposition') ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (!/^form-data\b/i.test(disposition) || name === undefined)
    return err('a part has no Content-Disposition: form-data with a name');
  return ok({
    name,
    filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
    contentType: headerValue(headers, 'content-type'),
    data: raw.subarray(split + 4),
  });
}

/**
 * The parts of a multipart/form-data body (RFC 7578), read as bytes so that a file's content
 * arrives exactly as sent. Each part is `--boundary CRLF headers CRLF CRLF data CRLF`, and the
 * body ends with `--boundary--`.
 */
export function parseMultipart(body: Buffer, boundary: string): Result<FormPart[], string> {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return err('the body holds no part');
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return ok(parts);
    const next = body.indexOf(delimiter, start);
    if (next < 0) return err('the body does not end with its closing boundary');
    // The part sits between the CRLF after the delimiter and the CRLF before the next one.
    const part = readPart(body.subarray(start + 2, next - 2));
    if (!part.ok) return part;
    parts.push(part.value);
    at = next;
  }
}

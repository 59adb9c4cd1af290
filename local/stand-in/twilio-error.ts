/** An error the stand-in answers the way Twilio's API does: HTTP status plus a JSON body. */
export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  toJson(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

export const notFound = (what: string) =>
  new TwilioApiError(404, 20404, `The requested resource ${what} was not found`);

let counter = 0;

/** A SID with the given two-letter prefix: unique, valid-looking, and sortable by creation. */
export function newSid(prefix: string): string {
  counter += 1;
  const random = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  return `${prefix}${counter.toString(16).padStart(24, '0')}${random}`;
}

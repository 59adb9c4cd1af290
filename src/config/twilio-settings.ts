import { err, ok, type Result } from '../result';
import { serviceBaseUrl } from '../service-url';
import { loopbackBaseUrl } from '../twilio/loopback';
import { isSid } from '../twilio/sids';
import type { SettingsGroup } from './settings-group';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  DOMAIN_NAME,
  REST_TIMEOUT_MS,
  TWILIO_API_BASE_URL,
} from './settings-table';

export interface Credentials {
  accountSid: string;
  authToken: string;
}

/** The account, the REST client's reach, and where this service is served. */
export interface TwilioSettings {
  /** The account this service runs in, when ACCOUNT_SID is a well-formed SID. */
  accountSid?: string;
  authToken?: string;
  /** Both credentials, or the message that says how to provide them. */
  credentials: Result<Credentials, string>;
  /** The local Twilio's address, honoured only on a loopback host. */
  apiBaseUrl?: string;
  /** https://<domain>, or http:// for a local server. */
  serviceBaseUrl: string;
  restTimeoutMs: number;
}

export const MISSING_CREDENTIALS =
  'ACCOUNT_SID and AUTH_TOKEN must be set (deployed: enable "Add my Twilio Credentials"; locally: .env)';

/** Why a Studio return cannot be checked or built: the service does not know its account. */
export const RETURN_NEEDS_ACCOUNT =
  'needs ACCOUNT_SID, the account the flow belongs to, and it is not set (deployed: enable "Add my Twilio Credentials")';

export const TWILIO: SettingsGroup<TwilioSettings> = {
  read(values) {
    const given = values.given(ACCOUNT_SID);
    const accountSid = isSid('AccountSid', given) ? given : undefined;
    if (given !== undefined && !accountSid) {
      values.problem(ACCOUNT_SID, 'must be AC followed by 32 lowercase hex digits');
    }
    const authToken = values.given(AUTH_TOKEN);
    return {
      accountSid,
      authToken,
      credentials:
        accountSid && authToken ? ok({ accountSid, authToken }) : err(MISSING_CREDENTIALS),
      apiBaseUrl: loopbackBaseUrl(values.given(TWILIO_API_BASE_URL)),
      serviceBaseUrl: serviceBaseUrl(values.given(DOMAIN_NAME)),
      restTimeoutMs: values.whole(REST_TIMEOUT_MS),
    };
  },
};

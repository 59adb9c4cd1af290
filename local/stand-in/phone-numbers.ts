import { err, ok, type Result } from '../../src/result';
import type { Clock } from '../clock';
import type { Params } from './openapi';
import { rfc2822 } from '../../src/twilio/dates';
import { newSid, notFound, TwilioApiError } from './twilio-error';

/** An IncomingPhoneNumber as the stand-in keeps it: the API's JSON fields, by their JSON names. */
export interface SimulatedPhoneNumber {
  sid: string;
  phoneNumber: string;
  /** Every writable field, keyed by its JSON (snake_case) name, e.g. voice_url. */
  fields: Record<string, string | boolean | null>;
  createdAt: number;
  updatedAt: number;
}

/** Where Twilio sends a call to a number, or why it cannot. */
/** Where a call to a number starts, or why no call to it starts. */
export type VoiceRoute = Result<
  { url: string; method: 'GET' | 'POST' },
  { reason: 'not-on-account' | 'no-voice-url' | 'not-simulated'; message: string }
>;

// What a number bought in the Console looks like before anyone configures it. Twilio points a
// new number's voice URL at its demo TwiML; the stand-in starts numbers with none unless told.
const NEW_NUMBER_FIELDS: Record<string, string | boolean | null> = {
  friendly_name: null,
  api_version: '2010-04-01',
  voice_url: '',
  voice_method: 'POST',
  voice_fallback_url: '',
  voice_fallback_method: 'POST',
  voice_application_sid: null,
  voice_caller_id_lookup: false,
  voice_receive_mode: 'voice',
  status_callback: '',
  status_callback_method: 'POST',
  sms_url: '',
  sms_method: 'POST',
  sms_fallback_url: '',
  sms_fallback_method: 'POST',
  sms_application_sid: null,
  trunk_sid: null,
  identity_sid: null,
  address_sid: null,
  bundle_sid: null,
  emergency_status: 'Inactive',
  emergency_address_sid: null,
};

/** UpdateIncomingPhoneNumber's form fields the stand-in applies; PascalCase → snake_case. */
const UPDATABLE = new Map(
  [
    'FriendlyName',
    'ApiVersion',
    'VoiceUrl',
    'VoiceMethod',
    'VoiceFallbackUrl',
    'VoiceFallbackMethod',
    'VoiceApplicationSid',
    'VoiceCallerIdLookup',
    'VoiceReceiveMode',
    'StatusCallback',
    'StatusCallbackMethod',
    'SmsUrl',
    'SmsMethod',
    'SmsFallbackUrl',
    'SmsFallbackMethod',
    'SmsApplicationSid',
    'TrunkSid',
    'IdentitySid',
    'AddressSid',
    'BundleSid',
    'EmergencyStatus',
    'EmergencyAddressSid',
  ].map((name) => [name, name.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase()]),
);

/** The account's phone numbers: listed by number, updated by SID, and looked up for a call. */
export class PhoneNumbers {
  private readonly numbers = new Map<string, SimulatedPhoneNumber>();

  constructor(
    private readonly accountSid: string,
    private readonly clock: Clock,
  ) {}

  /** A number on the account (as if bought in the Console), optionally already configured. */
  add(
    phoneNumber: string,
    config: { voiceUrl?: string; voiceMethod?: 'GET' | 'POST'; friendlyName?: string } = {},
  ): SimulatedPhoneNumber {
    if (!/^\+[1-9]\d{1,14}$/.test(phoneNumber))
      throw new Error(`${phoneNumber} is not an E.164 number`);
    const now = this.clock.now();
    const number: SimulatedPhoneNumber = {
      sid: newSid('PN'),
      phoneNumber,
      fields: {
        ...NEW_NUMBER_FIELDS,
        friendly_name: config.friendlyName ?? phoneNumber,
        voice_url: config.voiceUrl ?? '',
        voice_method: config.voiceMethod ?? 'POST',
      },
      createdAt: now,
      updatedAt: now,
    };
    this.numbers.set(number.sid, number);
    return number;
  }

  byNumber(phoneNumber: string): SimulatedPhoneNumber | undefined {
    return [...this.numbers.values()].find((number) => number.phoneNumber === phoneNumber);
  }

  fetch(sid: string): SimulatedPhoneNumber {
    const number = this.numbers.get(sid);
    if (!number) throw notFound(`IncomingPhoneNumber ${sid}`);
    return number;
  }

  update(sid: string, params: Params): SimulatedPhoneNumber {
    const number = this.fetch(sid);
    for (const [name, value] of Object.entries(params)) {
      const key = UPDATABLE.get(name);
      // Moving a number to another account (AccountSid) is real but out of scope here.
      if (!key)
        throw new TwilioApiError(400, 20001, `${name} is not supported by the local stand-in`);
      const text = String(value);
      number.fields[key] = key === 'voice_caller_id_lookup' ? /^true$/i.test(text) : text;
    }
    number.updatedAt = this.clock.now();
    return number;
  }

  /**
   * ListIncomingPhoneNumber. `PhoneNumber` matches as Twilio documents it: partial numbers
   * match anywhere, and `*` stands for any one digit; so one filter can match several numbers.
   */
  list(query: Params): Record<string, unknown> {
    const filter = typeof query.PhoneNumber === 'string' ? query.PhoneNumber : undefined;
    const friendly = typeof query.FriendlyName === 'string' ? query.FriendlyName : undefined;
    const pattern =
      filter === undefined
        ? undefined
        : new RegExp(filter.replace(/[.+?^$()|[\]\\{}]/g, '\\$&').replace(/\*/g, '\\d'));
    const matching = [...this.numbers.values()]
      .filter((number) => !pattern || pattern.test(number.phoneNumber))
      .filter((number) => friendly === undefined || number.fields.friendly_name === friendly)
      .sort((a, b) => a.createdAt - b.createdAt);
    const pageSize = Math.min(1000, Math.max(1, Number(query.PageSize ?? 50)));
    const page = matching.slice(0, pageSize);
    const uri = `/2010-04-01/Accounts/${this.accountSid}/IncomingPhoneNumbers.json`;
    const first = `${uri}?${new URLSearchParams({ ...(filter ? { PhoneNumber: filter } : {}), PageSize: String(pageSize), Page: '0' })}`;
    return {
      incoming_phone_numbers: page.map((number) => this.json(number)),
      page: 0,
      page_size: pageSize,
      start: 0,
      end: Math.max(0, page.length - 1),
      uri: first,
      first_page_uri: first,
      next_page_uri: null,
      previous_page_uri: null,
    };
  }

  /** Where Twilio's voice engine sends a call to this number. */
  voiceRoute(phoneNumber: string): VoiceRoute {
    const number = this.byNumber(phoneNumber);
    if (!number) {
      return err({
        reason: 'not-on-account',
        message: `${phoneNumber} is not one of this account's IncomingPhoneNumbers, so no call to it reaches this account`,
      });
    }
    const { voice_url: url, voice_method: method } = number.fields;
    if (number.fields.voice_application_sid || number.fields.trunk_sid) {
      return err({
        reason: 'not-simulated',
        message: `${phoneNumber} is handled by a TwiML App or a SIP trunk, which Twilio then uses instead of its voice URL; the stand-in does not simulate either`,
      });
    }
    if (typeof url !== 'string' || url === '') {
      // Assumption (unverified against Twilio): with nothing to fetch the call cannot be
      // answered and ends `failed`.
      return err({
        reason: 'no-voice-url',
        message: `${phoneNumber} has no voice URL, so Twilio has no TwiML to answer the call with`,
      });
    }
    return ok({ url, method: method === 'GET' ? 'GET' : 'POST' });
  }

  json(number: SimulatedPhoneNumber): Record<string, unknown> {
    const uri = `/2010-04-01/Accounts/${this.accountSid}/IncomingPhoneNumbers/${number.sid}.json`;
    return {
      account_sid: this.accountSid,
      address_requirements: 'none',
      beta: false,
      capabilities: { voice: true, sms: true, mms: true, fax: false },
      date_created: rfc2822(number.createdAt) ?? null,
      date_updated: rfc2822(number.updatedAt) ?? null,
      phone_number: number.phoneNumber,
      origin: 'twilio',
      sid: number.sid,
      status: 'in-use',
      emergency_address_status: 'unregistered',
      uri,
      ...number.fields,
    };
  }
}

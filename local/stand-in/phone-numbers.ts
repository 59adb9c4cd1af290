import { err, ok, type Result } from '../../src/result';
import type { Clock } from '../clock';
import { apiPage } from './api-page';
import { firstValue, operationsOf, type Params } from './openapi';
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

/** Where a call to a number starts, or why no call to it starts. */
export type VoiceRoute = Result<
  {
    url: string;
    method: 'GET' | 'POST';
    /** The number's voice fallback URL and method, when it has one. */
    fallback?: { url: string; method: 'GET' | 'POST' };
  },
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

/** Every form field UpdateIncomingPhoneNumber takes, as the API description lists them. */
let updateFields: ReadonlySet<string> | undefined;
const UPDATE_FIELDS = (): ReadonlySet<string> => {
  updateFields ??= new Set(
    operationsOf('twilio_api_v2010')
      .find((operation) => operation.operationId === 'UpdateIncomingPhoneNumber')
      ?.form.keys(),
  );
  return updateFields;
};

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
    config: {
      voiceUrl?: string;
      voiceMethod?: 'GET' | 'POST';
      voiceFallbackUrl?: string;
      voiceFallbackMethod?: 'GET' | 'POST';
      friendlyName?: string;
    } = {},
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
        voice_fallback_url: config.voiceFallbackUrl ?? '',
        voice_fallback_method: config.voiceFallbackMethod ?? 'POST',
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

  /**
   * UpdateIncomingPhoneNumber. A name the API description does not know is dropped, as Twilio
   * drops it (the server has already warned about it, or refused it in strict mode).
   */
  update(sid: string, params: Params): SimulatedPhoneNumber {
    const number = this.fetch(sid);
    for (const [name, value] of Object.entries(params)) {
      const key = UPDATABLE.get(name);
      if (!key) {
        if (!UPDATE_FIELDS().has(name)) continue;
        // Assumption [number-update-unmodelled-400]: a field Twilio knows but the stand-in does
        // not model (AccountSid, which moves the number to another account) is refused with 400
        // (20001) rather than ignored, so that nothing believes it happened.
        throw new TwilioApiError(400, 20001, `${name} is not modelled by the local stand-in`);
      }
      const text = String(value);
      number.fields[key] = key === 'voice_caller_id_lookup' ? /^true$/i.test(text) : text;
    }
    number.updatedAt = this.clock.now();
    return number;
  }

  /**
   * ListIncomingPhoneNumber, oldest first, in pages (api-page.ts). `PhoneNumber` matches as
   * Twilio documents it: partial numbers match anywhere, and `*` stands for any one digit; so
   * one filter can match several numbers. `FriendlyName` matches exactly; `Origin` is `twilio`
   * for every number here (none is hosted).
   */
  list(query: Params): Record<string, unknown> {
    const filter = firstValue(query, 'PhoneNumber');
    const friendly = firstValue(query, 'FriendlyName');
    const origin = firstValue(query, 'Origin');
    const pattern =
      filter === undefined
        ? undefined
        : new RegExp(filter.replace(/[.+?^$()|[\]\\{}]/g, '\\$&').replace(/\*/g, '\\d'));
    const matching = [...this.numbers.values()]
      .filter((number) => !pattern || pattern.test(number.phoneNumber))
      .filter((number) => friendly === undefined || number.fields.friendly_name === friendly)
      .filter(() => origin === undefined || origin === 'twilio')
      .sort((a, b) => a.createdAt - b.createdAt);
    return apiPage(
      'incoming_phone_numbers',
      matching,
      query,
      `/2010-04-01/Accounts/${this.accountSid}/IncomingPhoneNumbers.json`,
      (number) => this.json(number),
    );
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
      // Assumption [no-voice-url-fails]: with nothing to fetch the call cannot be answered and
      // ends `failed`; Twilio does not document a call to an unconfigured number.
      return err({
        reason: 'no-voice-url',
        message: `${phoneNumber} has no voice URL, so Twilio has no TwiML to answer the call with`,
      });
    }
    const { voice_fallback_url: fallbackUrl, voice_fallback_method: fallbackMethod } =
      number.fields;
    return ok({
      url,
      method: method === 'GET' ? 'GET' : 'POST',
      ...(typeof fallbackUrl === 'string' && fallbackUrl !== ''
        ? { fallback: { url: fallbackUrl, method: fallbackMethod === 'GET' ? 'GET' : 'POST' } }
        : {}),
    });
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

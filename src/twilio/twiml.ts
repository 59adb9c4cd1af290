/**
 * The TwiML the voice steps answer with, written here rather than with twilio-node's
 * VoiceResponse: that class builds on xmlbuilder, whose first use costs a fresh container about
 * 4 ms, as much as the rest of a step's cold start (docs/performance.md). The steps need four
 * verbs. The documents are the same as twilio-node's, parsed (test/unit/twiml.test.ts).
 */

import type { CallbackMethod } from './recording-values';

type AttributeValue = string | number | boolean | readonly string[] | undefined;
type Attributes = Readonly<Record<string, AttributeValue>>;

interface Element {
  readonly name: string;
  readonly attributes: Attributes;
  readonly children: Array<Element | string>;
}

export interface SayAttributes {
  voice?: string;
  language?: string;
}

export interface GatherAttributes {
  input?: ReadonlyArray<'dtmf' | 'speech'>;
  numDigits?: number;
  timeout?: number;
  speechTimeout?: string;
  hints?: string;
  language?: string;
  action?: string;
  method?: CallbackMethod;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

// Characters XML 1.0 cannot carry at all (w3.org/TR/xml, "Char") are dropped rather than sent,
// so that a stray control character in a setting's text cannot make Twilio refuse the whole
// document (error 12100). A lone surrogate needs nothing here: UTF-8 encoding, when the answer
// is sent, writes it as U+FFFD.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // Written as references: a parser would turn them into spaces in an attribute.
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};
/* eslint-disable no-control-regex -- the control characters are what these look for */
const IN_TEXT = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const IN_ATTRIBUTE = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/* eslint-enable no-control-regex */

const escapeText = (text: string) => text.replace(IN_TEXT, (c) => ESCAPES[c] ?? '');
const escapeAttribute = (value: string) => value.replace(IN_ATTRIBUTE, (c) => ESCAPES[c] ?? '');

/** Lists are written space-separated and unset attributes left out, as twilio-node does. */
function writeAttributes(attributes: Attributes): string {
  let written = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    written += ` ${name}="${escapeAttribute(text)}"`;
  }
  return written;
}

function write(element: Element): string {
  const open = `<${element.name}${writeAttributes(element.attributes)}`;
  if (element.children.length === 0) return `${open}/>`;
  const inner = element.children
    .map((child) => (typeof child === 'string' ? escapeText(child) : write(child)))
    .join('');
  return `${open}>${inner}</${element.name}>`;
}

function say(attributes: SayAttributes, text: string): Element {
  return { name: 'Say', attributes: { ...attributes }, children: [text] };
}

/** A <Gather>'s nested verbs (only <Say> is used here). */
export class Gather {
  constructor(private readonly element: Element) {}

  say(attributes: SayAttributes, text: string): this {
    this.element.children.push(say(attributes, text));
    return this;
  }
}

/** A TwiML document under construction; `toString()` writes it. */
export class VoiceResponse {
  private readonly verbs: Element[] = [];

  say(attributes: SayAttributes, text: string): this {
    this.verbs.push(say(attributes, text));
    return this;
  }

  gather(attributes: GatherAttributes): Gather {
    const element: Element = { name: 'Gather', attributes: { ...attributes }, children: [] };
    this.verbs.push(element);
    return new Gather(element);
  }

  redirect(attributes: { method?: CallbackMethod }, url: string): this {
    this.verbs.push({ name: 'Redirect', attributes: { ...attributes }, children: [url] });
    return this;
  }

  hangup(): this {
    this.verbs.push({ name: 'Hangup', attributes: {}, children: [] });
    return this;
  }

  toString(): string {
    return DECLARATION + write({ name: 'Response', attributes: {}, children: this.verbs });
  }
}

/** An empty TwiML document. */
export function voiceResponse(): VoiceResponse {
  return new VoiceResponse();
}

/** Moves the call on to another URL (a widget transition): the Redirect is the whole document. */
export function redirectTwiml(url: string): VoiceResponse {
  return voiceResponse().redirect({ method: 'POST' }, url);
}

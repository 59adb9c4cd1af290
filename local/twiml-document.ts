import { DOMParser, type Element } from '@xmldom/xmldom';

/** One TwiML verb or noun, as parsed from the XML. */
export interface TwimlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

function toNode(element: Element): TwimlNode {
  const attributes: Record<string, string> = {};
  for (let i = 0; i < element.attributes.length; i += 1) {
    const attribute = element.attributes.item(i);
    if (attribute) attributes[attribute.name] = attribute.value;
  }
  const children: TwimlNode[] = [];
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) children.push(toNode(child as Element));
    else if (child.nodeType === child.TEXT_NODE || child.nodeType === child.CDATA_SECTION_NODE) {
      text += child.nodeValue ?? '';
    }
  }
  return { name: element.tagName, attributes, text, children };
}

// eslint-disable-next-line no-control-regex -- the control characters are what this looks for
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Characters XML 1.0 forbids, written as they are or as references (`&#1;`), which the parser
 * used here lets through. Assumption [twiml-xml-chars]: Twilio's parser refuses them as any
 * conforming XML 1.0 parser must (w3.org/TR/xml, "Char" and "Legal Character"), so the document
 * fails with 12100; the stricter reading.
 */
function assertXmlChars(node: TwimlNode): void {
  const values = [node.text, ...Object.values(node.attributes)];
  if (values.some((value) => NOT_XML_CHAR.test(value)))
    throw new Error(`<${node.name}> holds a character XML 1.0 does not allow`);
  node.children.forEach(assertXmlChars);
}

/**
 * The verbs of a TwiML document, as Twilio's voice engine reads them; throws when it is not
 * well-formed XML with a <Response> root.
 */
export function parseTwiml(xml: string): TwimlNode[] {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length > 0) throw new Error(`TwiML is not well-formed: ${errors.join('; ')}`);
  const root = document.documentElement;
  if (!root || root.tagName !== 'Response') throw new Error(`TwiML root is not <Response>: ${xml}`);
  const response = toNode(root as unknown as Element);
  assertXmlChars(response);
  return response.children;
}

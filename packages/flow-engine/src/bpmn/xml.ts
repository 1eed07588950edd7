// A small namespace-aware XML reader and the escaping the writer needs; enough for BPMN files from
// bpmn.io, Camunda Modeler and our own exporter, with no dependency. DTDs are refused (no entity tricks).
import { FlowEngineError } from '../errors';

export interface XmlElement {
  /** Qualified name as written, e.g. `bpmn:userTask`. */
  name: string;
  local: string;
  /** Namespace URI of the element. */
  ns: string | undefined;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** Prefix → namespace URI in scope (`''` is the default namespace). */
  scope: Record<string, string>;
}

export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

const invalid = (message: string): FlowEngineError =>
  new FlowEngineError('bpmnInvalid', `Invalid XML: ${message}`);

function split(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function openElement(tag: string, parentScope: Record<string, string>): XmlElement {
  const nameMatch = /^[^\s/>]+/.exec(tag);
  if (!nameMatch) throw invalid(`bad tag <${tag.slice(0, 30)}>`);
  const attributes: Record<string, string> = {};
  const pattern = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let match = pattern.exec(tag); match; match = pattern.exec(tag)) {
    attributes[match[1] as string] = decode(match[2] ?? match[3] ?? '');
  }
  const scope = { ...parentScope };
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns') scope[''] = value;
    else if (key.startsWith('xmlns:')) scope[key.slice(6)] = value;
  }
  const [prefix, local] = split(nameMatch[0]);
  return { name: nameMatch[0], local, ns: scope[prefix], attributes, children: [], text: '', scope };
}

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  const until = (end: string): string => {
    const close = xml.indexOf(end, at);
    if (close < 0) throw invalid(`"${end}" missing`);
    const body = xml.slice(at, close);
    at = close + end.length;
    return body;
  };
  /** A start tag's body up to its `>`, skipping `>` inside quoted attribute values. */
  const readTag = (): string => {
    let quote = '';
    for (let end = at; end < xml.length; end += 1) {
      const char = xml[end];
      if (quote) quote = char === quote ? '' : quote;
      else if (char === '"' || char === "'") quote = char;
      else if (char === '>') {
        const body = xml.slice(at, end);
        at = end + 1;
        return body;
      }
    }
    throw invalid('unterminated tag');
  };
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt < 0 ? xml.length : lt);
    if (stack.length > 0) (stack[stack.length - 1] as XmlElement).text += decode(text);
    else if (text.trim() !== '') throw invalid('text outside the root element');
    if (lt < 0) break;
    at = lt;
    if (xml.startsWith('<?', at)) until('?>');
    else if (xml.startsWith('<!--', at)) until('-->');
    else if (xml.startsWith('<![CDATA[', at)) {
      at += 9;
      const data = until(']]>');
      if (stack.length > 0) (stack[stack.length - 1] as XmlElement).text += data;
    } else if (xml.startsWith('<!', at)) throw invalid('DTDs are not accepted');
    else if (xml.startsWith('</', at)) {
      at += 2;
      const name = until('>').trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw invalid(`</${name}> does not close <${open?.name ?? ''}>`);
    } else {
      at += 1;
      const tag = readTag();
      const selfClosing = tag.endsWith('/');
      const element = openElement(selfClosing ? tag.slice(0, -1) : tag, stack.at(-1)?.scope ?? {});
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (root) throw invalid('more than one root element');
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (!root || stack.length > 0) throw invalid('unclosed elements');
  return root;
}

/** The value of the attribute `local` in namespace `ns` (`undefined` ns: unprefixed). */
export function attr(element: XmlElement, local: string, ns?: string): string | undefined {
  for (const [name, value] of Object.entries(element.attributes)) {
    const [prefix, attrLocal] = split(name);
    if (attrLocal !== local || prefix === 'xmlns') continue;
    if (ns === undefined ? prefix === '' : prefix !== '' && element.scope[prefix] === ns) return value;
  }
  return undefined;
}

export const childrenOf = (element: XmlElement, local: string, ns: string): XmlElement[] =>
  element.children.filter((child) => child.local === local && child.ns === ns);

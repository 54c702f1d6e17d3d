/**
 * The small part of ASN.1 DER that CMS, RFC 3161 and X.509 need: encoders that build exact bytes, and
 * a reader that keeps every element's raw bytes so a signed structure can be re-hashed as it was sent.
 */

export const tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function element(tagByte: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tagByte]), encodeLength(body.length), body]);
}

export const sequence = (...items: Buffer[]): Buffer => element(tag.sequence, ...items);

/** DER orders the members of a SET OF by their encodings. */
export const set = (...items: Buffer[]): Buffer => element(tag.set, ...[...items].sort(Buffer.compare));

export const octetString = (bytes: Buffer): Buffer => element(tag.octetString, bytes);
export const nullValue = (): Buffer => element(tag.null);
export const booleanValue = (value: boolean): Buffer => element(tag.boolean, Buffer.from([value ? 0xff : 0x00]));

/** [n] EXPLICIT: a constructed context tag around one complete element. */
export const explicit = (n: number, inner: Buffer): Buffer => element(0xa0 | n, inner);

/** [n] IMPLICIT on a constructed type: the element's own tag is replaced, its contents kept. */
export function implicitConstructed(n: number, encoded: Buffer): Buffer {
  return element(0xa0 | n, readElement(encoded).contents);
}

export function integerFromBytes(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start += 1;
  const trimmed = unsigned.subarray(start);
  const needsSign = (trimmed[0] ?? 0) & 0x80;
  return element(tag.integer, needsSign ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function integer(value: number | bigint): Buffer {
  let hex = BigInt(value).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return integerFromBytes(Buffer.from(hex, "hex"));
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map((part) => BigInt(part));
  const [first = 0n, second = 0n, ...rest] = parts;
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let value = arc >> 7n; value > 0n; value >>= 7n) chunk.unshift(Number((value & 0x7fn) | 0x80n));
    bytes.push(...chunk);
  }
  return element(tag.oid, Buffer.from(bytes));
}

/** One parsed element; `raw` is the whole encoding (tag, length, contents) exactly as read. */
export interface DerElement {
  tag: number;
  raw: Buffer;
  contents: Buffer;
  /** Offset of `raw` within the buffer that was parsed. */
  offset: number;
}

export class DerError extends Error {}

export function readElement(buffer: Buffer, offset = 0): DerElement {
  const tagByte = buffer[offset];
  const first = buffer[offset + 1];
  if (tagByte === undefined || first === undefined) throw new DerError(`DER: truncated element at byte ${offset}`);
  if ((tagByte & 0x1f) === 0x1f) throw new DerError(`DER: multi-byte tags are not used here (byte ${offset})`);
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new DerError(`DER: unsupported length form at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i += 1) {
      const byte = buffer[offset + 2 + i];
      if (byte === undefined) throw new DerError(`DER: truncated length at byte ${offset}`);
      length = length * 256 + byte;
    }
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError(`DER: element at byte ${offset} runs past the end of the data`);
  return { tag: tagByte, raw: buffer.subarray(offset, end), contents: buffer.subarray(offset + header, end), offset };
}

/** The elements inside a constructed element, in order. */
export function children(parent: DerElement): DerElement[] {
  const items: DerElement[] = [];
  let offset = 0;
  while (offset < parent.contents.length) {
    const item = readElement(parent.contents, offset);
    items.push(item);
    offset += item.raw.length;
  }
  return items;
}

export function expectTag(item: DerElement | undefined, expected: number, what: string): DerElement {
  if (!item) throw new DerError(`DER: ${what} is missing`);
  if (item.tag !== expected) throw new DerError(`DER: ${what} has tag 0x${item.tag.toString(16)}, expected 0x${expected.toString(16)}`);
  return item;
}

export function readOid(item: DerElement): string {
  const bytes = item.contents;
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of bytes) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  const [head = 0n, ...rest] = arcs;
  const first = head < 80n ? head / 40n : 2n;
  return [first, head - first * 40n, ...rest].join(".");
}

export function readTime(item: DerElement): Date {
  const text = item.contents.toString("ascii");
  const match = /^(\d{2,4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (!match) throw new DerError(`DER: unsupported time ${text}`);
  const [, yearText = "", month, day, hour, minute, second] = match;
  const year = yearText.length === 2 ? (Number(yearText) >= 50 ? 1900 : 2000) + Number(yearText) : Number(yearText);
  return new Date(Date.UTC(year, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
}

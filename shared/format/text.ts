// The text layer of the file format: strict UTF-8 decoding, the characters a YAML file may hold, and
// offsets turned into lines and columns. shared/ compiles without DOM or Node typings, so TextDecoder
// is not visible here; the decoder below follows the WHATWG decoder in fatal mode (no overlong forms,
// no surrogates, nothing above U+10FFFF) and also says where the first bad byte is.

/** The result of decoding bytes: the text, or the byte offset where the first malformed sequence starts. */
export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number; prefix: string };

const CHUNK = 8192;

/** Decodes UTF-8 strictly, refusing the first malformed, overlong, surrogate or truncated sequence. */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  const length = bytes.length;
  const units = new Uint16Array(length);
  let n = 0;
  let i = 0;
  while (i < length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      units[n++] = lead;
      i++;
      continue;
    }
    let need: number;
    let point: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1;
      point = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      point = lead & 0x0f;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      point = lead & 0x07;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else {
      return failAt(units, n, i);
    }
    if (i + need >= length) return failAt(units, n, i);
    for (let k = 1; k <= need; k++) {
      const byte = bytes[i + k]!;
      if (byte < lower || byte > upper) return failAt(units, n, i);
      lower = 0x80;
      upper = 0xbf;
      point = (point << 6) | (byte & 0x3f);
    }
    if (point >= 0x10000) {
      point -= 0x10000;
      units[n++] = 0xd800 + (point >> 10);
      units[n++] = 0xdc00 + (point & 0x3ff);
    } else {
      units[n++] = point;
    }
    i += need + 1;
  }
  return { ok: true, text: unitsToString(units, n) };
}

function failAt(units: Uint16Array, decoded: number, offset: number): Utf8Result {
  return { ok: false, offset, prefix: unitsToString(units, decoded) };
}

function unitsToString(units: Uint16Array, count: number): string {
  const parts: string[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    parts.push(String.fromCharCode(...units.subarray(start, Math.min(start + CHUNK, count))));
  }
  return parts.join('');
}

/** Number of bytes the text takes in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

// YAML 1.2 allows only printable characters in a stream (c-printable): tab, line breaks, the visible
// ASCII range, NEL and the non-control rest of Unicode. Anything else means a binary or damaged file.
// A string can still carry such characters through a double-quoted escape such as "\x01".
const NOT_PRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Offset of the first character a YAML file may not contain, or -1 when there is none. */
export function findNonPrintable(text: string): number {
  return text.search(NOT_PRINTABLE);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds a lone UTF-16 surrogate, which cannot be written as UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Offsets where each line of a text starts; a line ends at LF, CRLF or a lone CR, as in YAML. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 10) starts.push(i + 1);
    else if (unit === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The 1-based line and column (in UTF-16 code units, as editors count) of an offset. */
export function positionAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

/** A code point written as users see it in Unicode charts, e.g. U+0000. */
export function codePointLabel(text: string, offset: number): string {
  const point = text.codePointAt(offset) ?? 0;
  return `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
}

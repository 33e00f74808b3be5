import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, findNonPrintable, lineStartsOf, positionAt, utf8Length } from './text';

describe('decodeUtf8', () => {
  const reference = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  /** What the platform's strict decoder makes of the bytes: the text, or undefined when it refuses them. */
  function platform(bytes: Uint8Array): string | undefined {
    try {
      return reference.decode(bytes);
    } catch {
      return undefined;
    }
  }

  it('agrees with TextDecoder in fatal mode on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const ours = decodeUtf8(bytes);
        expect(ours.ok ? ours.text : undefined).toBe(platform(bytes));
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes any well-formed text exactly, and refuses it once a byte is damaged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), fc.nat(255), (text, at, value) => {
        const bytes = new TextEncoder().encode(text);
        expect(decodeUtf8(bytes)).toEqual({ ok: true, text });
        if (bytes.length === 0) return;
        bytes[at % bytes.length] = value;
        const ours = decodeUtf8(bytes);
        expect(ours.ok ? ours.text : undefined).toBe(platform(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('says where the first bad sequence starts and what was read before it', () => {
    const bytes = new Uint8Array([0x61, 0xc3, 0xa9, 0x0a, 0xe2, 0x82, 0x41]);
    expect(decodeUtf8(bytes)).toEqual({ ok: false, offset: 4, prefix: 'aé\n' });
    expect(decodeUtf8(new Uint8Array([0xf0, 0x9f, 0x98]))).toEqual({ ok: false, offset: 0, prefix: '' });
  });

  it('decodes large inputs (chunked conversion)', () => {
    const text = 'ab€😀\n'.repeat(20_000);
    expect(decodeUtf8(new TextEncoder().encode(text))).toEqual({ ok: true, text });
  });
});

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('positions', () => {
  it('counts LF, CRLF and lone CR as line ends, and columns in UTF-16 units from 1', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const starts = lineStartsOf(text);
    expect(starts).toEqual([0, 3, 7, 10]);
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(starts, 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt(starts, 7)).toEqual({ line: 3, column: 1 });
    expect(positionAt(starts, 11)).toEqual({ line: 4, column: 2 });
    expect(positionAt(starts, 12)).toEqual({ line: 4, column: 3 });
  });

  it('finds characters a YAML file may not contain', () => {
    expect(findNonPrintable('key: value\t# fine\r\n')).toBe(-1);
    expect(findNonPrintable('emoji 😀 and é and \u0085 are fine')).toBe(-1);
    expect(findNonPrintable('a\u0000b')).toBe(1);
    expect(findNonPrintable('ab\u009f')).toBe(2);
    expect(findNonPrintable('x\ufffe')).toBe(1);
    expect(findNonPrintable('lone \ud83d end')).toBe(5);
    expect(findNonPrintable('lone \ude00 start')).toBe(5);
  });
});

/**
 * The wire-format reader (src/core/logs/protoWire.ts) against protobufjs's Writer: whatever protobufjs encodes,
 * the reader decodes to the same values (int64 as a number, exact below 2^53), and it skips every wire type.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import protobuf from 'protobufjs/minimal';
import { WireReader } from '../../src/core/logs/protoWire';

describe('protobuf wire reader (protoWire.ts) vs protobufjs', () => {
  it('reads back what protobufjs writes: varints of every width, int64 sign, floats, doubles, strings, bytes', () => {
    const safeInt = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), safeInt, fc.float({ noNaN: true }), fc.double({ noNaN: true }), fc.string({ unit: 'binary' }), fc.uint8Array(),
        (u32, i32, i64, f, d, s, b) => {
          const w = protobuf.Writer.create().uint32(u32).int32(i32).int64(i64).float(f).double(d).string(s).bytes(b).finish();
          const r = new WireReader(w);
          assert.strictEqual(r.uint32(), u32);
          assert.strictEqual(r.int32(), i32);
          assert.strictEqual(r.int64(), i64);
          assert.ok(Object.is(r.float(), Math.fround(f)));
          assert.ok(Object.is(r.double(), d));
          assert.strictEqual(r.string(), new TextDecoder().decode(new TextEncoder().encode(s)));
          assert.deepStrictEqual([...r.bytes()], [...b]);
          assert.strictEqual(r.pos, r.len);
        }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('skips a field of each wire type (varint, 64-bit, length-delimited, group, 32-bit) to the next field', () => {
    const w = protobuf.Writer.create()
      .uint32((1 << 3) | 0).int64(-1)
      .uint32((2 << 3) | 1).double(1.5)
      .uint32((3 << 3) | 2).string('skip me')
      .uint32((4 << 3) | 3).uint32((1 << 3) | 0).uint32(7).uint32((4 << 3) | 4)
      .uint32((5 << 3) | 5).float(2)
      .uint32((6 << 3) | 0).uint32(42)
      .finish();
    const r = new WireReader(w);
    for (let i = 0; i < 5; i++) r.skipType(r.uint32() & 7);
    assert.strictEqual(r.uint32(), (6 << 3) | 0);
    assert.strictEqual(r.uint32(), 42);
  });

  it('refuses truncated input and wire types 6 and 7 with a message', () => {
    assert.throws(() => new WireReader(new Uint8Array([0x80])).uint32(), /index out of range/);
    assert.throws(() => new WireReader(new Uint8Array([5, 1, 2])).bytes(), /index out of range: 1 \+ 5 > 3/);
    assert.throws(() => new WireReader(new Uint8Array([0])).skipType(6), /invalid wire type 6/);
    assert.throws(() => new WireReader(new Uint8Array(11).fill(0x80)).uint32(), /invalid varint/);
  });
});

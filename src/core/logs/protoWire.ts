/**
 * The reading side of the Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/):
 * base-128 varints, little-endian 32/64-bit fixed values, length-delimited bytes and strings, and skipping a
 * field by its wire type. With it a message is decoded field by field, as protobufjs's static code does
 * (tensorboard.ts decodes TensorFlow's Event this way); the few methods used here are written out rather than
 * bundling a protobuf runtime into the extension for them (issue 9: the package's size). Integers are returned
 * as numbers, exact below 2^53, with protobufjs's semantics for the 64-bit ones (two's complement for int64).
 */
export class WireReader {
  pos = 0;
  readonly len: number;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.len = buf.length;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.len) throw new RangeError(`index out of range: ${this.pos} + ${n} > ${this.len}`);
  }

  /** A varint as its low and high 32 bits (unsigned); at most 10 bytes. */
  private varint(): [number, number] {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      this.need(1);
      const b = this.buf[this.pos++];
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) return [lo >>> 0, hi >>> 0];
    }
    throw new Error(`invalid varint encoding at offset ${this.pos}`);
  }

  uint32(): number {
    return this.varint()[0];
  }

  int32(): number {
    return this.varint()[0] | 0;
  }

  int64(): number {
    const [lo, hi] = this.varint();
    return (hi | 0) * 2 ** 32 + lo;
  }

  float(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  bytes(): Uint8Array {
    const n = this.uint32();
    this.need(n);
    this.pos += n;
    return this.buf.subarray(this.pos - n, this.pos);
  }

  string(): string {
    return new TextDecoder('utf-8').decode(this.bytes());
  }

  /** Skip one field's value of wire type `wire` (groups, deprecated but legal, to their end tag). */
  skipType(wire: number, depth = 0): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.skip(8);
    else if (wire === 2) this.skip(this.uint32());
    else if (wire === 5) this.skip(4);
    else if (wire === 3) {
      if (depth > 100) throw new Error('groups nested too deep');
      for (;;) {
        const tag = this.uint32();
        if ((tag & 7) === 4) break;
        this.skipType(tag & 7, depth + 1);
      }
    } else throw new Error(`invalid wire type ${wire} at offset ${this.pos}`);
  }

  private skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}

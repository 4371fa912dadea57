/**
 * TensorBoard event files (events.out.tfevents.*): scalar summaries as (tag, step, value) rows.
 *
 * Framing (TFRecord, tensorflow/core/lib/io/record_writer.cc): each record is
 *   uint64 length (little-endian) · uint32 masked CRC32C of those 8 bytes · data · uint32 masked CRC32C of data,
 * with mask(crc) = ((crc >>> 15) | (crc << 17)) + 0xa282ead8 (tensorflow/core/lib/hash/crc32c.h). Each record's
 * data is an `Event` protobuf (tensorflow/core/util/event.proto): wall_time = 1, step = 2, summary = 5. A
 * `Summary` holds repeated `Value { tag = 1; simple_value = 2; metadata = 9; tensor = 8 }`: PyTorch's
 * SummaryWriter and TF1 write simple_value, TF2's tf.summary.scalar writes a scalar TensorProto (dtype = 1
 * DT_FLOAT / 2 DT_DOUBLE; float_val = 5, double_val = 6, or 4-byte little-endian tensor_content = 4).
 * The few fields above are decoded from the protobuf wire format (protoWire.ts), as protobufjs's static code
 * generator (pbjs -t static) writes decoders; every other field (images, histograms, graphs) is skipped by its
 * wire type. CRCs are checked with crc-32's
 * CRC32C; a bad CRC or a truncated record is an error naming the record, except a truncated final record, which
 * a writer still appending leaves — it is skipped with a note (so a run in progress can be read).
 */
import { buf as crc32cBuf } from 'crc-32/crc32c';
import { LogError, DEFAULT_MAX_LOG_ROWS } from './errors';
import type { Cell, LogTable } from './types';
import type { CsvLogOptions } from './csvLog';
import { WireReader as Reader } from './protoWire';

const MASK_DELTA = 0xa282ead8;
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32cBuf(bytes) >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** One TFRecord around `data` (used by tests and by anyone writing an event file). */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length, true);
  dv.setUint32(4, 0, true);
  dv.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  dv.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/** A summary value as far as it matters here (unset fields keep proto3's defaults: '', 0, empty). */
interface DecodedValue {
  tag: string;
  simpleValue?: number;
  tensor?: { dtype: number; content?: Uint8Array; floats: number[]; doubles: number[] };
  pluginName: string;
}

// Protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure).
const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

/**
 * Calls `field(number, wireType)` for each field of the message at the reader up to `end`; `field` reads the
 * value it wants and returns true, or returns false to have it skipped.
 */
function eachField(r: Reader, end: number, field: (id: number, wire: number) => boolean): void {
  if (end > r.len) throw new RangeError(`message length ${end - r.pos} runs past the record`);
  while (r.pos < end) {
    const tag = r.uint32();
    if (!field(tag >>> 3, tag & 7)) r.skipType(tag & 7);
  }
  if (r.pos !== end) throw new RangeError(`a field runs past its message (byte ${r.pos} of ${end})`);
}
const lenEnd = (r: Reader) => r.uint32() + r.pos;

/** `repeated float` / `repeated double`: packed (one LEN field, proto3's default) or one field per value. */
function repeated(r: Reader, wire: number, scalar: number, read: () => number, into: number[]): boolean {
  if (wire === scalar) into.push(read());
  else if (wire === LEN) eachPacked(r, lenEnd(r), read, into);
  else return false;
  return true;
}
function eachPacked(r: Reader, end: number, read: () => number, into: number[]): void {
  if (end > r.len) throw new RangeError(`packed field length ${end - r.pos} runs past the record`);
  while (r.pos < end) into.push(read());
}

function decodeTensor(r: Reader, end: number): NonNullable<DecodedValue['tensor']> {
  const t: NonNullable<DecodedValue['tensor']> = { dtype: 0, floats: [], doubles: [] };
  eachField(r, end, (id, wire) => {
    if (id === 1 && wire === VARINT) t.dtype = r.int32();
    else if (id === 4 && wire === LEN) t.content = r.bytes();
    else if (id === 5) return repeated(r, wire, I32, () => r.float(), t.floats);
    else if (id === 6) return repeated(r, wire, I64, () => r.double(), t.doubles);
    else return false;
    return true;
  });
  return t;
}

/** SummaryMetadata.plugin_data (1) → PluginData.plugin_name (1). */
function decodePluginName(r: Reader, end: number): string {
  let name = '';
  eachField(r, end, (id, wire) => {
    if (id !== 1 || wire !== LEN) return false;
    eachField(r, lenEnd(r), (id2, wire2) => {
      if (id2 !== 1 || wire2 !== LEN) return false;
      name = r.string();
      return true;
    });
    return true;
  });
  return name;
}

function decodeValue(r: Reader, end: number): DecodedValue {
  const v: DecodedValue = { tag: '', pluginName: '' };
  eachField(r, end, (id, wire) => {
    if (id === 1 && wire === LEN) v.tag = r.string();
    else if (id === 2 && wire === I32) v.simpleValue = r.float();
    else if (id === 8 && wire === LEN) v.tensor = decodeTensor(r, lenEnd(r));
    else if (id === 9 && wire === LEN) v.pluginName = decodePluginName(r, lenEnd(r));
    else return false;
    return true;
  });
  return v;
}

/** An Event's step (2) and its summary's (5) values (Summary.value = 1); a later summary field replaces one before. */
function decodeEvent(data: Uint8Array): { step: number; values: DecodedValue[] } {
  const r = new Reader(data);
  let step = 0;
  let values: DecodedValue[] = [];
  eachField(r, r.len, (id, wire) => {
    if (id === 2 && wire === VARINT) step = r.int64();
    else if (id === 5 && wire === LEN) {
      values = [];
      eachField(r, lenEnd(r), (id2, wire2) => {
        if (id2 !== 1 || wire2 !== LEN) return false;
        values.push(decodeValue(r, lenEnd(r)));
        return true;
      });
    } else return false;
    return true;
  });
  return { step, values };
}

function scalarOf(v: DecodedValue): number | null {
  if (v.simpleValue !== undefined) return v.simpleValue;
  const t = v.tensor;
  if (!t) return null;
  if (t.floats.length === 1) return t.floats[0];
  if (t.doubles.length === 1) return t.doubles[0];
  const c = t.content;
  if (c && t.dtype === 1 && c.length === 4) return new DataView(c.buffer, c.byteOffset, 4).getFloat32(0, true);
  if (c && t.dtype === 2 && c.length === 8) return new DataView(c.buffer, c.byteOffset, 8).getFloat64(0, true);
  return null;
}

/** Scalars of an event file as a table: `step` and one column per scalar tag; rows merged by step. */
export function readTensorboard(bytes: Uint8Array, file: string, opts: CsvLogOptions = {}): LogTable {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_LOG_ROWS;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byStep = new Map<number, Map<string, number>>();
  const firstRecord = new Map<number, number>();
  const tags: string[] = [];
  const notes: string[] = [];
  let pos = 0;
  let record = 0;
  let points = 0;
  while (pos < bytes.length) {
    record++;
    if (pos + 12 > bytes.length) {
      notes.push(`record ${record} is truncated (${bytes.length - pos} bytes at the end): skipped — the writer may still be appending`);
      break;
    }
    const hi = dv.getUint32(pos + 4, true);
    const len = dv.getUint32(pos, true);
    if (maskedCrc32c(bytes.subarray(pos, pos + 8)) !== dv.getUint32(pos + 8, true)) {
      throw new LogError(file, record, 1, `record ${record} (byte ${pos}): length CRC mismatch — not a TensorBoard event file (TFRecord), or corrupted`);
    }
    if (hi !== 0 || pos + 16 + len > bytes.length) {
      if (hi === 0 && pos + 16 + len > bytes.length) {
        notes.push(`record ${record} is truncated: skipped — the writer may still be appending`);
        break;
      }
      throw new LogError(file, record, 1, `record ${record} (byte ${pos}): length ${hi}·2^32 + ${len} is beyond the file`);
    }
    const data = bytes.subarray(pos + 12, pos + 12 + len);
    if (maskedCrc32c(data) !== dv.getUint32(pos + 12 + len, true)) {
      throw new LogError(file, record, 1, `record ${record} (byte ${pos}): data CRC mismatch — the event file is corrupted`);
    }
    pos += 16 + len;
    let ev: { step: number; values: DecodedValue[] };
    try {
      ev = decodeEvent(data);
    } catch (e) {
      throw new LogError(file, record, 1, `record ${record}: not an Event protobuf (${(e as Error).message})`);
    }
    const { step, values } = ev;
    if (!values.length) continue;
    for (const v of values) {
      const plugin = v.pluginName;
      if (plugin && plugin !== 'scalars') continue;
      const x = scalarOf(v);
      if (x === null || !v.tag) continue;
      if (!tags.includes(v.tag)) tags.push(v.tag);
      let row = byStep.get(step);
      if (!row) {
        row = new Map();
        byStep.set(step, row);
        firstRecord.set(step, record);
        if (++points > maxRows) throw new LogError(file, record, 1, `more than ${maxRows} logged steps: raise the limit (CLI: --max-rows)`);
      }
      row.set(v.tag, x);
    }
  }
  if (tags.length === 0) throw new LogError(file, 1, 1, `no scalar summaries in ${record} record${record === 1 ? '' : 's'}: expected tf.summary.scalar / SummaryWriter.add_scalar events`);
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  const headers = ['step', ...tags];
  const rows: Cell[][] = steps.map((s) => [s, ...tags.map((t) => byStep.get(s)!.get(t))]);
  const lines = steps.map((s) => firstRecord.get(s)!);
  notes.unshift(`TensorBoard event file: ${record} records, scalar tags ${tags.join(', ')}`);
  // TensorBoard's convention: the run is the directory holding the event file.
  const parts = file.split(/[\\/]/);
  const defaultRun = opts.defaultRun ?? (parts.length > 1 ? parts[parts.length - 2] : parts[0]);
  return { file, headers, rows, lines, defaultRun, config: {}, notes };
}

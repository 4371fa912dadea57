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
 * Decoding is protobufjs (only the fields used here are declared; the decoder skips the others: images,
 * histograms, graphs). CRCs are checked with crc-32's CRC32C; a bad CRC or a truncated record is an error
 * naming the record, except a truncated final record, which a writer still appending leaves — it is skipped
 * with a note (so a run in progress can be read).
 */
import protobuf from 'protobufjs/light';
import { buf as crc32cBuf } from 'crc-32/crc32c';
import { LogError, DEFAULT_MAX_LOG_ROWS } from './errors';
import type { Cell, LogTable } from './types';
import type { CsvLogOptions } from './csvLog';

const root = protobuf.Root.fromJSON({
  nested: {
    tb: {
      nested: {
        Event: { fields: { wall_time: { type: 'double', id: 1 }, step: { type: 'int64', id: 2 }, file_version: { type: 'string', id: 3 }, summary: { type: 'Summary', id: 5 } } },
        Summary: { fields: { value: { rule: 'repeated', type: 'Value', id: 1 } } },
        Value: {
          fields: {
            tag: { type: 'string', id: 1 },
            simple_value: { type: 'float', id: 2 },
            tensor: { type: 'TensorProto', id: 8 },
            metadata: { type: 'SummaryMetadata', id: 9 },
          },
        },
        SummaryMetadata: { fields: { plugin_data: { type: 'PluginData', id: 1 } } },
        PluginData: { fields: { plugin_name: { type: 'string', id: 1 } } },
        TensorProto: {
          fields: {
            dtype: { type: 'int32', id: 1 },
            tensor_content: { type: 'bytes', id: 4 },
            float_val: { rule: 'repeated', type: 'float', id: 5 },
            double_val: { rule: 'repeated', type: 'double', id: 6 },
          },
        },
      },
    },
  },
});
/** The protobufjs types, exported so tests write event files with the same schema. */
export const EventType = root.lookupType('tb.Event');

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

interface DecodedValue {
  tag?: string;
  simple_value?: number;
  tensor?: { dtype?: number; tensor_content?: Uint8Array; float_val?: number[]; double_val?: number[] };
  metadata?: { plugin_data?: { plugin_name?: string } };
}

function scalarOf(v: DecodedValue): number | null {
  // Decoded messages carry set fields as own properties; unset ones fall back to prototype defaults (0, null).
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (has(v, 'simple_value')) return v.simple_value!;
  const t = v.tensor;
  if (!t || !has(v, 'tensor')) return null;
  if (t.float_val?.length === 1) return t.float_val[0];
  if (t.double_val?.length === 1) return t.double_val[0];
  const c = t.tensor_content;
  if (c && (t.dtype ?? 1) === 1 && c.length === 4) return new DataView(c.buffer, c.byteOffset, 4).getFloat32(0, true);
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
    let ev: { step?: number | { toNumber(): number }; summary?: { value?: DecodedValue[] } };
    try {
      ev = EventType.decode(data) as unknown as typeof ev;
    } catch (e) {
      throw new LogError(file, record, 1, `record ${record}: not an Event protobuf (${(e as Error).message})`);
    }
    const values = ev.summary?.value ?? [];
    if (!values.length) continue;
    const step = typeof ev.step === 'object' && ev.step ? ev.step.toNumber() : Number(ev.step ?? 0);
    for (const v of values) {
      const plugin = v.metadata?.plugin_data?.plugin_name;
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

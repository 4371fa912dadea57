/** crc-32 ships types for its CRC-32 entry only; its CRC32C entry (crc-32/crc32c) has the same API. */
declare module 'crc-32/crc32c' {
  export const version: string;
  export function buf(data: number[] | Uint8Array, seed?: number): number;
  export function bstr(data: string, seed?: number): number;
  export function str(data: string, seed?: number): number;
}

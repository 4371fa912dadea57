/**
 * Bytes for vscode.workspace.fs.writeFile without Node's Buffer, which the web extension host does not have.
 */

/** UTF-8 bytes of a string. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The bytes of a base64 string (a PNG data URL's payload). */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

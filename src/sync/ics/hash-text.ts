/**
 * A short, stable, non-cryptographic hash (FNV-1a, 64 bits as two 32-bit halves) used to give
 * UID-less components an identity that survives re-imports of the same file.
 *
 * @example hashText('abc').length === 16
 */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 ^ 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

import { timingSafeEqual } from 'node:crypto';
import { sha256 } from '../../services/index.js';

/** SHA-256 of a secret, as lower-case hex: the only form in which secrets are stored. */
export const hashSecret = sha256;

/** Fingerprint for logs: the first 8 hex digits of the SHA-256. */
export function fingerprint(secret: string): string {
  return sha256(secret).slice(0, 8);
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

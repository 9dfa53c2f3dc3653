/** Encoders for the column conventions of db-schema.ts (flags as 0/1, nested values as JSON). */
import type { Flag } from '../db-schema.js';

export const toFlag = (value: boolean): Flag => (value ? 1 : 0);

export const fromFlag = (value: Flag): boolean => value === 1;

export const toJson = (value: unknown): string => JSON.stringify(value);

/** Parses a JSON column written by `toJson`; the store is its only writer, so the shape is trusted. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** A column that the row's kind guarantees to be set (a CHECK constraint enforces it). */
export function present<T>(value: T | null, column: string): T {
  if (value === null) throw new Error(`corrupt row: ${column} is null`);
  return value;
}

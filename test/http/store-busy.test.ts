/** A database locked by another process for too long answers 503 with Retry-After, not 500. */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/http/index.js';
import { errorToResponse } from '../../src/http/respond.js';
import { StoreBusyError } from '../../src/store/index.js';

describe('store busy', () => {
  it('maps StoreBusyError to 503 with Retry-After and the JSON error body', async () => {
    const res = errorToResponse(new StoreBusyError(30_000), silentLogger());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.error).toBe('service_unavailable');
    expect(typeof body.error_description).toBe('string');
    expect(body).not.toHaveProperty('errors');
  });
});

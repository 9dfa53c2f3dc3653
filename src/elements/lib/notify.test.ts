import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notification } from '../api.js';
import { Notifier, consoleThreshold } from './notify.js';

describe('notifications (§6.8)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('maps config.logs to a console threshold', () => {
    expect(consoleThreshold(undefined)).toBe(2);
    expect(consoleThreshold('warn')).toBe(2);
    expect(consoleThreshold('error')).toBe(3);
    expect(consoleThreshold('none')).toBe(Infinity);
    expect(consoleThreshold('all')).toBe(0);
  });

  it('sends every log to the callback whatever config.logs says, and filters the console only', () => {
    const got: Notification[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const n = new Notifier('Agenda View', 'https://x.example/docs', (x) => got.push(x), consoleThreshold('error'));
    n.log('info', 'a');
    n.log('warn', 'b', { x: ['y'] });
    expect(got).toEqual([
      { notification: { type: 'info', element: 'Agenda View', message: 'a', url: 'https://x.example/docs', errors: {} } },
      { notification: { type: 'warn', element: 'Agenda View', message: 'b', url: 'https://x.example/docs', errors: { x: ['y'] } } },
    ]);
    expect(warn).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
  });

  it('survives a throwing callback', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const n = new Notifier('Agenda View', 'u', () => {
      throw new Error('host bug');
    }, Infinity);
    expect(() => n.log('warn', 'x')).not.toThrow();
    expect(error).toHaveBeenCalledOnce();
  });
});

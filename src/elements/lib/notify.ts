/**
 * Notifications (PROTOCOL §6.8): every log line goes to the host callback; `config.logs`
 * filters the console only.
 */
import type { ElementDisplayName, LogLevel, Notification, NotificationCallback } from '../api.js';

const RANK: Record<LogLevel, number> = { log: 0, info: 1, warn: 2, error: 3 };

/**
 * The lowest level printed to the console for a `config.logs` value: `warn` by default,
 * `error`, `none` (nothing), anything else prints every level.
 */
export function consoleThreshold(logs: unknown): number {
  if (logs === undefined || logs === 'warn') return RANK.warn;
  if (logs === 'error') return RANK.error;
  if (logs === 'none') return Infinity;
  return RANK.log;
}

/** Sends log and element notifications of one element. */
export class Notifier {
  /**
   * @param element display name (`Agenda View`…)
   * @param url documentation URL carried by log notifications
   */
  constructor(
    readonly element: ElementDisplayName,
    readonly url: string,
    private readonly callback: NotificationCallback | undefined,
    private readonly threshold: number,
  ) {}

  /** Emits a log notification and prints it when `config.logs` allows. */
  log(type: LogLevel, message: string, errors: Record<string, unknown> = {}): void {
    if (RANK[type] >= this.threshold) {
      const extra = Object.keys(errors).length > 0 ? [errors] : [];
      console[type](`[${this.element}] ${message}`, ...extra);
    }
    this.emit({ notification: { type, element: this.element, message, url: this.url, errors } });
  }

  /** Sends any notification to the host callback; a throwing callback never breaks the element. */
  emit(n: Notification): void {
    if (!this.callback) return;
    try {
      this.callback(n);
    } catch (e) {
      console.error(e);
    }
  }
}

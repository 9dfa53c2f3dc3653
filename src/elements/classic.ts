/**
 * Classic-script entry (PROTOCOL §6.1): defines exactly one global, `CronofyElements`, and
 * nothing else. A second load replaces the global without throwing; elements mounted by the
 * first load keep working. Under CommonJS it sets `module.exports`; under AMD it calls
 * `define("CronofyElements", …)`.
 */
import CronofyElements from './index.js';

type AmdDefine = ((name: string, deps: string[], factory: () => unknown) => void) & { amd?: unknown };
declare const define: AmdDefine | undefined;

(globalThis as unknown as Record<string, unknown>).CronofyElements = CronofyElements;
if (typeof module === 'object' && module !== null && typeof module.exports === 'object') module.exports = CronofyElements;
else if (typeof define === 'function' && define.amd) define('CronofyElements', [], () => CronofyElements);

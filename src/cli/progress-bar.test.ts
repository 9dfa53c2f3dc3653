import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgress } from './progress-bar.js';

function fakeStream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (t: string) => (writes.push(t), true) } };
}

describe('renderProgress', () => {
  it.each([
    ['Reading', 0, 200, 80, 'Reading 0/200 [------------------------------]   0%'],
    ['Expanding', 100, 200, 80, 'Expanding 100/200 [###############---------------]  50%'],
    ['Storing', 20_000, 20_000, 80, 'Storing 20,000/20,000 [##############################] 100%'],
    ['Downloading', 5000, null, 80, 'Downloading 5,000'],
    ['Reading', 0, null, 80, 'Reading…'],
    ['Expanding', 1, 3, 27, 'Expanding 1/3 [##---]  33%'],
    ['Expanding', 1, 3, 20, 'Expanding 1/3  33%'],
    ['Expanding', 1, 3, 0, 'Expanding 1/3  33%'],
    ['Storing', 0, 0, 80, 'Storing 0/0'],
  ])('%s %d/%s in %d columns', (label, done, total, width, line) => {
    expect(renderProgress(label, done, total, width)).toBe(line);
    expect(line.length).toBeLessThan(Math.max(20, width));
  });
});

describe('createProgressBar', () => {
  it('assumes 80 columns when the terminal does not say', () => {
    const { stream, writes } = fakeStream(true, 0);
    createProgressBar(stream)!.update('Storing', 1, 2);
    expect(writes).toEqual(['\r\x1b[K' + renderProgress('Storing', 1, 2, 80)]);
  });

  it('draws nothing when the stream is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    expect(createProgressBar(stream)).toBeNull();
    expect(writes).toEqual([]);
  });

  it('redraws in place, throttled except on a new phase or completion, and clears at the end', () => {
    const { stream, writes } = fakeStream(true, 60);
    let now = 0;
    const bar = createProgressBar(stream, () => now)!;
    bar.update('Reading', 0, 10);
    bar.update('Reading', 5, 10); // within the interval: skipped
    bar.update('Reading', 10, 10); // complete: drawn
    now = 10;
    bar.update('Expanding', 1, 4); // new phase: drawn
    bar.update('Expanding', 2, 4); // skipped
    now = 200;
    bar.update('Expanding', 3, 4); // interval passed: drawn
    bar.finish();
    expect(writes).toEqual([
      '\r\x1b[K' + renderProgress('Reading', 0, 10, 60),
      '\r\x1b[K' + renderProgress('Reading', 10, 10, 60),
      '\r\x1b[K' + renderProgress('Expanding', 1, 4, 60),
      '\r\x1b[K' + renderProgress('Expanding', 3, 4, 60),
      '\r\x1b[K',
    ]);
  });
});

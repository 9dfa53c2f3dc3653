/**
 * Unfolding the whole text at once: offsets of the folds, and readIcs reading the unfolded text
 * exactly as it read folded lines one by one (values, physical line numbers and counts), in
 * the corners where a fold meets a CR or the end of the file.
 */
import { describe, expect, it } from 'vitest';
import { readIcs } from './read-ics.js';
import { unfoldIcs } from './unfold-ics.js';

const read = (text: string) => {
  const r = readIcs(text);
  const ev = r.root.children[0]!.children[0]!;
  return { lines: r.lines, problems: r.problems, line: ev.line, props: ev.props.map((p) => [p.name, p.value]) };
};

describe('unfoldIcs', () => {
  it('removes each break followed by a space or TAB, with one CR before it, and says where', () => {
    expect(unfoldIcs('SUMMARY:Lo\r\n ng\r\n\ttext\r\nUID:u\r\n')).toEqual({ text: 'SUMMARY:Long' + 'text\r\nUID:u\r\n', folds: [10, 12] });
    expect(unfoldIcs('A:b\r\r\n c')).toEqual({ text: 'A:b\rc', folds: [4] });
    expect(unfoldIcs('A:b\r\nC:d\r\n')).toEqual({ text: 'A:b\r\nC:d\r\n', folds: [] });
  });
});

describe('readIcs on folded text', () => {
  it('reads folded values and counts physical lines', () => {
    const text = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Lo\r\n ng\r\n\ttext\r\nUID:u\r\n\r\n \r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(read(text)).toEqual({ lines: 10, problems: [], line: 2, props: [['SUMMARY', 'Longtext'], ['UID', 'u']] });
  });

  it('keeps a CR that ends a line continued by an empty line, as each physical line loses only its own', () => {
    const text = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\r\r\n \nUID:u\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(read(text)).toEqual({ lines: 7, problems: [], line: 2, props: [['SUMMARY', 'a\r'], ['UID', 'u']] });
  });

  it('counts an empty last line that folds continue up to the end of the file', () => {
    const text = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n\r\n \r\n ';
    expect(read(text)).toEqual({ lines: 8, problems: [], line: 2, props: [['UID', 'u']] });
  });

  it('unfolds files that end lines with CR alone', () => {
    expect(read('BEGIN:VCALENDAR\rBEGIN:VEVENT\rSUMMARY:a\r b\rEND:VEVENT\rEND:VCALENDAR\r')).toEqual({ lines: 6, problems: [], line: 2, props: [['SUMMARY', 'ab']] });
  });
});

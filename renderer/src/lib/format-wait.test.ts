import { describe, expect, it } from 'vitest';
import { describeWait, formatWait, waitLevel } from './format-wait';

describe('formatWait', () => {
  it('shows minutes:seconds under an hour', () => {
    expect(formatWait(0)).toBe('0:00');
    expect(formatWait(42_000)).toBe('0:42');
    expect(formatWait(4 * 60_000 + 12_000)).toBe('4:12');
    expect(formatWait(59 * 60_000 + 59_999)).toBe('59:59');
  });

  it('shows hours and minutes, then days and hours', () => {
    expect(formatWait(3_600_000 + 5 * 60_000 + 30_000)).toBe('1 h 5 m');
    expect(formatWait(26 * 3_600_000)).toBe('1 d 2 h');
  });

  it('never shows a negative wait (clock skew)', () => {
    expect(formatWait(-5000)).toBe('0:00');
  });
});

describe('describeWait', () => {
  it('reads naturally', () => {
    expect(describeWait(1000)).toBe('1 second');
    expect(describeWait(4 * 60_000 + 12_000)).toBe('4 minutes 12 seconds');
    expect(describeWait(60_000)).toBe('1 minute');
    expect(describeWait(2 * 3_600_000 + 60_000)).toBe('2 hours 1 minute');
  });
});

describe('waitLevel', () => {
  it('turns amber after 2 minutes and red after 5', () => {
    expect(waitLevel(119_999)).toBe('ok');
    expect(waitLevel(120_000)).toBe('warn');
    expect(waitLevel(299_999)).toBe('warn');
    expect(waitLevel(300_000)).toBe('late');
  });
});

import { describe, expect, it } from 'vitest';
import { formatDuration, renderProgress } from './progress-bar';

describe('renderProgress', () => {
  it('shows the bar, counts, rate and ETA', () => {
    const line = renderProgress(2500, 10000, 5, 'shard 1/4', 10);
    expect(line.startsWith('███░░░░░░░ ')).toBe(true);
    expect(line).toContain(' 25% 2,500/10,000 rows');
    expect(line).toContain('500 rows/s');
    expect(line).toContain('ETA 00:15');
    expect(line).toContain('shard 1/4');
  });

  it('copes with nothing done yet and with empty totals', () => {
    expect(renderProgress(0, 100, 0)).toContain('ETA --:--');
    expect(renderProgress(0, 0, 1)).toContain('100%');
  });

  it('formats hours', () => {
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

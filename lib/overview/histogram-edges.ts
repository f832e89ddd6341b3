// Where a histogram's bars start and end: round numbers over the values' range, so a bar reads (and links) as a plain range.

/** Bars a histogram aims at: enough to see a shape, few enough to read each bar's range. */
export const TARGET_BARS = 20;

/**
 * Above this ratio of largest to smallest value, image sizes get bars that double (a LAION width runs from 32 to
 * 10,000 px, and equal bars would put nearly every image in the first one).
 */
const LADDER_RATIO = 10;

// Guards against float noise: (1 - 0) / 0.05 is 20.000000000000004.
const EPS = 1e-9;

/** The round step (1, 2, 2.5 or 5 times a power of ten; no 2.5 for whole numbers) nearest above `raw`. */
export function niceStep(raw: number, integer: boolean): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = steps.find((s) => s * power >= raw - EPS * power)! * power;
  return integer ? Math.max(1, Math.round(step)) : step;
}

// Digits a step needs, so 0.1 + 0.2 is written 0.3.
const round = (value: number, step: number) => Number(value.toFixed(Math.max(0, 2 - Math.floor(Math.log10(step)))));

/**
 * Edges e0 < e1 < … < en of n bars covering [min, max]: bar k is [e(k-1), ek), the last one closed so that the
 * largest value falls in it. Image sizes whose range spans more than a factor of ten step 16, 24, 32, 48, 64, …
 */
export function histogramEdges(min: number, max: number, integer: boolean): number[] {
  if (integer && max > LADDER_RATIO * Math.max(min, 1)) return ladderEdges(min, max);
  const step = niceStep((max - min) / TARGET_BARS, integer);
  const lo = round(Math.floor(min / step + EPS) * step, step);
  const bars = Math.max(1, Math.ceil((max - lo) / step - EPS));
  return Array.from({ length: bars + 1 }, (_, i) => round(lo + i * step, step));
}

/** 0, 1, 2, 3, 4, 6, 8, 12, 16, 24, …: powers of two and one and a half times them. */
function ladderEdges(min: number, max: number): number[] {
  const ladder = [0, 1];
  for (let p = 2; ladder[ladder.length - 1] <= max; p *= 2) ladder.push(p, p + p / 2);
  const first = ladder.findLastIndex((e) => e <= min);
  const last = ladder.findIndex((e) => e >= max);
  // The largest value on an edge still needs a bar that starts below it.
  return ladder.slice(first, Math.max(last, first + 1) + 1);
}

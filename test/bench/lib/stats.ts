/** The middle value (the upper middle for an even count): robust to one slow run on a busy machine. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no values');
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** Rounds to `digits` significant decimals for the JSON (keeps small times readable, large ones whole). */
export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** 1234567 -> "1,234,567". */
export const grouped = (x: number): string => Math.round(x).toLocaleString('en-US');

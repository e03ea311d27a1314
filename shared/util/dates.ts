/** Dates are ISO `yyyy-mm-dd` strings in the domain: no time zones, no clock of their own. */
export type IsoDate = string;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `yyyy-mm-dd` form (rejects 2025-02-30). */
export function isIsoDate(s: string): boolean {
  const m = isoDate.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Whole years between a birth date and `asOf` (the birthday counts on its day). */
export function ageOn(birthDate: IsoDate, asOf: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age -= 1;
  return age;
}

/** The date a person born on `birthDate` turns `years` (29 Feb birthdays turn on 1 Mar). */
export function birthdayAt(birthDate: IsoDate, years: number): IsoDate {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(by + years, bm - 1, bd));
  return dt.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const dt = new Date(`${date}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() + days);
  return dt.toISOString().slice(0, 10);
}

export function toIsoDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

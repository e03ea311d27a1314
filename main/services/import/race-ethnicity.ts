/**
 * The federal race/ethnicity summary (the seven reporting categories of the 2007 ED guidance)
 * derived from OneRoster's yes/no flags: Hispanic/Latino first, then two or more races, then the
 * single race. Stored in students.race_ethnicity so every input format ends up alike.
 */
export const raceCategories = {
  hispanic: 'Hispanic or Latino',
  aian: 'American Indian or Alaska Native',
  asian: 'Asian',
  black: 'Black or African American',
  nhpi: 'Native Hawaiian or Other Pacific Islander',
  white: 'White',
  twoOrMore: 'Two or more races',
} as const;

export interface RaceFlagValues {
  aian: number | null;
  asian: number | null;
  black: number | null;
  nhpi: number | null;
  white: number | null;
  twoOrMore: number | null;
  hispanic: number | null;
}

/** The summary category, or null when the source says nothing. */
export function raceSummary(f: RaceFlagValues): string | null {
  if (f.hispanic) return raceCategories.hispanic;
  const races = (f.aian ? 1 : 0) + (f.asian ? 1 : 0) + (f.black ? 1 : 0) + (f.nhpi ? 1 : 0) + (f.white ? 1 : 0);
  if (f.twoOrMore || races > 1) return raceCategories.twoOrMore;
  if (f.aian) return raceCategories.aian;
  if (f.asian) return raceCategories.asian;
  if (f.black) return raceCategories.black;
  if (f.nhpi) return raceCategories.nhpi;
  if (f.white) return raceCategories.white;
  return null;
}

/** Single-code exports: PowerSchool district codes and Infinite Campus raceEthnicityFed. */
export const powerSchoolRaceCodes: Record<string, string> = {
  H: raceCategories.hispanic, I: raceCategories.aian, A: raceCategories.asian, B: raceCategories.black,
  P: raceCategories.nhpi, W: raceCategories.white, M: raceCategories.twoOrMore,
};
export const infiniteCampusRaceCodes: Record<string, string> = {
  '1': raceCategories.hispanic, '2': raceCategories.aian, '3': raceCategories.asian, '4': raceCategories.black,
  '5': raceCategories.nhpi, '6': raceCategories.white, '7': raceCategories.twoOrMore,
};

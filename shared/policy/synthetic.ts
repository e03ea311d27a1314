import type { CatalogField } from '../catalog/types';
import { addDays, type IsoDate } from '../util/dates';
import type { CellValue } from './transforms';
import type { StudentValues } from './types';

/**
 * Reviewer mode: the preview's shape over synthetic values, so a legal reviewer sees what each
 * role would receive (columns, transforms, withheld cells and their reasons) without real PII.
 * Values are derived from the row index only (never from the student), deterministic, and
 * obviously fake ("Sample", "Reviewer" ...). The decisions stay the real ones.
 */
const first = ['Sample', 'Example', 'Test', 'Demo', 'Placeholder', 'Specimen', 'Model', 'Pattern'];
const last = ['Student', 'Learner', 'Pupil', 'Scholar', 'Reader', 'Writer', 'Thinker', 'Maker'];
const words = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];

/** A small integer mix of the row index, so neighbouring rows differ but stay reproducible. */
function mix(i: number, salt: number): number {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = (x ^ (x >>> 13)) >>> 0;
  return x;
}

function pick<T>(xs: readonly T[], i: number, salt: number): T {
  return xs[mix(i, salt) % xs.length]!;
}

function valueFor(f: CatalogField, i: number, asOf: IsoDate): CellValue {
  const n = mix(i, f.id.length);
  switch (f.id) {
    case 'student.localId': return `SAMPLE-${String(i + 1).padStart(6, '0')}`;
    case 'student.stateId': return `ST-SAMPLE-${String(i + 1).padStart(6, '0')}`;
    case 'student.firstName': return pick(first, i, 1);
    case 'student.lastName': return `${pick(last, i, 2)} ${i + 1}`;
    case 'student.birthDate': return addDays(asOf, -(6 * 365 + (n % (11 * 365))));
    case 'student.address': return `${100 + (n % 900)} Sample Street`;
    case 'student.city': return 'Sampleton';
    case 'student.postalCode': return `000${String(n % 100).padStart(2, '0')}`;
    case 'student.phone': case 'guardian.phone': return `555-01${String(n % 100).padStart(2, '0')}`;
    case 'student.email': return `sample${i + 1}@example.org`;
    case 'guardian.email': return `guardian${i + 1}@example.org`;
    case 'guardian.name': return `Sample Guardian ${i + 1}`;
    case 'guardian.id': return `SAMPLE-G-${String(i + 1).padStart(6, '0')}`;
    case 'student.school': return `Sample School ${1 + (n % 5)}`;
    case 'student.grade': return String(1 + (n % 12)).padStart(2, '0');
    case 'student.entryDate': return addDays(asOf, -(n % 2000));
    case 'indicator.mealEligibility': return pick(['free', 'reduced', 'none'], i, 3);
    case 'indicator.disability': return pick(['none', 'sample category A', 'sample category B'], i, 4);
    case 'indicator.healthAlert': return pick(['', 'sample alert'], i, 5) || null;
    case 'attendance.rate': return Math.round(800 + (n % 200)) / 10;
  }
  switch (f.valueType) {
    case 'boolean': return n % 5 === 0;
    case 'integer': return n % 100;
    case 'number': return Math.round(n % 400) / 100;
    case 'date': return addDays(asOf, -(n % 1000));
    case 'string': return `${pick(words, i, 6)} (sample)`;
  }
}

/** Synthetic raw values for row `rowIndex` (0-based), one per catalog field. */
export function syntheticValues(catalog: readonly CatalogField[], rowIndex: number, asOf: IsoDate): StudentValues {
  const out: Record<string, CellValue> = {};
  for (const f of catalog) out[f.id] = valueFor(f, rowIndex, asOf);
  return out;
}

/** The synthetic subject for pseudonyms in reviewer mode (never the real student id). */
export function syntheticStudentId(rowIndex: number): string {
  return `sample-${rowIndex + 1}`;
}

import { col, type CellValue } from './columns';
import { infiniteCampusRaceCodes } from './race-ethnicity';
import { normaliseGrade } from './roster-writer';
import type { WideGuardian, WideMapping } from './wide-export';

/**
 * An Infinite Campus Ad hoc Reporting export (Filter Designer, CSV format) of active students.
 * Field names may carry Ad hoc's `student.` prefix; it is ignored. Dates are MM/DD/YYYY.
 * personID is the student's key here and in supplementary files; studentNumber is the local id.
 */
export const infiniteCampusMapping: WideMapping = {
  file: 'students.csv',
  idColumn: 'personID',
  normaliseHeader: (name) => name.replace(/^student\./i, ''),
  specs: [
    col.id('personID'), col.text('studentNumber', 'value'), col.text('stateID'), col.text('lastName', 'value'), col.text('firstName', 'value'), col.text('middleName'),
    col.usDate('birthdate', 'column'), col.enum('gender', ['m', 'f', 'x']), col.code('raceEthnicityFed', Object.keys(infiniteCampusRaceCodes)),
    col.text('grade', 'value'), col.id('schoolNumber'), col.text('schoolName'), col.text('homeroom'), col.text('homeLanguage'), col.text('householdPhone'),
    col.text('addressLine1'), col.text('city'), col.text('state'), col.text('zip'), col.usDate('startDate'),
    col.text('guardian1FirstName'), col.text('guardian1LastName'), col.text('guardian1Relationship'), col.text('guardian1Phone'), col.text('guardian1Email'),
    col.text('guardian2FirstName'), col.text('guardian2LastName'), col.text('guardian2Relationship'), col.text('guardian2Phone'), col.text('guardian2Email'),
  ],
  toRow(v: CellValue[], at, state) {
    const s = (i: number) => (v[i] === null ? null : String(v[i]));
    const grade = normaliseGrade(String(v[9]));
    if (!grade) {
      state.issues.add({ file: at.file, line: at.line, column: 'grade', message: 'the value is not a grade (use K or KG, 1 ... 12, PK).' });
      return null;
    }
    const guardians: WideGuardian[] = [];
    for (const [k, base] of [[1, 20], [2, 25]] as const) {
      const first = s(base);
      const last = s(base + 1);
      if (!first && !last) continue;
      const relationship = (s(base + 2) ?? 'guardian').toLowerCase().replace(/-/g, '').trim() || 'guardian';
      guardians.push({ suffix: `g${k}`, first: first ?? last!, last: last ?? first!, relationship, phone: s(base + 3), email: s(base + 4) });
    }
    return {
      student: {
        id: String(v[0]), localId: String(v[1]).trim(), stateId: s(2), first: String(v[4]), middle: s(5), last: String(v[3]), birthDate: s(6),
        gender: v[7] === 'm' ? 'male' : v[7] === 'f' ? 'female' : v[7] === 'x' ? 'other' : null,
        race: v[8] ? infiniteCampusRaceCodes[String(v[8])]! : null, homeLanguage: s(13),
        address: s(15), city: s(16), state: s(17), postalCode: s(18), phone: s(14), email: null,
        grade, schoolId: String(v[10]), homeroom: s(12), entryDate: s(19), graduationYear: null,
      },
      schoolName: s(11),
      enrolled: true,
      guardians,
    };
  },
};

import { col, type CellValue } from './columns';
import { powerSchoolRaceCodes } from './race-ethnicity';
import { splitPersonName, type WideGuardian, type WideMapping } from './wide-export';

/**
 * A PowerSchool student export (System > Export Using Template, or Quick Export from the Students
 * table). Dates are MM/DD/YYYY as PowerSchool writes them; `[39]Name` is the school name pulled
 * from the Schools table. Student_Number is the student's key here and in supplementary files.
 */
export const powerSchoolMapping: WideMapping = {
  file: 'students.csv',
  idColumn: 'Student_Number',
  specs: [
    col.id('Student_Number'), col.text('State_StudentNumber'), col.text('First_Name', 'value'), col.text('Middle_Name'), col.text('Last_Name', 'value'),
    col.usDate('DOB', 'column'), col.enum('Gender', ['m', 'f', 'x']), col.code('Ethnicity', Object.keys(powerSchoolRaceCodes)),
    col.int('Grade_Level', 'value', -2, 12), col.id('SchoolID'), col.text('[39]Name'), col.text('Home_Room'),
    col.text('Street'), col.text('City'), col.text('State'), col.text('Zip'), col.text('Home_Phone'),
    col.text('Mother'), col.text('Mother_Day_Phone'), col.text('Father'), col.text('Father_Day_Phone'), col.text('Guardianemail'),
    col.usDate('EntryDate'), col.int('Sched_YearOfGraduation', 'optional', 1900, 2100), col.int('Enroll_Status', 'optional', -1, 4),
  ],
  toRow(v: CellValue[]) {
    const s = (i: number) => (v[i] === null ? null : String(v[i]));
    const grade = v[8] as number;
    const emails = (s(21) ?? '').split(/[;,]/).map((e) => e.trim()).filter(Boolean);
    const guardians: WideGuardian[] = [];
    const mother = splitPersonName(s(17) ?? '');
    const father = splitPersonName(s(19) ?? '');
    if (mother) guardians.push({ suffix: 'mother', ...mother, relationship: 'mother', phone: s(18) ?? s(16), email: emails[0] ?? null });
    if (father) guardians.push({ suffix: 'father', ...father, relationship: 'father', phone: s(20) ?? (mother ? null : s(16)), email: (mother ? emails[1] : emails[0]) ?? null });
    const id = String(v[0]);
    return {
      student: {
        id, localId: id, stateId: s(1), first: String(v[2]), middle: s(3), last: String(v[4]), birthDate: s(5),
        gender: v[6] === 'm' ? 'male' : v[6] === 'f' ? 'female' : v[6] === 'x' ? 'other' : null,
        race: v[7] ? powerSchoolRaceCodes[String(v[7])]! : null, homeLanguage: null,
        address: s(12), city: s(13), state: s(14), postalCode: s(15), phone: s(16), email: null,
        grade: grade < 0 ? 'PK' : grade === 0 ? 'KG' : String(grade).padStart(2, '0'), schoolId: String(v[9]), homeroom: s(11),
        entryDate: s(22), graduationYear: v[23] as number | null,
      },
      schoolName: s(10),
      enrolled: v[24] === null || v[24] === 0,
      guardians,
    };
  },
};


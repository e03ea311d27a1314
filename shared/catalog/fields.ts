import type { CatalogField, FieldId } from './types';

type Def = Omit<CatalogField, 'derivation' | 'regimes' | 'directoryEligible' | 'transforms'> & {
  source?: string;
  derived?: { from: string; rule: string };
  regimes?: CatalogField['regimes'];
  directoryEligible?: boolean;
  transforms?: CatalogField['transforms'];
};

function field(d: Def): CatalogField {
  const { source, derived, ...rest } = d;
  return {
    regimes: ['FERPA'],
    directoryEligible: false,
    transforms: ['asIs'],
    ...rest,
    derivation: derived ? { kind: 'derived', ...derived } : { kind: 'stored', source: source ?? d.id },
  };
}

/**
 * Every field Steward can share, in the order the preview and the export list them.
 * Adding a field here never shows it to anyone: grants are include-only (default deny).
 */
export const catalogFields: readonly CatalogField[] = [
  // Student identifiers
  field({ id: 'student.localId', label: 'Local student ID', category: 'Student identifiers', element: 'Local (school district) ID number', sensitivity: 'standard', valueType: 'string', source: 'students.local_id', transforms: ['asIs', 'pseudonym', 'mask'], description: 'The district student number. Prefer the pseudonymous ID: it lets the partner tell students apart without a key to district records.' }),
  field({ id: 'student.stateId', label: 'State student ID', category: 'Student identifiers', element: 'State ID number', sensitivity: 'standard', valueType: 'string', source: 'students.state_id', transforms: ['asIs', 'mask'], description: 'The state-assigned identifier; links across districts.' }),
  // Student name
  field({ id: 'student.firstName', label: 'First name', category: 'Student name', element: 'First and/or last', sensitivity: 'directory', valueType: 'string', source: 'students.first_name', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'Legal first name.' }),
  field({ id: 'student.lastName', label: 'Last name', category: 'Student name', element: 'First and/or last', sensitivity: 'directory', valueType: 'string', source: 'students.last_name', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'Legal last name.' }),
  // Demographics
  field({ id: 'student.birthDate', label: 'Date of birth', category: 'Demographics', element: 'Date of birth', sensitivity: 'directory', valueType: 'date', source: 'students.birth_date', directoryEligible: true, transforms: ['asIs', 'age', 'birthYear'], description: 'An indirect identifier (99.3). Age or birth year is usually enough.' }),
  field({ id: 'student.gender', label: 'Gender', category: 'Demographics', element: 'Gender', sensitivity: 'standard', valueType: 'string', source: 'students.gender', description: 'As recorded by the SIS.' }),
  field({ id: 'student.raceEthnicity', label: 'Race / ethnicity', category: 'Demographics', element: 'Ethnicity or race', sensitivity: 'sensitive', valueType: 'string', source: 'students.race_ethnicity', description: 'Federal reporting categories. Never directory information.' }),
  field({ id: 'student.homeLanguage', label: 'Home language', category: 'Demographics', element: 'Language information (native, or primary language spoken by student)', sensitivity: 'standard', valueType: 'string', source: 'students.home_language', description: 'Primary language spoken at home.' }),
  // Student contact
  field({ id: 'student.address', label: 'Street address', category: 'Student contact information', element: 'Address', sensitivity: 'directory', valueType: 'string', source: 'students.address_line', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'Home street address.' }),
  field({ id: 'student.city', label: 'City', category: 'Student contact information', element: 'Address', sensitivity: 'directory', valueType: 'string', source: 'students.city', directoryEligible: true, description: 'Home city.' }),
  field({ id: 'student.postalCode', label: 'ZIP code', category: 'Student contact information', element: 'Address', sensitivity: 'directory', valueType: 'string', source: 'students.postal_code', directoryEligible: true, transforms: ['asIs', 'zip3'], description: 'Home ZIP code; the first three digits are usually enough.' }),
  field({ id: 'student.phone', label: 'Student phone', category: 'Student contact information', element: 'Phone', sensitivity: 'directory', valueType: 'string', source: 'students.phone', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'Phone number on the student record.' }),
  field({ id: 'student.email', label: 'Student e-mail', category: 'Student contact information', element: 'Email', sensitivity: 'directory', valueType: 'string', source: 'students.email', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'District-issued e-mail address.' }),
  // Enrollment
  field({ id: 'student.school', label: 'School', category: 'Enrollment', element: 'School enrollment', sensitivity: 'directory', valueType: 'string', source: 'schools.name', directoryEligible: true, description: 'The school the student attends.' }),
  field({ id: 'student.grade', label: 'Grade level', category: 'Enrollment', element: 'Grade level', sensitivity: 'directory', valueType: 'string', source: 'students.grade', directoryEligible: true, description: 'Current grade (KG, 01 ... 12).' }),
  field({ id: 'student.homeroom', label: 'Homeroom', category: 'Enrollment', element: 'Homeroom', sensitivity: 'standard', valueType: 'string', source: 'students.homeroom', description: 'Homeroom or advisory.' }),
  field({ id: 'student.counselor', label: 'Guidance counselor', category: 'Enrollment', element: 'Guidance counselor', sensitivity: 'standard', valueType: 'string', source: 'students.counselor', description: 'Assigned counselor.' }),
  field({ id: 'student.entryDate', label: 'Enrollment date', category: 'Enrollment', element: 'Other enrollment information', sensitivity: 'directory', valueType: 'date', source: 'students.entry_date', directoryEligible: true, description: 'Dates of attendance are directory-eligible (99.3).' }),
  field({ id: 'student.graduationYear', label: 'Year of graduation', category: 'Enrollment', element: 'Year of graduation', sensitivity: 'directory', valueType: 'integer', source: 'students.graduation_year', directoryEligible: true, description: 'Expected graduation year.' }),
  // Parent/guardian
  field({ id: 'guardian.id', label: 'Guardian ID', category: 'Parent/guardian ID', element: 'Parent ID number (created to link parents to students)', sensitivity: 'standard', valueType: 'string', source: 'guardians.id (primary guardian)', transforms: ['asIs', 'pseudonym'], description: 'The primary guardian\'s record id.' }),
  field({ id: 'guardian.name', label: 'Guardian name', category: 'Parent/guardian name', element: 'First and/or last', sensitivity: 'directory', valueType: 'string', source: 'guardians.first_name, last_name (primary guardian)', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'Parents\' names are PII (99.3).' }),
  field({ id: 'guardian.relationship', label: 'Guardian relationship', category: 'Parent/guardian name', element: 'First and/or last', sensitivity: 'standard', valueType: 'string', source: 'student_guardians.relationship', description: 'Mother, father, guardian, foster parent ...' }),
  field({ id: 'guardian.phone', label: 'Guardian phone', category: 'Parent/guardian contact information', element: 'Phone', sensitivity: 'directory', valueType: 'string', source: 'guardians.phone (primary guardian)', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'Primary guardian\'s phone.' }),
  field({ id: 'guardian.email', label: 'Guardian e-mail', category: 'Parent/guardian contact information', element: 'Email', sensitivity: 'directory', valueType: 'string', source: 'guardians.email (primary guardian)', directoryEligible: true, transforms: ['asIs', 'mask'], description: 'Primary guardian\'s e-mail.' }),
  // Attendance (derived from attendance periods)
  field({ id: 'attendance.daysEnrolled', label: 'Days enrolled', category: 'Attendance', element: 'Student school (daily) attendance data', sensitivity: 'standard', valueType: 'integer', derived: { from: 'attendance', rule: 'sum of days enrolled over the school year' }, description: 'Instructional days the student was enrolled.' }),
  field({ id: 'attendance.daysAbsent', label: 'Days absent', category: 'Attendance', element: 'Student school (daily) attendance data', sensitivity: 'standard', valueType: 'integer', derived: { from: 'attendance', rule: 'excused + unexcused absences over the school year' }, description: 'All absences, excused or not.' }),
  field({ id: 'attendance.rate', label: 'Attendance rate', category: 'Attendance', element: 'Student school (daily) attendance data', sensitivity: 'standard', valueType: 'number', derived: { from: 'attendance', rule: 'days present / days enrolled, percent, one decimal' }, transforms: ['asIs', 'chronicFlag'], description: 'Share of enrolled days present. The chronic-absence flag is usually enough.' }),
  field({ id: 'attendance.chronicAbsence', label: 'Chronically absent', category: 'Attendance', element: 'Student school (daily) attendance data', sensitivity: 'standard', valueType: 'boolean', derived: { from: 'attendance', rule: 'absent on 10% or more of enrolled days' }, description: 'Yes when the student missed at least 10% of enrolled days.' }),
  // Transcript
  field({ id: 'transcript.gpa', label: 'GPA', category: 'Transcript', element: 'Student grades', sensitivity: 'sensitive', valueType: 'number', derived: { from: 'course_grades', rule: 'credit-weighted mean of grade points, two decimals' }, description: 'Cumulative grade point average.' }),
  field({ id: 'transcript.courseGrades', label: 'Course grades', category: 'Transcript', element: 'Student course grades/performance scores', sensitivity: 'sensitive', valueType: 'string', derived: { from: 'course_grades', rule: 'latest term: COURSE:LETTER, separated by semicolons' }, description: 'Letter grades of the latest term.' }),
  // Assessment
  field({ id: 'assessment.readingLevel', label: 'Reading performance level', category: 'Assessment', element: 'Standardized test scores', sensitivity: 'sensitive', valueType: 'string', derived: { from: 'assessments', rule: 'latest reading assessment performance level' }, description: 'Latest state reading assessment level.' }),
  field({ id: 'assessment.readingScore', label: 'Reading scale score', category: 'Assessment', element: 'Standardized test scores', sensitivity: 'sensitive', valueType: 'integer', derived: { from: 'assessments', rule: 'latest reading assessment scale score' }, description: 'Latest state reading scale score.' }),
  field({ id: 'assessment.mathLevel', label: 'Math performance level', category: 'Assessment', element: 'Standardized test scores', sensitivity: 'sensitive', valueType: 'string', derived: { from: 'assessments', rule: 'latest math assessment performance level' }, description: 'Latest state math assessment level.' }),
  field({ id: 'assessment.mathScore', label: 'Math scale score', category: 'Assessment', element: 'Standardized test scores', sensitivity: 'sensitive', valueType: 'integer', derived: { from: 'assessments', rule: 'latest math assessment scale score' }, description: 'Latest state math scale score.' }),
  // Conduct
  field({ id: 'conduct.incidentCount', label: 'Discipline incidents', category: 'Conduct', element: 'Conduct or behavioral data', sensitivity: 'sensitive', valueType: 'integer', derived: { from: 'discipline_incidents', rule: 'incidents this school year' }, description: 'Number of recorded incidents this school year.' }),
  // Special indicators
  field({ id: 'indicator.englishLearner', label: 'English learner', category: 'Special indicator', element: 'English language learner information', sensitivity: 'sensitive', valueType: 'boolean', source: 'student_indicators.english_learner', description: 'Currently identified as an English learner.' }),
  field({ id: 'indicator.mealEligibility', label: 'Meal eligibility', category: 'Special indicator', element: 'Low income status', sensitivity: 'restricted', regimes: ['FERPA', 'NSLA'], valueType: 'string', source: 'student_indicators.meal_eligibility', description: 'Free or reduced-price meal eligibility. Protected by the National School Lunch Act: consent needed for any nonprofit partner.' }),
  field({ id: 'indicator.iep', label: 'IEP', category: 'Special indicator', element: 'Specialized education services (IEP or 504)', sensitivity: 'restricted', regimes: ['FERPA', 'IDEA'], valueType: 'boolean', source: 'student_indicators.iep', description: 'Has an individualized education program. IDEA: consent needed; every outside access is logged.' }),
  field({ id: 'indicator.section504', label: '504 plan', category: 'Special indicator', element: 'Specialized education services (IEP or 504)', sensitivity: 'restricted', regimes: ['FERPA', 'SECTION_504'], valueType: 'boolean', source: 'student_indicators.section_504', description: 'Has a Section 504 accommodation plan.' }),
  field({ id: 'indicator.disability', label: 'Disability category', category: 'Special indicator', element: 'Student disability information', sensitivity: 'restricted', regimes: ['FERPA', 'IDEA'], valueType: 'string', source: 'student_indicators.disability', description: 'IDEA disability category, if any.' }),
  field({ id: 'indicator.homeless', label: 'Homeless (McKinney-Vento)', category: 'Special indicator', element: 'Living situations (homeless/foster care)', sensitivity: 'restricted', regimes: ['FERPA', 'MCKINNEY_VENTO'], valueType: 'boolean', source: 'student_indicators.homeless', description: 'Identified as homeless under McKinney-Vento; never directory information.' }),
  field({ id: 'indicator.fosterCare', label: 'Foster care', category: 'Special indicator', element: 'Living situations (homeless/foster care)', sensitivity: 'restricted', regimes: ['FERPA', 'FOSTER_CARE'], valueType: 'boolean', source: 'student_indicators.foster_care', description: 'In foster care; never directory information.' }),
  field({ id: 'indicator.healthAlert', label: 'Health alert', category: 'Special indicator', element: 'Medical alerts/health data', sensitivity: 'restricted', regimes: ['FERPA', 'HEALTH'], valueType: 'string', source: 'student_indicators.health_alert', description: 'Medical alert text (allergy, condition). State health-privacy law: consent needed.' }),
  // Program membership
  field({ id: 'programs.activities', label: 'Activities', category: 'Student program membership', element: 'Academic or extracurricular activities', sensitivity: 'directory', valueType: 'string', source: 'student_activities.activity', directoryEligible: true, description: 'School activities and sports (directory-eligible, 99.3).' }),
  // Survey responses (PPRA)
  field({ id: 'survey.wellbeing', label: 'Well-being survey responses', category: 'Student survey responses', element: 'Student responses to surveys or questionnaires', sensitivity: 'restricted', regimes: ['FERPA', 'PPRA'], valueType: 'string', source: 'survey_responses', description: 'Answers to the district climate survey, which touches PPRA-protected areas.' }),
  // Transportation
  field({ id: 'transport.busRoute', label: 'Bus route', category: 'Transportation', element: 'Student bus assignment', sensitivity: 'standard', valueType: 'string', source: 'student_transport.bus_route', description: 'Assigned bus route.' }),
  field({ id: 'transport.stopLocation', label: 'Bus stop', category: 'Transportation', element: 'Student pick up and/or drop off location', sensitivity: 'sensitive', valueType: 'string', source: 'student_transport.stop_location', transforms: ['asIs', 'mask'], description: 'Pick-up and drop-off location: reveals where a child waits.' }),
  field({ id: 'transport.busCardId', label: 'Bus card ID', category: 'Transportation', element: 'Student bus card ID number', sensitivity: 'standard', valueType: 'string', source: 'student_transport.bus_card_id', transforms: ['asIs', 'mask'], description: 'Transit card number.' }),
];

const byId = new Map(catalogFields.map((f) => [f.id, f]));

/** The field with this id, or undefined for an id the catalog does not know. */
export function findField(id: FieldId): CatalogField | undefined {
  return byId.get(id);
}

/** The field with this id; throws for an unknown id (a programming error, not user input). */
export function getField(id: FieldId): CatalogField {
  const f = byId.get(id);
  if (!f) throw new Error(`Unknown catalog field: ${id}`);
  return f;
}

/** Restricted fields need consent unless a rule in DOMAIN.md says otherwise. */
export function isRestricted(id: FieldId): boolean {
  return getField(id).sensitivity === 'restricted';
}

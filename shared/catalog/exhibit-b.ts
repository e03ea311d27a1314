/**
 * NDPA Exhibit B (schedule of data) categories, as the Student Data Privacy Consortium names
 * them. The field catalog is keyed to these so the agreement document and the transparency
 * report speak the district's contract language.
 */
export const exhibitBCategories = [
  'Application technology meta data',
  'Application use statistics',
  'Assessment',
  'Attendance',
  'Communications',
  'Conduct',
  'Demographics',
  'Enrollment',
  'Parent/guardian contact information',
  'Parent/guardian ID',
  'Parent/guardian name',
  'Schedule',
  'Special indicator',
  'Student contact information',
  'Student identifiers',
  'Student name',
  'Student in-app performance',
  'Student program membership',
  'Student survey responses',
  'Student work',
  'Transcript',
  'Transportation',
] as const;
export type ExhibitBCategory = (typeof exhibitBCategories)[number];

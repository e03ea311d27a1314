import type { LegalBasis } from '../agreement/types';

/**
 * notice.txt: what the partner may and must do with the records, in plain words. FERPA 99.33(a)
 * makes the district tell a recipient that it may not redisclose; the agreement's destroy-by
 * date and the way to report destruction are repeated so nobody has to find the contract.
 * Pure: the export passes every value in.
 */
export interface NoticeInput {
  districtName: string;
  partnerName: string;
  agreementTitle: string;
  agreementId: string;
  agreementVersion: number;
  roleLabel: string;
  purpose: string;
  legalBasis: LegalBasis;
  /** yyyy-mm-dd */
  destroyBy: string;
  /** yyyy-mm-dd: the import deadline (time.expires). */
  importBy: string;
  recordCount: number;
  revocationCount: number;
}

const basisWords: Record<LegalBasis, string> = {
  consent: 'with the written consent of each student\'s parent or the eligible student (34 CFR 99.30)',
  'school-official': 'to you as a school official with a legitimate educational interest (34 CFR 99.31(a)(1))',
  studies: 'for a study on behalf of the district (34 CFR 99.31(a)(6))',
  'audit-evaluation': 'for an audit or evaluation of an education program (34 CFR 99.31(a)(3), 99.35)',
  directory: 'as directory information the district designated in its annual notice (34 CFR 99.31(a)(11), 99.37)',
};

/** The notice as text with CRLF line ends (it opens cleanly in Notepad and TextEdit alike). */
export function packageNotice(n: NoticeInput): string {
  const lines = [
    `NOTICE FROM ${n.districtName.toUpperCase()} ABOUT THESE STUDENT RECORDS`,
    '',
    `These ${n.recordCount} student record(s) are sent to ${n.partnerName} under the agreement "${n.agreementTitle}"`,
    `(${n.agreementId}, version ${n.agreementVersion}), for the role "${n.roleLabel}", ${basisWords[n.legalBasis]}.`,
    '',
    'WHAT YOU MAY DO',
    `Use the records only for this purpose: ${n.purpose}`,
    'Only the people in the role named above may see them.',
    '',
    'WHAT YOU MAY NOT DO (34 CFR 99.33(a))',
    'You may not give, show or send these records, or any information taken from them, to anyone',
    'else without the prior written consent of the parent or eligible student, except as the agreement',
    'and federal law allow. A party that rediscloses may be barred from receiving student records',
    'from the district for at least five years (34 CFR 99.33(e)).',
    '',
    'DESTRUCTION',
    `Destroy every copy of these records, including printouts and copies in other systems, by ${n.destroyBy},`,
    'or earlier when you no longer need them for the purpose above. Steward deletes the records from',
    'its partner workspace on that date and produces a signed destruction certificate: send it to the',
    'district. If you copied records elsewhere, destroy those copies too before you sign.',
    '',
    'REVOCATIONS',
    n.revocationCount === 0
      ? 'This package asks you to delete no earlier records.'
      : `revocations.json lists ${n.revocationCount} student(s) whose earlier records you must delete now (consent withdrawn).`,
    'Steward applies it when you import the package; delete any other copies of those students\' records as well.',
    '',
    `This package can be imported until ${n.importBy}.`,
    '',
  ];
  return lines.join('\r\n');
}

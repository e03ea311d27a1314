import type { LegalBasis } from '../agreement/types';
import type { IsoDate } from '../util/dates';
import type { Lang } from './field-labels';

const months: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
};

/** "September 15, 2026" / "15 de septiembre de 2026": no Intl, so output never depends on the host. */
export function longDate(d: IsoDate, lang: Lang): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const month = months[lang][m - 1] ?? '?';
  return lang === 'es' ? `${day} de ${month} de ${y}` : `${month} ${day}, ${y}`;
}

/** The words of the parent report. Free text from agreements (purpose, interest) stays as written. */
export interface ParentReportText {
  title: (child: string) => string;
  intro: string;
  studentId: string;
  school: string;
  preparedOn: (date: string) => string;
  summary: (child: string, times: number, orgs: number) => string;
  none: (child: string) => string;
  sharedWith: string;
  staffRole: string;
  dateShared: string;
  why: string;
  whyNeeded: string;
  legalBasis: string;
  information: string;
  keepUntil: string;
  status: string;
  heldUntil: (date: string) => string;
  overdue: (date: string) => string;
  destroyed: (date: string, method: string, signer: string) => string;
  partlyDestroyed: (date: string, categories: string) => string;
  allCategories: string;
  required: string;
  voluntary: string;
  idea: (fields: string) => string;
  reference: (pkg: string, agreement: string, version: number) => string;
  agreementLanguage: string;
  questions: (contact: string) => string;
  complaint: string;
  basis: Record<LegalBasis, string>;
}

export const parentReportText: Record<Lang, ParentReportText> = {
  en: {
    title: (c) => `Who has received ${c}'s information`,
    intro: 'The school district keeps a record each time it shares your child’s education records with an organization outside the district. Federal law (the Family Educational Rights and Privacy Act, FERPA, 34 CFR 99.32) gives you the right to see this record. This report lists every time the district shared information about your child, including the times the law did not require a record.',
    studentId: 'Student ID',
    school: 'School',
    preparedOn: (d) => `Prepared on ${d}`,
    summary: (c, n, m) => `The district shared ${c}'s information ${n === 1 ? 'once' : `${n} times`}, with ${m === 1 ? 'one organization' : `${m} organizations`}.`,
    none: (c) => `The district has no record of sharing ${c}'s information with any organization outside the district.`,
    sharedWith: 'Shared with',
    staffRole: 'staff role',
    dateShared: 'Date shared',
    why: 'Why it was shared',
    whyNeeded: 'Why they needed it',
    legalBasis: 'What allowed it',
    information: 'Information shared',
    keepUntil: 'They may keep it until',
    status: 'Has it been destroyed?',
    heldUntil: (d) => `Not yet. The organization must destroy it by ${d}.`,
    overdue: (d) => `The date to destroy it (${d}) has passed, and the district has not yet received proof that it was destroyed.`,
    destroyed: (d, m, s) => `Yes, destroyed on ${d} (${m}; certificate signed by ${s}).`,
    partlyDestroyed: (d, c) => `In part: ${c} destroyed on ${d}. The organization still holds the rest.`,
    allCategories: 'all of it',
    required: 'Federal law requires the district to keep this record (34 CFR 99.32).',
    voluntary: 'Recorded voluntarily: the law does not require a record of this kind of sharing, but the district keeps one.',
    idea: (f) => `Includes special education information (${f}). Federal law (IDEA, 34 CFR 300.614) requires the district to record every time an outside organization receives it.`,
    reference: (p, a, v) => `Reference: package ${p}, agreement ${a}, version ${v}`,
    agreementLanguage: '',
    questions: (c) => `Questions about this report? Contact ${c}.`,
    complaint: 'If you believe your child’s information was shared in a way the law does not allow, you may file a complaint with the U.S. Department of Education, Student Privacy Policy Office.',
    basis: {
      'school-official': 'The organization does work for the school, under the district’s direct control, that district staff would otherwise do (a “school official”).',
      consent: 'You (or your child, once 18) gave written permission.',
      directory: 'Directory information: details the district announced it may share, such as name and grade. You had not asked the district to keep them private.',
      studies: 'A study for the schools, to improve teaching, develop tests or run student aid, under a written agreement.',
      'audit-evaluation': 'An audit or evaluation of a federal- or state-funded education program, under a written agreement.',
    },
  },
  es: {
    title: (c) => `¿Quién ha recibido la información de ${c}?`,
    intro: 'El distrito escolar lleva un registro cada vez que comparte los expedientes educativos de su hijo o hija con una organización ajena al distrito. La ley federal (Ley de Derechos Educativos y Privacidad de la Familia, FERPA, 34 CFR 99.32) le da derecho a ver este registro. Este informe incluye todas las veces que el distrito compartió información de su hijo o hija, incluso aquellas en las que la ley no exige llevar un registro.',
    studentId: 'Número de estudiante',
    school: 'Escuela',
    preparedOn: (d) => `Preparado el ${d}`,
    summary: (c, n, m) => `El distrito compartió la información de ${c} ${n === 1 ? 'una vez' : `${n} veces`}, con ${m === 1 ? 'una organización' : `${m} organizaciones`}.`,
    none: (c) => `El distrito no tiene registro de haber compartido la información de ${c} con ninguna organización ajena al distrito.`,
    sharedWith: 'Compartida con',
    staffRole: 'función del personal',
    dateShared: 'Fecha en que se compartió',
    why: 'Motivo',
    whyNeeded: 'Por qué la necesitaban',
    legalBasis: 'Qué lo permitió',
    information: 'Información compartida',
    keepUntil: 'Pueden conservarla hasta',
    status: '¿Ya se destruyó?',
    heldUntil: (d) => `Todavía no. La organización debe destruirla a más tardar el ${d}.`,
    overdue: (d) => `La fecha para destruirla (${d}) ya pasó, y el distrito todavía no ha recibido constancia de que se haya destruido.`,
    destroyed: (d, m, s) => `Sí, se destruyó el ${d} (${m}; certificado firmado por ${s}).`,
    partlyDestroyed: (d, c) => `En parte: el ${d} se destruyó lo siguiente: ${c}. La organización todavía conserva el resto.`,
    allCategories: 'toda la información',
    required: 'La ley federal exige que el distrito lleve este registro (34 CFR 99.32).',
    voluntary: 'Registro voluntario: la ley no exige registrar este tipo de divulgación, pero el distrito lo hace.',
    idea: (f) => `Incluye información de educación especial (${f}). La ley federal (IDEA, 34 CFR 300.614) exige que el distrito registre cada vez que una organización externa la recibe.`,
    reference: (p, a, v) => `Referencia: paquete ${p}, acuerdo ${a}, versión ${v}`,
    agreementLanguage: '(texto del acuerdo, en inglés)',
    questions: (c) => `¿Tiene preguntas sobre este informe? Comuníquese con ${c}.`,
    complaint: 'Si cree que la información de su hijo o hija se compartió de una manera que la ley no permite, puede presentar una queja ante la Oficina de Políticas de Privacidad Estudiantil (Student Privacy Policy Office) del Departamento de Educación de los Estados Unidos.',
    basis: {
      'school-official': 'La organización realiza para la escuela, bajo el control directo del distrito, un trabajo que de otro modo haría el personal del distrito (un “funcionario escolar”).',
      consent: 'Usted (o su hijo o hija, al cumplir 18 años) dio su permiso por escrito.',
      directory: 'Información de directorio: datos que el distrito anunció que puede compartir, como el nombre y el grado. Usted no había pedido al distrito que los mantuviera en privado.',
      studies: 'Un estudio para las escuelas, con el fin de mejorar la enseñanza, elaborar pruebas o administrar ayuda estudiantil, bajo un acuerdo por escrito.',
      'audit-evaluation': 'Una auditoría o evaluación de un programa educativo financiado por el gobierno federal o estatal, bajo un acuerdo por escrito.',
    },
  },
};

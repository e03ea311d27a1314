import type { ExhibitBCategory } from '../catalog/exhibit-b';
import type { TransformKind } from '../catalog/types';

/** Languages the consent request form is printed in. */
export type FormLanguage = 'en' | 'es';

/** Every sentence of the form, per language. `{partner}`, `{district}`, `{date}` are filled in. */
export interface FormText {
  lang: string;
  title: string;
  intro: string;
  student: string;
  studentId: string;
  school: string;
  grade: string;
  recipient: string;
  agreement: string;
  purpose: string;
  purposeSourceNote: string;
  records: string;
  recordsIntro: string;
  role: string;
  category: string;
  record: string;
  sharedAs: string;
  duration: string;
  durationText: string;
  rights: string;
  rightRefuse: string;
  rightRevoke: string;
  rightCopy: string;
  redisclosure: string;
  whoSigns: string;
  whoSignsText: string;
  signerParent: string;
  signerStudent: string;
  decision: string;
  consentYes: string;
  consentNo: string;
  signature: string;
  printedName: string;
  relationship: string;
  date: string;
  reference: string;
  returnTo: string;
  months: string[];
  formatDate(day: number, month: string, year: number): string;
}

export const formText: Record<FormLanguage, FormText> = {
  en: {
    lang: 'en',
    title: 'Consent to share student education records',
    intro: '{district} asks for your written consent before sharing the records listed below with {partner}. Federal law requires this consent (Family Educational Rights and Privacy Act, FERPA, 34 CFR 99.30).',
    student: 'Student', studentId: 'Student ID', school: 'School', grade: 'Grade',
    recipient: 'Who would receive the records', agreement: 'Agreement',
    purpose: 'Purpose', purposeSourceNote: '',
    records: 'Records that would be shared',
    recordsIntro: 'Each role at {partner} would receive only the records listed under it, and nothing else.',
    role: 'Role', category: 'Category (NDPA Exhibit B)', record: 'Record', sharedAs: 'Shared as',
    duration: 'How long',
    durationText: 'If you consent, these records may be shared from the date you sign until {date}, unless you revoke your consent earlier.',
    rights: 'Your rights',
    rightRefuse: 'You may refuse. Signing is voluntary; refusing does not affect your child\'s enrollment or the services the school provides.',
    rightRevoke: 'You may revoke this consent at any time by writing to the district. Revocation stops sharing from the date we receive it; it does not undo sharing that already took place.',
    rightCopy: 'You may ask for a copy of the records that were shared.',
    redisclosure: '{partner} may use the records only for the purpose above and may not pass them on to anyone else (34 CFR 99.33).',
    whoSigns: 'Who signs',
    whoSignsText: 'A parent or legal guardian signs for a student under 18. A student who is 18 or older signs for themself; from the 18th birthday a parent\'s consent no longer applies (34 CFR 99.5).',
    signerParent: 'This form must be signed by a parent or guardian.',
    signerStudent: 'This student is 18 or older: the student signs this form.',
    decision: 'Your decision (check one)',
    consentYes: 'I consent to sharing the records listed above for the purpose stated.',
    consentNo: 'I do not consent.',
    signature: 'Signature', printedName: 'Printed name', relationship: 'Relationship to student', date: 'Date',
    reference: 'Form reference', returnTo: 'Please return this form to the school office.',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    formatDate: (d, m, y) => `${m} ${d}, ${y}`,
  },
  es: {
    lang: 'es',
    title: 'Consentimiento para compartir expedientes educativos del estudiante',
    intro: '{district} solicita su consentimiento por escrito antes de compartir con {partner} los expedientes que se indican a continuación. La ley federal exige este consentimiento (Ley de Derechos Educativos y Privacidad de la Familia, FERPA, 34 CFR 99.30).',
    student: 'Estudiante', studentId: 'Número de estudiante', school: 'Escuela', grade: 'Grado',
    recipient: 'Quién recibiría los expedientes', agreement: 'Acuerdo',
    purpose: 'Propósito', purposeSourceNote: '(texto del acuerdo, en su idioma original)',
    records: 'Expedientes que se compartirían',
    recordsIntro: 'Cada función dentro de {partner} recibiría únicamente los expedientes indicados en su lista, y nada más.',
    role: 'Función', category: 'Categoría (Anexo B del NDPA)', record: 'Dato', sharedAs: 'Se comparte como',
    duration: 'Vigencia',
    durationText: 'Si usted da su consentimiento, estos expedientes podrán compartirse desde la fecha de su firma hasta el {date}, a menos que usted lo revoque antes.',
    rights: 'Sus derechos',
    rightRefuse: 'Usted puede negarse. Firmar es voluntario; negarse no afecta la matrícula de su hijo o hija ni los servicios que ofrece la escuela.',
    rightRevoke: 'Usted puede revocar este consentimiento en cualquier momento mediante un aviso por escrito al distrito. La revocación detiene el intercambio de datos a partir de la fecha en que la recibamos; no anula lo que ya se haya compartido.',
    rightCopy: 'Usted puede solicitar una copia de los expedientes que se compartieron.',
    redisclosure: '{partner} solo podrá usar los expedientes para el propósito indicado y no podrá entregarlos a ninguna otra persona u organización (34 CFR 99.33).',
    whoSigns: 'Quién firma',
    whoSignsText: 'El padre, la madre o el tutor legal firma por un estudiante menor de 18 años. Un estudiante de 18 años o más firma por sí mismo; a partir de su cumpleaños número 18, el consentimiento de los padres deja de tener validez (34 CFR 99.5).',
    signerParent: 'Este formulario debe firmarlo el padre, la madre o el tutor legal.',
    signerStudent: 'Este estudiante tiene 18 años o más: el propio estudiante firma este formulario.',
    decision: 'Su decisión (marque una opción)',
    consentYes: 'Doy mi consentimiento para que se compartan los expedientes indicados arriba con el propósito señalado.',
    consentNo: 'No doy mi consentimiento.',
    signature: 'Firma', printedName: 'Nombre en letra de molde', relationship: 'Parentesco con el estudiante', date: 'Fecha',
    reference: 'Referencia del formulario', returnTo: 'Por favor, devuelva este formulario a la oficina de la escuela.',
    months: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
    formatDate: (d, m, y) => `${d} de ${m} de ${y}`,
  },
};

/** Exhibit B category names in Spanish (the English names are the catalog's). */
export const categoryEs: Record<ExhibitBCategory, string> = {
  'Application technology meta data': 'Metadatos de tecnología de la aplicación',
  'Application use statistics': 'Estadísticas de uso de la aplicación',
  Assessment: 'Evaluaciones',
  Attendance: 'Asistencia',
  Communications: 'Comunicaciones',
  Conduct: 'Conducta',
  Demographics: 'Datos demográficos',
  Enrollment: 'Matrícula',
  'Parent/guardian contact information': 'Información de contacto de los padres o tutores',
  'Parent/guardian ID': 'Identificación de los padres o tutores',
  'Parent/guardian name': 'Nombre de los padres o tutores',
  Schedule: 'Horario',
  'Special indicator': 'Indicadores especiales',
  'Student contact information': 'Información de contacto del estudiante',
  'Student identifiers': 'Identificadores del estudiante',
  'Student name': 'Nombre del estudiante',
  'Student in-app performance': 'Desempeño del estudiante en la aplicación',
  'Student program membership': 'Participación del estudiante en programas',
  'Student survey responses': 'Respuestas del estudiante a encuestas',
  'Student work': 'Trabajos del estudiante',
  Transcript: 'Expediente académico',
  Transportation: 'Transporte',
};

/** Catalog field labels in Spanish; a field missing here prints its English label (a test keeps this complete). */
export const fieldLabelEs: Record<string, string> = {
  'student.localId': 'Número de estudiante del distrito',
  'student.stateId': 'Número de estudiante del estado',
  'student.firstName': 'Nombre',
  'student.lastName': 'Apellido',
  'student.birthDate': 'Fecha de nacimiento',
  'student.gender': 'Género',
  'student.raceEthnicity': 'Raza u origen étnico',
  'student.homeLanguage': 'Idioma del hogar',
  'student.address': 'Dirección',
  'student.city': 'Ciudad',
  'student.postalCode': 'Código postal',
  'student.phone': 'Teléfono del estudiante',
  'student.email': 'Correo electrónico del estudiante',
  'student.school': 'Escuela',
  'student.grade': 'Grado escolar',
  'student.homeroom': 'Salón hogar (homeroom)',
  'student.counselor': 'Consejero escolar',
  'student.entryDate': 'Fecha de inscripción',
  'student.graduationYear': 'Año de graduación',
  'guardian.id': 'Número de identificación del padre, la madre o el tutor',
  'guardian.name': 'Nombre del padre, la madre o el tutor',
  'guardian.relationship': 'Parentesco del tutor con el estudiante',
  'guardian.phone': 'Teléfono del padre, la madre o el tutor',
  'guardian.email': 'Correo electrónico del padre, la madre o el tutor',
  'attendance.daysEnrolled': 'Días de inscripción',
  'attendance.daysAbsent': 'Días de ausencia',
  'attendance.rate': 'Porcentaje de asistencia',
  'attendance.chronicAbsence': 'Ausentismo crónico',
  'transcript.gpa': 'Promedio de calificaciones (GPA)',
  'transcript.courseGrades': 'Calificaciones de los cursos',
  'assessment.readingLevel': 'Nivel de desempeño en lectura',
  'assessment.readingScore': 'Puntuación en lectura',
  'assessment.mathLevel': 'Nivel de desempeño en matemáticas',
  'assessment.mathScore': 'Puntuación en matemáticas',
  'conduct.incidentCount': 'Incidentes disciplinarios',
  'indicator.englishLearner': 'Estudiante que aprende inglés',
  'indicator.mealEligibility': 'Elegibilidad para comidas gratuitas o a precio reducido',
  'indicator.iep': 'Programa de educación individualizado (IEP)',
  'indicator.section504': 'Plan de la Sección 504',
  'indicator.disability': 'Categoría de discapacidad',
  'indicator.homeless': 'Situación de falta de vivienda (McKinney-Vento)',
  'indicator.fosterCare': 'Cuidado de crianza temporal',
  'indicator.healthAlert': 'Alerta médica',
  'programs.activities': 'Actividades',
  'survey.wellbeing': 'Respuestas a la encuesta de bienestar',
  'transport.busRoute': 'Ruta de autobús',
  'transport.stopLocation': 'Parada de autobús',
  'transport.busCardId': 'Número de tarjeta de autobús',
};

/** How a transformed field reaches the partner, in plain words. */
export const transformText: Record<FormLanguage, Record<TransformKind, string>> = {
  en: {
    asIs: 'as recorded', age: 'age in years only', birthYear: 'year of birth only', zip3: 'first three digits of the ZIP code only',
    chronicFlag: 'yes/no: chronically absent', mask: 'partly hidden', pseudonym: 'a code instead of the number',
  },
  es: {
    asIs: 'tal como consta', age: 'solo la edad en años', birthYear: 'solo el año de nacimiento', zip3: 'solo los tres primeros dígitos del código postal',
    chronicFlag: 'sí o no: ausentismo crónico', mask: 'parcialmente oculto', pseudonym: 'un código en lugar del número',
  },
};

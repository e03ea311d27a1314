import type { AgreementStatus, LegalBasis } from '../../../../shared/agreement/types';
import type { TransformKind } from '../../../../shared/catalog/types';

/** Short names for the screens; the full wording with its rule comes from catalog-list (basisLabels). */
export const basisShortLabels: Record<LegalBasis, string> = {
  consent: 'Consent',
  'school-official': 'School official',
  studies: 'Studies',
  'audit-evaluation': 'Audit or evaluation',
  directory: 'Directory information',
};

export const statusLabels: Record<AgreementStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  active: 'Active',
  expired: 'Expired',
  terminated: 'Terminated',
};

/** What each status means for data flowing, in one line (shown beside the badge). */
export const statusMeaning: Record<AgreementStatus, string> = {
  draft: 'Being written. Nothing flows under it.',
  'in-review': 'Waiting for the legal reviewer. Nothing flows under it yet.',
  approved: 'Approved by the reviewer. Data flows once it is put in force.',
  active: 'In force: packages for its roles may be exported.',
  expired: 'Past its term. Nothing flows under it.',
  terminated: 'Ended. Nothing flows under it.',
};

export const transformShortLabels: Record<TransformKind, string> = {
  asIs: 'As is',
  age: 'Age in years',
  birthYear: 'Birth year',
  zip3: '3-digit ZIP',
  chronicFlag: 'Chronic-absence flag',
  mask: 'Masked',
  pseudonym: 'Pseudonymous ID',
};

export const partnerKindLabels: Record<string, string> = {
  tutoring: 'Tutoring',
  mentoring: 'Mentoring',
  meals: 'Meals',
  clinic: 'Clinic',
  'case-management': 'Case management',
  'victim-services': 'Victim services',
  research: 'Research',
  evaluation: 'Evaluation',
  other: 'Other',
};

export const gradeLabels: { code: string; label: string }[] = [
  { code: 'PK', label: 'Pre-K' },
  { code: 'KG', label: 'K' },
  ...Array.from({ length: 13 }, (_, i) => {
    const code = String(i + 1).padStart(2, '0');
    return { code, label: String(i + 1) };
  }),
];

const count = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => count.format(n);
export const plural = (n: number, one: string, many = `${one}s`) => `${count.format(n)} ${n === 1 ? one : many}`;

/** '2026-09-15' -> 'Sep 15, 2026' (a date without a time zone stays that day). */
export function longDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** An ISO timestamp in the reader's local time. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A lower-case slug from words: 'Site coordinator' -> 'site-coordinator'. */
export function slugify(s: string, max = 60): string {
  return s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '');
}

/** Today in the reader's calendar, yyyy-mm-dd. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

import type { CatalogField } from '../catalog/types';
import type { DirectoryDesignation } from '../consent/types';
import { isIsoDate } from '../util/dates';
import { basisLabels, basisRequirements } from './requirements';
import { legalBases, type AgreementContent } from './types';

/** One missing or invalid element: where in the agreement, what is wrong, and the rule it comes from. */
export interface CompletenessIssue {
  /** JSON-path-like location, e.g. `basisElements.studyScope`, `roles[0].fields[2].transform`. */
  path: string;
  message: string;
  rule: string;
}

/** What the check needs to know about the district (all optional lists: null skips that check). */
export interface CompletenessContext {
  catalog: readonly CatalogField[];
  designation: DirectoryDesignation;
  /** Programs in the store, with the partner running each. */
  programs: readonly { id: string; partnerId: string }[] | null;
  schoolIds: readonly string[] | null;
  partnerIds: readonly string[] | null;
}

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const gradePattern = /^(?:PK|KG|0[1-9]|1[0-3])$/;
const R = {
  agreement: 'Steward: an agreement names its partner, title and purpose',
  purpose: '34 CFR 99.33(a)(2): the data may be used only for the purpose of the disclosure',
  term: 'Agreement term (34 CFR 99.31(a)(6)(iii)(C)(1) duration); NDPA Exhibit D (disposition)',
  destroy: '34 CFR 99.31(a)(6)(iii)(C)(4), 99.35(a)(3)(iv); NDPA Exhibit D',
  roles: 'Agreement schedule of data (NDPA Exhibit B): include-only grants per role',
  interest: '34 CFR 99.31(a)(1)(ii), 99.32(a)(3)(ii): the legitimate interest of each recipient',
  scope: 'Agreement student scope; 34 CFR 99.31(a)(1)(ii) (only students the partner serves)',
  catalog: 'Field catalog: only known fields with their allowed transforms',
} as const;

function checkBasisElements(c: AgreementContent, out: CompletenessIssue[]): void {
  for (const el of basisRequirements[c.legalBasis]) {
    const v = c.basisElements[el.id];
    const path = `basisElements.${el.id}`;
    if (el.kind === 'affirm') {
      if (v !== true) out.push({ path, message: `${el.label}: the agreement must include this clause (set it to true).`, rule: el.rule });
    } else if (el.kind === 'choice') {
      if (typeof v !== 'string' || !el.choices?.some((ch) => ch.value === v)) {
        out.push({ path, message: `${el.label}: choose one of ${el.choices?.map((ch) => ch.value).join(', ')}.`, rule: el.rule });
      }
    } else if (typeof v !== 'string' || v.trim().length < (el.minLength ?? 1)) {
      out.push({ path, message: `${el.label}: describe it (at least ${el.minLength ?? 1} characters).`, rule: el.rule });
    }
  }
}

function checkTerm(c: AgreementContent, out: CompletenessIssue[]): void {
  const dates = { effective: c.effective, expires: c.expires, destroyBy: c.destroyBy };
  let allValid = true;
  for (const [k, v] of Object.entries(dates)) {
    if (typeof v !== 'string' || !isIsoDate(v)) {
      out.push({ path: k, message: `${k}: give a date as yyyy-mm-dd.`, rule: k === 'destroyBy' ? R.destroy : R.term });
      allValid = false;
    }
  }
  if (!allValid) return;
  if (!(c.effective < c.expires)) out.push({ path: 'expires', message: 'The agreement must expire after it takes effect.', rule: R.term });
  if (c.destroyBy < c.expires) out.push({ path: 'destroyBy', message: 'The destroy-by date cannot be before the agreement expires: the partner still holds the data until then.', rule: R.destroy });
}

function checkRoles(c: AgreementContent, ctx: CompletenessContext, out: CompletenessIssue[]): void {
  if (c.roles.length === 0) out.push({ path: 'roles', message: 'Add at least one role with the fields it receives.', rule: R.roles });
  const catalog = new Map(ctx.catalog.map((f) => [f.id as string, f]));
  const roleIds = new Set<string>();
  c.roles.forEach((role, ri) => {
    const at = `roles[${ri}]`;
    if (!slug.test(role.id)) out.push({ path: `${at}.id`, message: `Role id '${role.id}' must be a lower-case slug such as 'tutor'.`, rule: R.roles });
    if (roleIds.has(role.id)) out.push({ path: `${at}.id`, message: `Role id '${role.id}' is used twice.`, rule: R.roles });
    roleIds.add(role.id);
    if (!role.label.trim()) out.push({ path: `${at}.label`, message: `Role '${role.id}' needs a label.`, rule: R.roles });
    if (c.legalBasis === 'school-official' && role.legitimateInterest.trim().length < 10) {
      out.push({ path: `${at}.legitimateInterest`, message: `Role '${role.id}': state its legitimate educational interest.`, rule: R.interest });
    }
    if (role.fields.length === 0) out.push({ path: `${at}.fields`, message: `Role '${role.id}' receives no fields: grant at least one.`, rule: R.roles });
    const seen = new Set<string>();
    role.fields.forEach((g, fi) => {
      const fp = `${at}.fields[${fi}]`;
      const f = catalog.get(g.field);
      if (seen.has(g.field)) out.push({ path: `${fp}.field`, message: `Role '${role.id}' grants ${g.field} twice.`, rule: R.roles });
      seen.add(g.field);
      if (!f) {
        out.push({ path: `${fp}.field`, message: `Unknown field '${g.field}': pick one from the catalog.`, rule: R.catalog });
        return;
      }
      if (!f.transforms.includes(g.transform)) {
        out.push({ path: `${fp}.transform`, message: `${g.field} cannot be sent '${g.transform}': allowed are ${f.transforms.join(', ')}.`, rule: R.catalog });
      }
      if (c.legalBasis === 'directory') {
        if (!f.directoryEligible) out.push({ path: `${fp}.field`, message: `${g.field} can never be directory information; it cannot be granted under the directory basis.`, rule: '34 CFR 99.3 (directory information), 99.31(a)(11)' });
        else if (!ctx.designation.fields.includes(g.field)) out.push({ path: `${fp}.field`, message: `${g.field} is not in the district's directory designation; designate it in the annual notice or remove the grant.`, rule: '34 CFR 99.37(a)(1)' });
      }
    });
  });
}

function checkScope(c: AgreementContent, ctx: CompletenessContext, out: CompletenessIssue[]): void {
  const s = c.scope;
  if (s.programIds.length + s.schoolIds.length + s.grades.length === 0) {
    out.push({ path: 'scope', message: 'Say which students the agreement covers: at least one program, school or grade.', rule: R.scope });
  }
  s.programIds.forEach((id, i) => {
    if (!ctx.programs) return;
    const p = ctx.programs.find((x) => x.id === id);
    if (!p) out.push({ path: `scope.programIds[${i}]`, message: `Unknown program '${id}'.`, rule: R.scope });
    else if (p.partnerId !== c.partnerId) out.push({ path: `scope.programIds[${i}]`, message: `Program '${id}' is run by another partner.`, rule: R.scope });
  });
  s.schoolIds.forEach((id, i) => {
    if (ctx.schoolIds && !ctx.schoolIds.includes(id)) out.push({ path: `scope.schoolIds[${i}]`, message: `Unknown school '${id}'.`, rule: R.scope });
  });
  s.grades.forEach((g, i) => {
    if (!gradePattern.test(g)) out.push({ path: `scope.grades[${i}]`, message: `Grade '${g}' must be PK, KG or 01 to 13.`, rule: R.scope });
  });
}

/**
 * Every missing or invalid element of an agreement, each with the rule it comes from; empty when
 * complete. An incomplete agreement cannot be submitted or approved. Pure.
 */
export function checkCompleteness(c: AgreementContent, ctx: CompletenessContext): CompletenessIssue[] {
  const out: CompletenessIssue[] = [];
  if (!c.title.trim()) out.push({ path: 'title', message: 'Give the agreement a title.', rule: R.agreement });
  if (!c.partnerId) out.push({ path: 'partnerId', message: 'Choose the partner.', rule: R.agreement });
  else if (ctx.partnerIds && !ctx.partnerIds.includes(c.partnerId)) out.push({ path: 'partnerId', message: `Unknown partner '${c.partnerId}'.`, rule: R.agreement });
  if (!legalBases.includes(c.legalBasis)) {
    out.push({ path: 'legalBasis', message: `Choose a legal basis: ${legalBases.join(', ')}.`, rule: '34 CFR 99.30, 99.31(a)' });
    return out;
  }
  if (c.purpose.trim().length < 10) out.push({ path: 'purpose', message: 'State the purpose in plain words (at least 10 characters).', rule: R.purpose });
  if (!slug.test(c.purposeCode)) out.push({ path: 'purposeCode', message: 'Give a short purpose code such as \'reading-tutoring\' (lower case, digits, hyphens): consent forms record it.', rule: '34 CFR 99.30(b)(2)' });
  checkBasisElements(c, out);
  if (c.legalBasis === 'directory' && ctx.designation.noticeDate === null) {
    out.push({ path: 'legalBasis', message: 'The district has not recorded the public notice of its directory designation.', rule: `${basisLabels.directory.rule}; 34 CFR 99.37(a)(1)` });
  }
  checkTerm(c, out);
  checkScope(c, ctx, out);
  checkRoles(c, ctx, out);
  return out;
}

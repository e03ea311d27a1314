import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementFieldGroups, inCatalogOrder, recipientOptions } from '../../../renderer/src/screens/consents/agreement-fields';
import type { AgreementContent } from '../../../shared/agreement/types';
import type { AgreementSummary } from '../../../shared/api/agreements-api';

const consentAgreement = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/agreements/consent.json'), 'utf8')) as AgreementContent;

/** The consent dialog itemises records by NDPA Exhibit B category, exactly as the agreement's roles receive them (34 CFR 99.30(b)(1)). */
describe('agreementFieldGroups', () => {
  it('groups every granted field under its Exhibit B category, in catalog order, each field once', () => {
    const groups = agreementFieldGroups(consentAgreement);
    const ids = groups.flatMap((g) => g.fields.map((f) => f.id));
    expect(new Set(ids)).toEqual(new Set(consentAgreement.roles.flatMap((r) => r.fields.map((g) => g.field))));
    expect(ids).toHaveLength(new Set(ids).size);
    expect(groups.find((g) => g.category === 'Special indicator')?.fields.map((f) => f.id).sort()).toEqual(['indicator.homeless', 'indicator.mealEligibility']);
    for (const g of groups) for (const f of g.fields) expect(f.category).toBe(g.category);
  });

  it('lists a field granted to two roles once, and drops ids the catalog does not know', () => {
    const content: AgreementContent = {
      ...consentAgreement,
      roles: [
        { id: 'a', label: 'A', legitimateInterest: '', fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'student.notAField', transform: 'asIs' }] },
        { id: 'b', label: 'B', legitimateInterest: '', fields: [{ field: 'student.firstName', transform: 'asIs' }] },
      ],
    };
    expect(agreementFieldGroups(content)).toEqual([{ category: 'Student name', fields: [expect.objectContaining({ id: 'student.firstName' })] }]);
  });
});

describe('inCatalogOrder', () => {
  it('orders stored (alphabetical) field ids the way forms list them, unknown ids last', () => {
    expect(inCatalogOrder(['indicator.mealEligibility', 'zz.unknown', 'student.lastName', 'student.firstName'])).toEqual(['student.firstName', 'student.lastName', 'indicator.mealEligibility', 'zz.unknown']);
  });
});

describe('recipientOptions', () => {
  const a = (id: string, partnerName: string, active: number | null): AgreementSummary => ({
    id, partnerId: `p-${partnerName}`, partnerName, title: `T ${id}`, legalBasis: 'consent', latestVersion: 1, latestStatus: active ? 'active' : 'draft', activeVersion: active, effective: '', expires: '',
  });
  it('offers agreements in force first, then by partner name', () => {
    expect(recipientOptions([a('1', 'Zeta', null), a('2', 'Beta', 1), a('3', 'Alpha', null), a('4', 'Alpha', 2)]).map((x) => x.id)).toEqual(['4', '2', '3', '1']);
  });
});

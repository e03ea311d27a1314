import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, readingAgreement, PARTNER_READ } from '../../helpers/agreement-district';
import { agreementDocument, createAgreement, diffVersions, getAgreement, listAgreements, updateAgreement } from '../../../main/services/agreements-service';
import { activateAgreement, approveAgreement, commentAgreement, returnAgreement, submitAgreement, terminateAgreement } from '../../../main/services/agreement-review';
import { contentHash } from '../../../main/services/agreement-store';
import { StewardError } from '../../../shared/api/result';

let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedAgreementDistrict(store.ctx, 20);
});
afterEach(() => store.cleanup());

const audit = () => store.ctx.db.prepare('SELECT action, summary FROM audit_log ORDER BY seq').all() as { action: string; summary: string }[];
const err = (f: () => unknown): StewardError => {
  try { f(); } catch (e) { if (e instanceof StewardError) return e; throw e; }
  throw new Error('expected a StewardError');
};

describe('agreement life cycle', () => {
  it('drafts, refuses to submit while incomplete (naming each element and its rule), then submits, approves, activates', () => {
    const ctx = store.ctx;
    const draft = readingAgreement({ basisElements: { directControl: true } });
    const created = createAgreement(ctx, { content: draft });
    expect(created).toMatchObject({ version: 1, createdNewVersion: true, contentHash: contentHash(draft) });
    const refused = err(() => submitAgreement(ctx, { agreementId: created.agreementId, version: 1 }));
    expect(refused.code).toBe('BAD_INPUT');
    expect(refused.message).toContain('basisElements.institutionalFunction');
    expect(refused.message).toContain('34 CFR 99.31(a)(1)(i)(B)(1)');
    expect(refused.message).toContain('34 CFR 99.7(a)(3)(iii)');

    const fixed = updateAgreement(ctx, { agreementId: created.agreementId, version: 1, content: readingAgreement() });
    expect(fixed).toMatchObject({ version: 1, createdNewVersion: false });
    expect(submitAgreement(ctx, { agreementId: created.agreementId, version: 1 }).status).toBe('in-review');
    const comment = commentAgreement(ctx, { agreementId: created.agreementId, version: 1, body: 'Why does the tutor need the IEP flag?', path: 'roles[0].fields[4]', reviewerName: '  Jordan Okafor ' });
    // Signed by the reviewer who wrote it, not by the app's actor.
    expect(comment.author).toBe('Jordan Okafor');

    const stale = err(() => approveAgreement(ctx, { agreementId: created.agreementId, version: 1, contentHash: contentHash(draft), reviewerName: 'R. Counsel' }));
    expect(stale.code).toBe('CONFLICT');
    const approved = approveAgreement(ctx, { agreementId: created.agreementId, version: 1, contentHash: fixed.contentHash, reviewerName: 'R. Counsel' });
    expect(approved.status).toBe('approved');
    expect(approved.approval).toEqual({ by: 'R. Counsel', at: '2026-09-15T12:00:00.000Z', contentHash: fixed.contentHash });
    expect(approved.comments).toHaveLength(1);
    expect(activateAgreement(ctx, { agreementId: created.agreementId, version: 1 }).status).toBe('active');

    expect(audit().map((a) => a.action)).toEqual(['agreement.create', 'agreement.update', 'agreement.submit', 'agreement.comment', 'agreement.approve', 'agreement.activate']);
    expect(audit().find((a) => a.action === 'agreement.approve')!.summary).toContain('R. Counsel');
    expect(audit().find((a) => a.action === 'agreement.comment')!.summary).not.toContain('IEP flag');
    expect(JSON.parse(audit().find((a) => a.action === 'agreement.comment')!.summary)).toMatchObject({ reviewer: 'Jordan Okafor', path: 'roles[0].fields[4]' });
    expect(getAgreement(ctx, { agreementId: created.agreementId }).current.comments.map((c) => [c.author, c.body])).toEqual([['Jordan Okafor', 'Why does the tutor need the IEP flag?']]);
  });

  it('an edit after review starts a new draft version that needs its own approval; the approved one keeps its approval', () => {
    const ctx = store.ctx;
    const { agreementId, contentHash: h1 } = createAgreement(ctx, { content: readingAgreement() });
    submitAgreement(ctx, { agreementId, version: 1 });
    approveAgreement(ctx, { agreementId, version: 1, contentHash: h1, reviewerName: 'R. Counsel' });
    activateAgreement(ctx, { agreementId, version: 1 });
    const narrower = readingAgreement();
    narrower.roles[0]!.fields = narrower.roles[0]!.fields.filter((f) => f.field !== 'indicator.iep');
    const v2 = updateAgreement(ctx, { agreementId, version: 1, content: narrower });
    expect(v2).toMatchObject({ version: 2, createdNewVersion: true });
    const detail = getAgreement(ctx, { agreementId });
    expect(detail.versions.map((v) => [v.version, v.status, v.approvedBy])).toEqual([[1, 'active', 'R. Counsel'], [2, 'draft', null]]);
    expect(detail.current.approval).toBeNull();
    expect(err(() => activateAgreement(ctx, { agreementId, version: 2 })).code).toBe('INVALID_STATE');
    // Editing version 1 again is refused: only the latest version is edited.
    expect(err(() => updateAgreement(ctx, { agreementId, version: 1, content: narrower })).code).toBe('CONFLICT');

    const diff = diffVersions(ctx, { agreementId, from: 1, to: 2 });
    expect(diff.roles).toEqual([{ roleId: 'tutor', change: 'changed', fieldsAdded: [], fieldsRemoved: [{ field: 'indicator.iep', transform: 'asIs' }], transformsChanged: [], propertiesChanged: [] }]);

    submitAgreement(ctx, { agreementId, version: 2 });
    approveAgreement(ctx, { agreementId, version: 2, contentHash: v2.contentHash, reviewerName: 'R. Counsel' });
    activateAgreement(ctx, { agreementId, version: 2 });
    const after = getAgreement(ctx, { agreementId });
    expect(after.versions.map((v) => v.status)).toEqual(['terminated', 'active']);
    expect(getAgreement(ctx, { agreementId, version: 1 }).current.endReason).toBe('superseded by version 2');
    expect(listAgreements(ctx)).toMatchObject([{ id: agreementId, partnerId: PARTNER_READ, latestVersion: 2, latestStatus: 'active', activeVersion: 2 }]);
  });

  it('the store itself refuses to change the content of a version under review (trigger)', () => {
    const ctx = store.ctx;
    const { agreementId } = createAgreement(ctx, { content: readingAgreement() });
    submitAgreement(ctx, { agreementId, version: 1 });
    expect(() => ctx.db.prepare(`UPDATE agreement_versions SET content = '{}' WHERE agreement_id = ?`).run(agreementId)).toThrow(/only while the version is a draft/);
  });

  it('a version under review can be returned to draft with a comment; terminated versions cannot be revived', () => {
    const ctx = store.ctx;
    const { agreementId, contentHash: h } = createAgreement(ctx, { content: readingAgreement() });
    submitAgreement(ctx, { agreementId, version: 1 });
    expect(err(() => returnAgreement(ctx, { agreementId, version: 1, comment: 'Who is this?', reviewerName: ' ' })).message).toContain('reviewer\'s full name');
    const back = returnAgreement(ctx, { agreementId, version: 1, comment: 'Narrow the coordinator role.', reviewerName: 'R. Counsel' });
    expect(back.status).toBe('draft');
    expect(back.comments.map((c) => [c.author, c.body])).toEqual([['R. Counsel', 'Narrow the coordinator role.']]);
    expect(JSON.parse(audit().find((a) => a.action === 'agreement.return')!.summary)).toEqual({ version: 1, reviewer: 'R. Counsel' });
    submitAgreement(ctx, { agreementId, version: 1 });
    approveAgreement(ctx, { agreementId, version: 1, contentHash: h, reviewerName: 'R. Counsel' });
    expect(terminateAgreement(ctx, { agreementId, version: 1, reason: 'Program cancelled' }).status).toBe('terminated');
    expect(err(() => activateAgreement(ctx, { agreementId, version: 1 })).message).toContain('cannot be put in force');
    expect(err(() => updateAgreement(ctx, { agreementId, version: 1, content: readingAgreement() })).code).toBe('INVALID_STATE');
  });

  it('refuses an agreement with an unknown partner, or a change of partner', () => {
    const ctx = store.ctx;
    expect(err(() => createAgreement(ctx, { content: readingAgreement({ partnerId: 'nobody' }) })).code).toBe('NOT_FOUND');
    const { agreementId } = createAgreement(ctx, { content: readingAgreement() });
    expect(err(() => updateAgreement(ctx, { agreementId, version: 1, content: readingAgreement({ partnerId: 'ptn-clinic' }) })).code).toBe('CONFLICT');
  });

  it('renders the agreement document with parties, clauses, the redisclosure notice, destruction and Exhibit B per role', () => {
    const ctx = store.ctx;
    const { agreementId } = createAgreement(ctx, { content: readingAgreement() });
    const doc = agreementDocument(ctx, { agreementId, version: 1 });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const text of ['Cedar Test District', 'ReadWell Tutoring', '34 CFR 99.31(a)(1)(i)(B)(2)', 'Notice under 34 CFR 99.33', '2027-08-31', 'Schedule of data (NDPA Exhibit B): Tutor', 'After-school reading, Lincoln Elementary', 'DRAFT']) {
      expect(doc.html).toContain(text);
    }
  });
});

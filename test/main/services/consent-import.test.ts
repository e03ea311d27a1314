import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { importConsents, type ConsentImportInput } from '../../../main/services/consent-import';
import { listConsents } from '../../../main/services/consents-service';
import { consentCounts, pdfBytes, seedAgreement, seedDistrict, sha256Hex } from './consent-seed';

let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedDistrict(store.ctx, [{ id: 's1', birthDate: '2012-03-10' }, { id: 's2', birthDate: '2012-03-10' }, { id: 's3', birthDate: '2008-01-01' }]);
  seedAgreement(store.ctx, 'a-1');
});
afterEach(() => store.cleanup());

const files: Record<string, Buffer> = { 'f1.pdf': pdfBytes('1'), 'f2.pdf': pdfBytes('2'), 'f3.pdf': pdfBytes('3'), 'batch.pdf': pdfBytes('batch') };
const run = (csv: string, over: Partial<ConsentImportInput> = {}) =>
  importConsents(store.ctx, { fileName: 'forms-export.csv', csvText: csv, mode: 'all-or-nothing', dryRun: false, evidence: (n) => files[n] ?? null, ...over });

const header = 'local_id,signer_role,guardian_id,partner_id,agreement_id,decision,signed_on,expires_on,method,esign_authentication,evidence_file,evidence_sha256';
const good1 = `L-s1,parent,g-s1,p-1,a-1,granted,2026-09-03,2027-06-30,paper-scan,,f1.pdf,${sha256Hex(files['f1.pdf']!)}`;
const good2 = 'L-s2,parent,g-s2,p-1,a-1,declined,2026-09-04,,electronic,parent portal login + SMS code,f2.pdf,';
const good3 = 'L-s3,eligible-student,,p-1,a-1,granted,2026-09-05,,paper-scan,,f3.pdf,';
const mixed = [header, good1, 'L-s2,parent,g-s1,p-1,a-1,granted,2026-09-04,,paper-scan,,f2.pdf,', good3, 'L-zz,parent,g-s1,p-1,a-1,granted,2026-09-20,2026-09-01,paper-scan,,missing.pdf,'].join('\r\n');

describe('consent CSV import', () => {
  it('imports a valid file in one go: every line stored with its evidence and audit rows', () => {
    const r = run([header, good1, good2, good3].join('\n'));
    expect(r).toMatchObject({ lines: 3, stored: 3, skipped: [], issues: [] });
    expect(r.consentIds).toHaveLength(3);
    const rows = listConsents(store.ctx, { offset: 0, limit: 10 }).rows;
    expect(rows.map((c) => [c.studentId, c.status, c.source])).toEqual([
      ['s3', 'granted', 'import:forms-export.csv'], ['s2', 'declined', 'import:forms-export.csv'], ['s1', 'granted', 'import:forms-export.csv'],
    ]);
    expect(consentCounts(store.ctx)).toMatchObject({ consents: 3, evidence: 3, audit: 4 });
    expect(store.ctx.db.prepare(`SELECT summary FROM audit_log WHERE action = 'consent.import'`).pluck().get()).toBe('{"fileName":"forms-export.csv","lines":3,"mode":"all-or-nothing","skippedLines":[],"stored":3}');
  });

  it('bad input, all-or-nothing: a line-level report (line, column, what is wrong) and nothing stored', () => {
    const before = consentCounts(store.ctx);
    const r = run(mixed);
    expect(r.stored).toBe(0);
    expect(consentCounts(store.ctx)).toEqual(before);
    expect(r.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5]);
    expect(r.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [3, 'guardian_id', 'SIGNER_NOT_GUARDIAN'],
      [5, 'local_id', 'UNKNOWN_STUDENT'],
      [5, 'evidence_file', 'MISSING_EVIDENCE'],
    ]);
    for (const i of r.issues) expect(i.message).not.toMatch(/Kid|Surname|Family/);
  });

  it('bad input, valid lines only: stores the valid lines and says exactly which were skipped and why', () => {
    const r = run(mixed, { mode: 'valid-lines-only' });
    expect(r.stored).toBe(2);
    expect(r.skipped).toEqual([
      { line: 3, issues: [expect.objectContaining({ column: 'guardian_id', code: 'SIGNER_NOT_GUARDIAN' })] },
      { line: 5, issues: [expect.objectContaining({ code: 'UNKNOWN_STUDENT' }), expect.objectContaining({ code: 'MISSING_EVIDENCE' })] },
    ]);
    expect(listConsents(store.ctx, { offset: 0, limit: 10 }).rows.map((c) => c.studentId).sort()).toEqual(['s1', 's3']);
    expect(store.ctx.db.prepare(`SELECT summary FROM audit_log WHERE action = 'consent.import'`).pluck().get()).toContain('"skippedLines":[3,5]');
  });

  it('reports dates in the wrong order and bad codes by column; a dry run stores nothing', () => {
    const csv = [header, 'L-s1,parent,g-s1,p-1,a-1,granted,2026-09-10,2026-09-01,paper-scan,,f1.pdf,', 'L-s2,guardian,g-s2,p-1,a-1,yes,2026-09-04,,fax,,f2.pdf,'].join('\n');
    const r = run(csv, { mode: 'valid-lines-only' });
    expect(r.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [2, 'expires_on', 'EXPIRES_BEFORE_SIGNED'],
      [3, 'signer_role', 'BAD_VALUE'], [3, 'decision', 'BAD_VALUE'], [3, 'method', 'BAD_VALUE'],
    ]);
    const before = consentCounts(store.ctx);
    expect(run([header, good1].join('\n'), { dryRun: true })).toMatchObject({ stored: 0, issues: [], dryRun: true });
    expect(consentCounts(store.ctx)).toEqual(before);
  });

  it('refuses a bad header, a wrong evidence hash, duplicates in the file and a re-run of the same file', () => {
    expect(run('local_id,signer,partner_id\nx,y,z').issues.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/Unknown column 'signer'/), expect.stringMatching(/Required column 'decision' is missing/)]));
    const wrongHash = good1.replace(/,[0-9a-f]{64}$/, `,${'0'.repeat(64)}`);
    expect(run([header, wrongHash].join('\n')).issues.map((i) => i.code)).toEqual(['EVIDENCE_HASH_MISMATCH']);
    expect(run([header, good1, good1].join('\n')).issues).toEqual([expect.objectContaining({ line: 3, code: 'DUPLICATE_LINE', message: 'Same decision as line 2.' })]);
    expect(run([header, good1].join('\n')).stored).toBe(1);
    expect(run([header, good1].join('\n')).issues.map((i) => i.code)).toEqual(['ALREADY_IMPORTED']);
    expect(run('local_id,"signer_role\n').issues[0]).toMatchObject({ code: 'BAD_CSV', line: 1 });
  });

  it('one batch scan named by several lines is stored once; fields and purpose can be given without an agreement', () => {
    const h = 'student_id,signer_role,guardian_id,partner_id,purpose,fields,decision,signed_on,method,evidence_file';
    const r = run([h, 's1,parent,g-s1,p-2,clinic-visits,indicator.healthAlert;indicator.iep,granted,2026-09-01,paper-scan,batch.pdf', 's2,parent,g-s2,p-2,clinic-visits,indicator.healthAlert,granted,2026-09-01,paper-scan,batch.pdf'].join('\n'));
    expect(r.stored).toBe(2);
    expect(consentCounts(store.ctx)).toMatchObject({ consents: 2, evidence: 1 });
    expect(listConsents(store.ctx, { offset: 0, limit: 10, studentId: 's1' }).rows[0]!.fields).toEqual(['indicator.healthAlert', 'indicator.iep']);
  });
});

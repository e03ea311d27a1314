import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDistrict } from '../../../main/services/demo-service';
import { openStore } from '../../../main/db/connection';
import { createContext, type ServiceContext } from '../../../main/services/context';
import { designateDirectory } from '../../../main/services/directory-service';
import { createAgreement, getAgreement } from '../../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../../main/services/agreement-review';
import { previewRows, previewSummary } from '../../../main/services/preview-service';
import { AgreementContentSchema } from '../../../shared/api/agreements-api';

/**
 * On the demo district (16,000 students, the generator's partners and programs), every example
 * agreement of fixtures/agreements is drafted, submitted, approved and activated, and previews.
 */
let dir: string;
let ctx: ServiceContext;
const fixtures = join(__dirname, '../../../fixtures/agreements');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steward-demo-agreements-'));
  const path = join(dir, 'demo.db');
  const key = randomBytes(32);
  await createDemoDistrict({ path, key });
  const db = openStore({ path, key, mode: 'district' });
  ctx = createContext({ db, mode: 'district', storePath: path, actor: 'test:steward', now: () => new Date('2026-11-20T12:00:00Z') });
  designateDirectory(ctx, { fields: ['student.firstName', 'student.lastName', 'student.school', 'student.grade'], noticeDate: '2026-08-15' });
}, 300_000);
afterAll(() => { ctx?.db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('the example agreements on the demo district', () => {
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort()) {
    it(`${file}: drafted, reviewed, approved, put in force, and previewed with every decision explained`, () => {
      const content = AgreementContentSchema.parse(JSON.parse(readFileSync(join(fixtures, file), 'utf8')));
      const { agreementId, contentHash } = createAgreement(ctx, { content });
      expect(getAgreement(ctx, { agreementId }).current.issues).toEqual([]);
      submitAgreement(ctx, { agreementId, version: 1 });
      approveAgreement(ctx, { agreementId, version: 1, contentHash, reviewerName: 'R. Counsel' });
      expect(activateAgreement(ctx, { agreementId, version: 1 }).status).toBe('active');
      const role = content.roles[0]!.id;
      const summary = previewSummary(ctx, { agreementId, version: 1, roleId: role });
      expect(summary.inForce).toBe(true);
      expect(summary.considered).toBeGreaterThan(0);
      if (content.legalBasis === 'consent') {
        // No consents recorded yet: nobody is disclosed, and the reason says why.
        expect(summary.included).toBe(0);
        expect(summary.excluded.find((e) => e.code === 'NO_CONSENT')?.count).toBeGreaterThan(0);
      } else {
        expect(summary.included).toBeGreaterThan(0);
        const page = previewRows(ctx, { agreementId, version: 1, roleId: role, offset: 0, limit: 20 });
        expect(page.rows.length).toBeGreaterThan(0);
        for (const cell of page.rows.flatMap((r) => r.cells)) {
          if (cell.state === 'withheld') expect(cell.reason).toMatch(/^[A-Z_0-9]+$/);
        }
      }
    });
  }
});

import type { Page } from '@playwright/test';
import type { ServiceContext } from '../../main/services/context';
import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';

interface Student { localId: string; first: string; last: string; grade: string; schoolId: string; school: string }

/** Every active student, read straight from the store (no ORDER BY: the test sorts on its own). */
function allStudents(ctx: ServiceContext): Student[] {
  return ctx.db
    .prepare(`SELECT s.local_id AS localId, s.first_name AS first, s.last_name AS last, s.grade, s.school_id AS schoolId, o.name AS school
                FROM students s JOIN orgs o ON o.id = s.school_id WHERE s.status = 'active'`)
    .all() as Student[];
}

/** The few DOM members the page-side callbacks use (the test tsconfig has no DOM library). */
interface DomElement {
  querySelector(selector: string): { textContent: string | null } | null;
  getAttribute(name: string): string | null;
  scrollTop: number;
  scrollHeight: number;
}

/** SQLite's NOCASE folds ASCII letters only; compare the same way. */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** A roster's order: last name, then first name (both case-folded), then student ID. */
const byLastName = (a: Student, b: Student) => cmp(fold(a.last), fold(b.last)) || cmp(fold(a.first), fold(b.first)) || cmp(a.localId, b.localId);
const fmt = (n: number) => new Intl.NumberFormat('en-US').format(n);

/** The grid rows currently rendered, in row order, once none is still loading. */
async function renderedRows(page: Page): Promise<{ index: number; localId: string; last: string; grade: string; school: string }[]> {
  const grid = page.getByRole('grid', { name: 'Students' });
  const dataRows = grid.locator('[role="row"][row-index]');
  await expect(dataRows.first()).toBeVisible();
  await expect(grid.locator('.ag-row-loading')).toHaveCount(0);
  const rows = await dataRows.evaluateAll((els) =>
    els.map((node) => {
      const el = node as unknown as DomElement;
      const cell = (col: string) => (el.querySelector(`[col-id="${col}"]`)?.textContent ?? '').trim();
      return { index: Number(el.getAttribute('row-index')), localId: cell('localId'), last: cell('lastName'), grade: cell('grade'), school: cell('schoolName') };
    }),
  );
  return rows.sort((a, b) => a.index - b.index);
}

const rowCount = (page: Page) => page.locator('.row-count');

test.describe('students screen on the demo district', () => {
  test('opens with every student counted and the grid labelled', async ({ page, ctx }) => {
    const students = allStudents(ctx);
    expect(students.length).toBeGreaterThanOrEqual(16_000);
    await page.goto('/#/students');
    await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
    await expect(rowCount(page)).toHaveText(`${fmt(students.length)} students`);
    await expect(page.getByRole('grid', { name: 'Students' })).toBeVisible();
    expect((await renderedRows(page)).length).toBeGreaterThan(10);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'students');
  });

  test('sorts by last name (then first name) in SQL: the first rows are the alphabetically first students', async ({ page, ctx }) => {
    const expected = allStudents(ctx).sort(byLastName);
    await page.goto('/#/students');
    await expect(rowCount(page)).toHaveText(`${fmt(expected.length)} students`);
    const header = page.getByRole('columnheader', { name: 'Last name' });
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    const rows = await renderedRows(page);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.localId)).toEqual(expected.slice(0, rows.length).map((s) => s.localId));
    await saveScreenshot(page, 'students-sorted');

    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const reversed = [...expected].sort((a, b) => cmp(fold(b.last), fold(a.last)) || cmp(fold(b.first), fold(a.first)) || cmp(a.localId, b.localId));
    await expect.poll(async () => (await renderedRows(page)).slice(0, 10).map((r) => r.localId)).toEqual(reversed.slice(0, 10).map((s) => s.localId));
  });

  test('filters by school and grade: the count and the rows follow', async ({ page, ctx }) => {
    const students = allStudents(ctx);
    const bySchool = new Map<string, Student[]>();
    for (const s of students) bySchool.set(s.schoolId, [...(bySchool.get(s.schoolId) ?? []), s]);
    const [schoolId, inSchool] = [...bySchool.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const grade = inSchool[0]!.grade;
    const inGrade = inSchool.filter((s) => s.grade === grade);

    await page.goto('/#/students');
    await expect(rowCount(page)).toHaveText(`${fmt(students.length)} students`);
    await page.getByLabel('School').selectOption(schoolId);
    await expect(rowCount(page)).toHaveText(`${fmt(inSchool.length)} students match these filters`);
    const schoolRows = await renderedRows(page);
    expect(new Set(schoolRows.map((r) => r.school))).toEqual(new Set([inSchool[0]!.school]));

    await page.getByLabel('Grade').selectOption(grade);
    await expect(rowCount(page)).toHaveText(`${fmt(inGrade.length)} students match these filters`);
    const gradeRows = await renderedRows(page);
    expect(gradeRows.length).toBe(Math.min(inGrade.length, gradeRows.length));
    expect(new Set(gradeRows.map((r) => r.localId)).size).toBe(gradeRows.length);
    for (const r of gradeRows) expect(inGrade.some((s) => s.localId === r.localId), `row ${r.localId} is in the filtered set`).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'students-filtered');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(rowCount(page)).toHaveText(`${fmt(students.length)} students`);
  });

  test('searches by the start of a name or student ID', async ({ page, ctx }) => {
    const students = allStudents(ctx);
    const prefix = students.map((s) => s.last).find((l) => /^[A-Za-z]{3}/.test(l))!.slice(0, 3);
    const p = fold(prefix);
    const matching = students.filter((s) => fold(s.first).startsWith(p) || fold(s.last).startsWith(p) || fold(s.localId).startsWith(p));
    await page.goto('/#/students');
    await expect(rowCount(page)).toHaveText(`${fmt(students.length)} students`);
    await page.getByLabel('Name or student ID').fill(prefix);
    await expect(rowCount(page)).toHaveText(`${fmt(matching.length)} ${matching.length === 1 ? 'student matches' : 'students match'} these filters`);
    const rows = await renderedRows(page);
    for (const r of rows) expect(matching.some((s) => s.localId === r.localId), `row ${r.localId} matches '${prefix}'`).toBe(true);
    await saveScreenshot(page, 'students-search');

    const one = students[Math.floor(students.length / 2)]!;
    await page.getByLabel('Name or student ID').fill(one.localId);
    await expect(rowCount(page)).toHaveText(/^1 student matches these filters$/);
    expect((await renderedRows(page)).map((r) => r.localId)).toEqual([one.localId]);

    await page.getByLabel('Name or student ID').fill('zzqx');
    await expect(rowCount(page)).toHaveText('0 students match these filters');
    await expect(page.getByRole('grid', { name: 'Students' }).locator('[role="row"][row-index]')).toHaveCount(0);
    // Shown in the grid (and repeated in ag-grid's live region for screen readers).
    await expect(page.getByText('No students match these filters. Try fewer letters, or clear the filters.').first()).toBeVisible();
    await saveScreenshot(page, 'students-no-match');
  });

  test('scrolls to the very last of 16,000+ students, fetching only the blocks it shows', async ({ page, ctx, calls }) => {
    const expected = allStudents(ctx).sort(byLastName);
    await page.goto('/#/students');
    await expect(rowCount(page)).toHaveText(`${fmt(expected.length)} students`);
    await page.getByRole('columnheader', { name: 'Last name' }).click();
    await renderedRows(page);
    // The grid element is ag-grid's scrolling viewport.
    const viewport = page.getByRole('grid', { name: 'Students' });
    const before = calls.length;
    const t0 = Date.now();
    // Scroll in big steps through the whole list, as a user dragging the scroll bar would.
    for (let i = 1; i <= 10; i++) {
      await viewport.evaluate((node, f) => {
        const el = node as unknown as DomElement;
        el.scrollTop = el.scrollHeight * f;
      }, i / 10);
      await page.waitForTimeout(50);
    }
    const lastRow = viewport.locator(`[role="row"][row-index="${expected.length - 1}"]`);
    await expect(lastRow).toBeVisible();
    const rows = await renderedRows(page);
    const ms = Date.now() - t0;
    test.info().annotations.push({ type: 'deep-scroll-ms', description: String(ms) });
    console.log(`[e2e] scrolled to row ${fmt(expected.length)} and rendered it in ${ms} ms`);
    expect(rows[rows.length - 1]?.localId).toBe(expected[expected.length - 1]?.localId);
    expect(rows.map((r) => r.localId)).toEqual(expected.slice(rows[0]!.index, rows[0]!.index + rows.length).map((s) => s.localId));
    // Paged, not loaded whole: a handful of 100-row blocks, never the 160 a full load would take.
    const pages = calls.slice(before).filter((c) => c.channel === 'students-list');
    console.log(`[e2e] deep scroll fetched ${pages.length} blocks of at most 100 rows`);
    expect(pages.length).toBeLessThan(40);
    for (const c of pages) expect((c.args as { limit: number }).limit).toBeLessThanOrEqual(100);
    // Generous on a loaded 2-CPU CI box; the annotation records the real figure.
    expect(ms).toBeLessThan(20_000);
    await saveScreenshot(page, 'students-scrolled');
  });
});

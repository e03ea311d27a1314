import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';
import { openPartnerSide } from './partner-page';

const fmt = (n: number) => new Intl.NumberFormat('en-US').format(n);

test.describe('app shell', () => {
  test('home shows the district and its counts from the store', async ({ page, ctx }) => {
    const n = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
    const district = (ctx.db.prepare(`SELECT name FROM orgs WHERE type = 'district' ORDER BY id LIMIT 1`).get() as { name: string }).name;
    await page.goto('/');
    await expect(page).toHaveTitle('Home · Steward');
    await expect(page.getByRole('banner')).toContainText(district);
    await expect(page.getByRole('banner')).toContainText('District store');
    const stat = (label: string) => page.locator('.stat').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect(stat('Students')).toHaveText(fmt(n(`SELECT count(*) AS n FROM students WHERE status = 'active'`)));
    await expect(stat('Schools')).toHaveText(fmt(n(`SELECT count(*) AS n FROM orgs WHERE type = 'school'`)));
    await expect(stat('Guardians')).toHaveText(fmt(n(`SELECT count(*) AS n FROM guardians`)));
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'home');
  });

  test('works from the keyboard: skip link, navigation, focus lands on the new screen', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Students' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/students$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeFocused();
    await expect(nav.getByRole('link', { name: 'Students' })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle('Students · Steward');
  });

  test('an unknown address says so and links home', async ({ page }) => {
    await page.goto('/#/no-such-screen');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the home screen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('runs under the shipped CSP: no inline script, ag-grid styles carry the nonce', async ({ page }) => {
    const response = await page.goto('/#/students');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    await expect(page.getByRole('grid', { name: 'Students' })).toBeVisible();
    const styles = await page.locator('style').evaluateAll((els) => els.map((e) => (e as unknown as { nonce: string }).nonce));
    expect(styles.length).toBeGreaterThan(0);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    for (const n of styles) expect(n).toBe(nonce);
  });

  test('shows the progress of a long task pushed from the services, then clears it', async ({ page, ctx }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    ctx.emit('import-progress', { taskId: 'first-run-demo', phase: 'importing students', done: 8000, total: 16000 });
    const bar = page.getByRole('progressbar', { name: /Preparing the demo district/ });
    await expect(bar).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Preparing the demo district' })).toHaveText('Preparing the demo district: importing students (8,000 of 16,000)');
    await expect(bar).toHaveAttribute('value', '8000');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'task-progress');
    ctx.emit('import-progress', { taskId: 'first-run-demo', phase: 'done', done: 16000, total: 16000 });
    await expect(bar).toBeHidden();
  });

  test('says plainly when the store cannot be read, without internals', async ({ page, ctx }) => {
    ctx.db.close(); // every request now fails inside the service
    await page.goto('/');
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText('The store is not open');
    await expect(alert).toContainText('Nothing was changed');
    await expect(page.getByRole('alert').filter({ hasText: /TypeError|database|sqlite/i })).toHaveCount(0);
    await expect(page.getByRole('banner')).toContainText('Store not open');
    await expectNoSeriousA11yViolations(page);
  });

  test('a partner workspace that cannot be read is not called the district store', async ({ page }) => {
    const partner = await openPartnerSide(page);
    try {
      partner.ctx.db.close();
      await partner.page.goto('/');
      const alert = partner.page.getByRole('alert').first();
      await expect(alert).toContainText('The store is not open');
      await expect(alert).toContainText('Nothing was changed');
      await expect(partner.page.getByRole('banner')).toContainText('Store not open');
      await expect(partner.page.locator('body')).not.toContainText(/district/i);
      await saveScreenshot(partner.page, 'shell-partner-store-not-open');
    } finally {
      await partner.close();
    }
  });
});

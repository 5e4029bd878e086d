// Drive the VS Code workbench (code-server) in headless Debian chromium with playwright-core.
// Every helper waits on a concrete selector with a bounded timeout.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { requireChromium, SCREENSHOT_DIR } from './paths';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-crash-reporter', // no crashpad database in ~/.config/chromium
  '--disable-breakpad',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Fresh chromium profile, 1400x900 viewport. */
export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = requireChromium();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      timeout: 60_000,
      // anything chromium writes outside its profile (dconf, caches) stays in the temp dir too
      env: { ...process.env, XDG_CONFIG_HOME: path.join(userDataDir, '.xdg/config'), XDG_CACHE_HOME: path.join(userDataDir, '.xdg/cache') } as Record<string, string>,
    });
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const close = async () => {
    if (closed) { return; }
    closed = true;
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** The workbench shell is up: workbench, activity bar, status bar. */
export async function waitForWorkbench(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout });
  await page.locator('.part.activitybar').first().waitFor({ state: 'visible', timeout });
  await page.locator('.part.statusbar').first().waitFor({ state: 'visible', timeout });
}

export const QUICK_INPUT = '.quick-input-widget';
// Not just 'input': some versions also have a check-all checkbox input in the widget (strict mode would hang).
export const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';

/** Opens the palette (F1, alternating with Ctrl+Shift+P), refocusing the workbench if the key got lost. */
async function openPalette(page: Page, attempt: number): Promise<boolean> {
  await page.keyboard.press(attempt % 2 ? 'F1' : 'Control+Shift+P');
  try {
    await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: 3000 });
    return true;
  } catch {
    // A fresh headless page may lack keyboard focus, or a webview iframe swallowed the key. Click the side bar
    // title (not (5,5): that is the remote indicator, which opens its own quick pick).
    await page.locator('.part.sidebar .composite.title').first().click({ timeout: 2000 }).catch(() => {});
    return false;
  }
}

/** The palette row for `title` ("Category: Title"), once the palette is filtered to it. */
async function findPaletteRow(page: Page, title: string, timeout: number): Promise<{ row: Locator } | undefined> {
  const input = page.locator(QUICK_INPUT_BOX);
  const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: title }).first();
  const t0 = Date.now();
  let attempt = 0;
  while (Date.now() - t0 < timeout) {
    attempt++;
    if (!(await openPalette(page, attempt))) { continue; }
    try {
      await input.fill('>' + title, { timeout: 3000 });
      await row.waitFor({ state: 'visible', timeout: 3000 });
      return { row };
    } catch {
      // Right after load the palette can open before extension commands are registered and then shows
      // "No matching commands" without refreshing: close it and retry.
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  return undefined;
}

/** Runs a command through the palette by its visible title: clicks the matching row (never Enter on a
 *  possibly stale focused row). Retries the whole sequence until `timeout`. */
export async function runCommand(page: Page, title: string, timeout = 30_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    const found = await findPaletteRow(page, title, timeout - (Date.now() - t0));
    if (!found) { break; }
    try {
      await found.row.click({ timeout: 3000 });
      await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`command "${title}" not found in the command palette within ${timeout} ms`);
}

/** Whether the palette lists a command with this title (the palette is closed again afterwards). */
export async function paletteHasCommand(page: Page, title: string, timeout = 20_000): Promise<boolean> {
  const found = await findPaletteRow(page, title, timeout);
  await page.keyboard.press('Escape');
  await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  return !!found;
}

/** Extension webview content: outer `iframe.webview.ready` (workbench host page) → inner `iframe#active-frame`. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

/**
 * Waits for a notification containing `text`: a toast, or (smoke-test driver mode, where VS Code never
 * shows toasts, or when the toast is gone) the notification center.
 */
export async function waitForNotification(page: Page, text: string, opts: { timeout?: number; smokeDriver?: boolean } = {}): Promise<Locator> {
  const timeout = opts.timeout ?? 20_000;
  if (!opts.smokeDriver) {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    try {
      await toast.waitFor({ state: 'visible', timeout: Math.min(timeout, 10_000) });
      return toast;
    } catch {
      /* fall back to the notification center */
    }
  }
  await runCommand(page, 'Notifications: Show Notifications');
  const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout });
  return item;
}

export function screenshotPath(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 120) || 'screenshot';
  return path.join(SCREENSHOT_DIR, safe.endsWith('.png') ? safe : `${safe}.png`);
}

/** Saves a screenshot into test-results/screenshots/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = screenshotPath(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, timeout: 15_000 });
  return file;
}

// What a person does with this extension in the workbench, as playwright steps: open the view, set the
// key in the password box, paste a job ID into Open Job Results…, read and click tree rows, read the panel.
// Every wait is bounded; a missing element fails the test with the step that was waiting.
import type { Frame, Locator, Page } from 'playwright-core';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand } from '../harness/browser';

export const CATEGORY = 'LlamaCloud Classify';
const SIDEBAR_ROWS = '.part.sidebar .pane-body .monaco-list-row';

/** Opens the view from its activity-bar icon (unless it is open already) and waits for its header. */
export async function showClassifyView(page: Page): Promise<void> {
  // the one view has its container's name, so the header says "LlamaCloud Classify" once
  const title = page.locator('.part.sidebar .composite.title', { hasText: 'LlamaCloud Classify' }).first();
  const icon = page.locator('.part.activitybar .action-label[aria-label^="LlamaCloud Classify"]').first();
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  // A window reload restores the view as it was: clicking its icon then would close the side bar.
  const restored = await title.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
  if (!restored) { await icon.click({ timeout: 10_000 }); }
  await title.waitFor({ state: 'visible', timeout: 15_000 });
}

/** A row of our tree whose text contains `text`. */
export function treeRow(page: Page, text: string | RegExp): Locator {
  return page.locator(SIDEBAR_ROWS, { hasText: text }).first();
}

/** Label and description of every rendered row, top to bottom ("label — description"). */
export async function treeTexts(page: Page): Promise<string[]> {
  return page.locator(SIDEBAR_ROWS).evaluateAll((rows) =>
    rows.map((r) => {
      const label = r.querySelector('.label-name')?.textContent?.trim() ?? '';
      const description = r.querySelector('.label-description')?.textContent?.trim() ?? '';
      return description ? `${label} — ${description}` : label;
    }),
  );
}

/** Waits until some row's label+description matches `pattern`; the error lists what the tree showed. */
export async function waitForRow(page: Page, pattern: RegExp, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await treeTexts(page);
    const hit = seen.find((t) => pattern.test(t));
    if (hit) { return hit; }
    await page.waitForTimeout(150);
  }
  throw new Error(`no tree row matched ${pattern} within ${timeout} ms; rows: ${JSON.stringify(seen)}`);
}

/** Waits until no row matches `pattern`. */
export async function waitForNoRow(page: Page, pattern: RegExp, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await treeTexts(page);
    if (!seen.some((t) => pattern.test(t))) { return; }
    await page.waitForTimeout(150);
  }
  throw new Error(`a tree row still matched ${pattern} after ${timeout} ms; rows: ${JSON.stringify(seen)}`);
}

/** Clicks the row whose label+description matches `pattern` (runs its command, as a person's click does). */
export async function clickRow(page: Page, pattern: RegExp): Promise<void> {
  await waitForRow(page, pattern);
  const rows = page.locator(SIDEBAR_ROWS);
  const texts = await treeTexts(page);
  const i = texts.findIndex((t) => pattern.test(t));
  await rows.nth(i).locator('.label-name').click({ timeout: 5000 });
}

/**
 * Right-clicks `row` and clicks its context-menu item `name`, as a person does; fails if the item is not
 * in that menu. VS Code arms a menu item's mouse-up only 100 ms after rendering it (so the right-click's
 * own mouse-up cannot choose an item); playwright can click sooner, and that click is swallowed (the item
 * is focused, nothing runs). So a click that leaves the menu open is repeated, a bounded few times.
 */
export async function chooseFromContextMenu(page: Page, row: Locator, name: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name, exact: true });
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  for (let attempt = 1; ; attempt++) {
    await item.click({ timeout: 5000 });
    const closed = await item.waitFor({ state: 'hidden', timeout: 1000 }).then(() => true, () => false);
    if (closed) { return; }
    if (attempt === 4) { throw new Error(`clicking the context-menu item "${name}" ${attempt} times left the menu open`); }
  }
}

/** The quick input's password box: types the key and presses Enter, as a person pasting it would. */
export async function enterApiKey(page: Page, key: string): Promise<void> {
  const box = page.locator(`${QUICK_INPUT_BOX}[type="password"]`);
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  await box.focus();
  await page.keyboard.insertText(key);
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden', timeout: 10_000 });
}

export async function setApiKeyFromPalette(page: Page, key: string): Promise<void> {
  await runCommand(page, `${CATEGORY}: Set API Key…`);
  await enterApiKey(page, key);
}

/** Open Job Results… from the palette, with `text` pasted into its box (the picker stays open). */
export async function typeIntoJobPicker(page: Page, text: string): Promise<void> {
  await runCommand(page, `${CATEGORY}: Open Job Results…`);
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.focus();
  await page.keyboard.insertText(text);
}

/** Pastes `text` into Open Job Results…, waits for the "Open job <id>" row and accepts it. */
export async function openJobFromPalette(page: Page, text: string, jobId: string): Promise<void> {
  await typeIntoJobPicker(page, text);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `Open job ${jobId}` }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The view's Collapse All button: afterwards only a newly opened job's rows are rendered. */
export async function collapseAll(page: Page): Promise<void> {
  await page.locator('.part.sidebar .action-label[aria-label="Collapse All"]').first().click({ timeout: 5000 });
}

/** The inner frame of the result panel's webview: the one that holds `#reasoning`. */
export async function resultFrame(page: Page, timeout = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) { continue; }
      const found = await frame.locator('#reasoning').count().catch(() => 0);
      if (found) { return frame; }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`the result panel's webview did not appear within ${timeout} ms`);
}

/** Text of an element of the panel by id, once it is non-empty. */
export async function panelText(frame: Frame, id: string): Promise<string> {
  const el = frame.locator(`#${id}`);
  await el.waitFor({ state: 'attached', timeout: 10_000 });
  return ((await el.textContent()) ?? '').trim();
}

/** Waits until the panel's element `id` has text matching `pattern`; returns the text. */
export async function waitForPanelText(frame: Frame, id: string, pattern: RegExp | string, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await panelText(frame, id).catch(() => '');
    if (typeof pattern === 'string' ? text === pattern : pattern.test(text)) { return text; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`panel #${id} showed ${JSON.stringify(text.slice(0, 200))}, expected ${pattern} (waited ${timeout} ms)`);
}

/** Preferences: Color Theme, then the theme's row (the picker previews on focus; the click keeps it). */
export async function pickColorTheme(page: Page, label: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(label);
  const row = page.locator(`${QUICK_INPUT} .monaco-list-row`, { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  await row.click({ timeout: 10_000 });
  await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Waits until no notification (toast or notification center) contains `text`. */
export async function waitForNoNotification(page: Page, text: string, timeout = 15_000): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text });
  const deadline = Date.now() + timeout;
  while ((await toast.count()) > 0) {
    if (Date.now() > deadline) {throw new Error(`a toast still says "${text}" after ${timeout} ms`);}
    await page.waitForTimeout(150);
  }
  await runCommand(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center .notification-list-item', { hasText: text });
  await page.waitForTimeout(300);
  const left = await center.count();
  await runCommand(page, 'Notifications: Hide Notifications').catch(() => undefined);
  if (left > 0) {throw new Error(`the notification center still holds "${text}"`);}
}

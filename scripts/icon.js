#!/usr/bin/env node
// Renders media/icon.svg to the 128x128 media/icon.png the marketplace needs (it takes no SVG icon).
//   node scripts/icon.js            (after changing media/icon.svg; commit both files)
// Uses what the e2e tier already has: playwright-core and Debian's chromium, so no image library is added.
// test/unit/packaging.test.ts checks the PNG's size and that it was rendered from the current SVG.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const SVG = path.join(ROOT, 'media', 'icon.svg');
const PNG = path.join(ROOT, 'media', 'icon.png');
const STAMP = path.join(ROOT, 'media', 'icon.png.sha256'); // the SVG's hash the PNG was rendered from

async function main() {
  const svg = fs.readFileSync(SVG, 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: PNG, omitBackground: true });
  } finally {
    await browser.close();
  }
  fs.writeFileSync(STAMP, crypto.createHash('sha256').update(svg).digest('hex') + '\n');
  console.log(`icon: wrote ${path.relative(ROOT, PNG)} (${fs.statSync(PNG).size} bytes)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/** Renders assets/icon.svg to the PNG sizes browsers ask for (assets/public/icon/<size>.png), with Chromium. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/chromium.ts';

const svg = await readFile(path.resolve('assets/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath() });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: path.resolve(`assets/public/icon/${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
console.log('icons written to assets/public/icon/');

/**
 * `npm start`: build the extension, serve the local demo card shop, and open Chromium with the extension
 * loaded on it, so a newcomer sees 留证 working right after `npm ci`. Without a display it says how to
 * run it (xvfb-run), or `npm start -- --headless` proves the whole path and saves a screenshot.
 */
import { execSync } from 'node:child_process';
import path from 'node:path';
import { launchWithExtension } from './lib/chromium.ts';
import { pressCapture } from './lib/driver.ts';
import { serveStatic } from './lib/static-server.ts';

const headless = process.argv.includes('--headless');

if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(
    [
      '留证 npm start: no display found, so a browser window cannot open here.',
      '  On a server, run it inside a virtual display:   xvfb-run -a npm start',
      '  Or prove it works without one (captures the demo order page, saves a screenshot):   npm start -- --headless',
    ].join('\n'),
  );
  process.exit(0);
}

console.log('building the extension…');
execSync('npx wxt build', { stdio: 'inherit' });

const shop = await serveStatic(path.resolve('tests/fixtures/demo-shop'));
const orderUrl = `${shop.origin}/detail-order-sn/DEMO7Q2M9XW4PLT8.html`;
const chatUrl = `${shop.origin}/support.html`;
// A profile kept in the project (git-ignored), so what the demo stored is still there next time.
const ext = await launchWithExtension({ headless, userDataDir: path.resolve('.demo-profile'), viewport: null, args: ['--window-size=1280,900'] });
const chat = await ext.context.newPage();
await chat.goto(chatUrl);
const order = await ext.context.newPage();
await order.goto(orderUrl);
for (const stale of ext.context.pages()) {
  if (stale !== chat && stale !== order && stale.url() === 'about:blank') {
    await stale.close();
  }
}

console.log(`demo shop:     ${shop.origin}/`);
console.log(`order page:    ${orderUrl}`);
console.log(`support chat:  ${chatUrl}`);
console.log(`order history: ${shop.origin}/user/order.html  (3 pages: popup → 先全部取证)`);
console.log(`membership:    ${shop.origin}/user/vip.html  (auto-renew on; switch it off, then 取证)`);
console.log(`cases page:    ${ext.extensionUrl('cases.html')}`);

if (headless) {
  const run = await pressCapture(ext, order);
  console.log(`capture: ${run.ok ? 'ok' : 'failed'} — ${run.outcomeText} (${run.clickToStoredMs} ms)`);
  const cases = await ext.context.newPage();
  await cases.goto(ext.extensionUrl('cases.html'));
  await cases.getByTestId('capture-item').first().waitFor();
  await cases.screenshot({ path: 'demo-cases.png', fullPage: true });
  console.log('saved demo-cases.png (the cases page after one capture)');
  await ext.context.close();
  await shop.close();
  process.exit(run.ok ? 0 : 1);
}

console.log('Click the 留证 toolbar button (puzzle icon → pin it) and press 取证. Close the browser to stop.');
ext.context.on('close', () => {
  void shop.close().then(() => process.exit(0));
});

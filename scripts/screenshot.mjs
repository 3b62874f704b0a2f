// Saves PNGs of the demo page for looking at the widget:
//   node scripts/screenshot.mjs out.png [lang] [width] [section]
// With a section name (satisfaction, survey, loyalty, clv, complaints) only that section is shot.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const [out = 'screenshot.png', lang = 'en', width = '1100', section] = process.argv.slice(2);
const { server, url } = await serve(0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
await page.locator('loyalty-scorecard [data-figure=orders]').waitFor();
if (lang !== 'en') {
  await page.locator('loyalty-scorecard select.lang').selectOption(lang);
  await page.locator(`loyalty-scorecard .card[lang="${lang}"]`).waitFor();
}
if (section) await page.locator(`loyalty-scorecard [data-section=${section}]`).screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: true });
await browser.close();
server.close();
console.log(`wrote ${out}`);

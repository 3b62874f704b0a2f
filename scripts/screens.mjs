// Shoots the demo page's scorecard in each language at phone, tablet and desktop widths, each
// section scrolled into view first (sections below the fold are laid out only once seen):
//   node scripts/screens.mjs OUTDIR [langs] [widths] [sections]
// e.g. node scripts/screens.mjs /tmp/shots en,zh-CN,zh-TW 360,768,1280 findings,loyalty
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const [out = 'screens', langs = 'en,zh-CN,zh-TW', widths = '360,768,1280', only] = process.argv.slice(2);
const { server, url } = await serve(0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
for (const width of widths.split(',').map(Number)) {
  for (const lang of langs.split(',')) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: lang });
    await page.goto(url);
    await page.locator('loyalty-scorecard [data-figure=orders]').waitFor();
    if (lang !== 'en') {
      await page.locator('loyalty-scorecard select.lang').selectOption(lang);
      await page.locator(`loyalty-scorecard .card[lang="${lang}"]`).waitFor();
    }
    await page.screenshot({ path: `${out}/${lang}-${width}-top.png` });
    const sections = await page.locator('loyalty-scorecard [data-section]').evaluateAll((els) => els.map((e) => e.dataset.section));
    for (const s of sections) {
      if (only && !only.split(',').includes(s)) continue;
      const el = page.locator(`loyalty-scorecard [data-section="${s}"]`).first();
      await el.scrollIntoViewIfNeeded();
      await page.waitForTimeout(100);
      await el.screenshot({ path: `${out}/${lang}-${width}-${s}.png` });
    }
    await page.close();
  }
}
await browser.close();
server.close();
console.log(`wrote ${out}`);

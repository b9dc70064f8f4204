/**
 * Draws the tab bar icons (81×81 PNG, WeChat's recommended size) from inline SVG with the same headless
 * Chromium the browser tests use: `npx tsx scripts/make-tab-icons.ts`. The PNGs are committed under
 * miniapp/assets/tab/; run this again only to change them (names as arguments: only those icons).
 */
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(__dirname, '../miniapp/assets/tab');
const GREY = '#8f959e';
const BLUE = '#1456f0';

const ICONS: Record<string, (c: string) => string> = {
  home: (c) =>
    `<path d="M12 36 L40.5 12 L69 36" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
     <path d="M20 32 V66 H61 V32" fill="none" stroke="${c}" stroke-width="6" stroke-linejoin="round"/>
     <rect x="34" y="46" width="13" height="20" rx="2" fill="${c}"/>`,
  labs: (c) =>
    `<path d="M31 12 H50 M34 12 V34 L16 62 Q13 68 20 68 H61 Q68 68 65 62 L47 34 V12" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
     <path d="M24 54 H57 L63 64 H18 Z" fill="${c}"/>`,
  vouchers: (c) =>
    `<path d="M12 24 Q12 20 16 20 H65 Q69 20 69 24 V34 Q62 34 62 40.5 Q62 47 69 47 V57 Q69 61 65 61 H16 Q12 61 12 57 V47 Q19 47 19 40.5 Q19 34 12 34 Z" fill="none" stroke="${c}" stroke-width="6" stroke-linejoin="round"/>
     <path d="M40.5 30 V51 M32 40.5 H49" stroke="${c}" stroke-width="5" stroke-linecap="round"/>`,
  // 工作台 (open unit staff): a clipboard with a tick.
  desk: (c) =>
    `<rect x="16" y="16" width="49" height="55" rx="6" fill="none" stroke="${c}" stroke-width="6" stroke-linejoin="round"/>
     <rect x="29" y="10" width="23" height="12" rx="3" fill="${c}"/>
     <path d="M28 45 L37 54 L54 36" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>`,
  // 管理 (administrators): bars of a chart on a base line.
  admin: (c) =>
    `<path d="M12 68 H69" stroke="${c}" stroke-width="6" stroke-linecap="round"/>
     <rect x="17" y="40" width="12" height="22" rx="2" fill="${c}"/>
     <rect x="34.5" y="18" width="12" height="44" rx="2" fill="${c}"/>
     <rect x="52" y="30" width="12" height="32" rx="2" fill="${c}"/>`,
  mine: (c) =>
    `<circle cx="40.5" cy="28" r="13" fill="none" stroke="${c}" stroke-width="6"/>
     <path d="M15 68 Q17 48 40.5 48 Q64 48 66 68" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round"/>`,
};

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
  // `npx tsx scripts/make-tab-icons.ts desk admin` draws only those.
  const only = process.argv.slice(2);
  for (const [name, draw] of Object.entries(ICONS)) {
    if (only.length && !only.includes(name)) continue;
    for (const [suffix, color] of [['', GREY], ['-active', BLUE]] as const) {
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81">${draw(color)}</svg></body></html>`,
      );
      await page.screenshot({ path: path.join(OUT, `${name}${suffix}.png`), omitBackground: true });
    }
  }
  await browser.close();
}

void main();

// Measures the two sites built by bench.sh in headless Chromium and prints a table.
// usage: node scripts/bench.mjs BASE_URL SITES_DIR
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [base, sitesDir] = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const IDLE_SECONDS = 10;

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const mib = (n) => `${(n / 1024 / 1024).toFixed(2)} MiB`;

async function measure(browser, site) {
  const info = JSON.parse(readFileSync(join(sitesDir, site, 'build-info.json'), 'utf8'));
  const raw = statSync(join(sitesDir, site, 'fresque_bg.wasm')).size;
  const gz = statSync(join(sitesDir, site, 'fresque_bg.wasm.gz')).size;
  const br = statSync(join(sitesDir, site, 'fresque_bg.wasm.br')).size;
  const readyTimes = [];
  let transfer = 0;
  let idleCpu = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Performance.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.body?.dataset.appState === 'ready' && !window.__readyAt) {
          window.__readyAt = performance.now();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app-state'] });
    });
    await page.goto(`${base}${site}/`);
    await page.waitForFunction(() => window.__readyAt, null, { timeout: 300_000, polling: 50 });
    readyTimes.push(await page.evaluate(() => window.__readyAt));
    // Let late requests finish, then count the transfer.
    await page.waitForTimeout(1500);
    transfer = bytes;
    const metric = async () => Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metric();
    await page.waitForTimeout(IDLE_SECONDS * 1000);
    const after = await metric();
    idleCpu.push((after.TaskDuration - before.TaskDuration) / IDLE_SECONDS);
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    site, profile: info.profile, raw, gz, br, transfer,
    ready: median(readyTimes), readyAll: readyTimes, idle: median(idleCpu),
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
});
const results = [];
for (const site of ['game', 'minimal']) results.push(await measure(browser, site));
await browser.close();

const [game, minimal] = results;
const rows = [
  ['figure', 'game', 'minimal Bevy app'],
  ['profile', game.profile, minimal.profile],
  ['wasm, raw', mib(game.raw), mib(minimal.raw)],
  ['wasm, gzip -9', mib(game.gz), mib(minimal.gz)],
  ['wasm, brotli 11', mib(game.br), mib(minimal.br)],
  ['page transfer (all requests, as served: brotli, else gzip)', mib(game.transfer), mib(minimal.transfer)],
  [`navigation → ready, median of ${RUNS}`, `${game.ready.toFixed(0)} ms`, `${minimal.ready.toFixed(0)} ms`],
  ['  (each run)', game.readyAll.map((x) => x.toFixed(0)).join(', '), minimal.readyAll.map((x) => x.toFixed(0)).join(', ')],
  [`main-thread CPU over ${IDLE_SECONDS} s idle`, `${(game.idle * 100).toFixed(2)} %`, `${(minimal.idle * 100).toFixed(2)} %`],
];
console.log(`\nChromium ${process.env.CHROMIUM || '/usr/bin/chromium'} headless, SwiftShader WebGL2, loopback, ${new Date().toISOString()}\n`);
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.join(' | ')} |`);
  if (i === 0) console.log('|---|---|---|');
}

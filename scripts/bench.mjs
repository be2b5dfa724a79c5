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
    // The service worker (registered once the game is ready) keeps the build for offline play
    // in the background: idle CPU is measured after it has finished.
    await page.waitForFunction(() => !('serviceWorker' in navigator) || navigator.serviceWorker.controller !== null,
      null, { timeout: 300_000, polling: 250 }).catch(() => {});
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

/** The state the game publishes. */
const state = (page) => page.evaluate(() => JSON.parse(document.getElementById('fresque-state').textContent));

async function until(page, pred, timeout = 120_000) {
  const start = Date.now();
  for (;;) {
    const s = await state(page);
    if (pred(s)) return s;
    if (Date.now() - start > timeout) throw new Error('bench: timed out');
    await page.waitForTimeout(20);
  }
}

async function click(page, s, id) {
  const c = s.controls.find((x) => x.id === id);
  if (!c) throw new Error(`bench: no control ${id}`);
  await page.mouse.click(c.rect.x + c.rect.w / 2, c.rect.y + c.rect.h / 2);
}

/**
 * A deck's first round: time from the "show solution" click to every card of the round on
 * the board (reduced motion: no glide), then frame intervals while panning the poster with
 * the mouse (requestAnimationFrame timestamps).
 */
async function solutionAndPan(browser, site, deckId) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${base}${site}/`);
  await page.waitForFunction(() => document.body.dataset.appState === 'ready', null, { timeout: 300_000 });
  let s = await until(page, (x) => x.screen === 'title');
  await click(page, s, 'play');
  s = await until(page, (x) => x.controls.some((c) => c.id === `deck:${deckId}`));
  await click(page, s, `deck:${deckId}`);
  s = await until(page, (x) => x.controls.some((c) => c.id === 'start'));
  await click(page, s, 'start');
  s = await until(page, (x) => x.controls.some((c) => c.id === 'check') && !x.controls.some((c) => c.id === 'start'));
  await click(page, s, 'check');
  s = await until(page, (x) => x.phase === 'checked');
  const t0 = Date.now();
  await click(page, s, 'show-solution');
  // Reduced motion: the poster appears in one frame, every card of the round at once.
  s = await until(page, (x) => x.round?.solution && x.board.length > 0, 120_000);
  const total = s.board.length;
  const solutionMs = Date.now() - t0;
  // Pan: drag the board from the middle of the free area, in 40 steps.
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); window.__raf = requestAnimationFrame(tick); };
    window.__raf = requestAnimationFrame(tick);
  });
  const x0 = 400, y0 = 330;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const moveStart = Date.now();
  for (let i = 1; i <= 40; i++) await page.mouse.move(x0 - i * 6, y0 + (i % 2) * 3);
  await page.mouse.up();
  const moveMs = Date.now() - moveStart;
  const frames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames; });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const q = (p) => gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] : NaN;
  await context.close();
  return { deckId, total, solutionMs, panStepMs: moveMs / 40, p50: q(0.5), p95: q(0.95) };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
});
// POSTERS_ONLY=1: only the "show solution" and panning figures (site `big` under the base URL).
const postersOnly = process.env.POSTERS_ONLY === '1';
const results = [];
if (!postersOnly) for (const site of ['game', 'minimal']) results.push(await measure(browser, site));
const posters = [];
for (const deck of ['loi', 'institutions', 'grande-fresque']) {
  posters.push(await solutionAndPan(browser, 'big', deck));
}
await browser.close();

if (postersOnly) {
  console.log(`\nChromium headless, SwiftShader WebGL2, loopback, ${new Date().toISOString()}`);
  console.log('\n| deck, first round | cards | click → every card placed | pan: time per mouse step | frame interval p50 / p95 |');
  console.log('|---|---|---|---|---|');
  for (const p of posters) {
    console.log(`| ${p.deckId} | ${p.total} | ${p.solutionMs} ms | ${p.panStepMs.toFixed(0)} ms | ${p.p50.toFixed(0)} / ${p.p95.toFixed(0)} ms |`);
  }
  process.exit(0);
}

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

console.log('\nShow solution (reduced motion, so no glide) and panning the board with the mouse:\n');
console.log('| deck, first round | cards | click → every card placed | pan: time per mouse step | frame interval p50 / p95 |');
console.log('|---|---|---|---|---|');
for (const p of posters) {
  console.log(`| ${p.deckId} | ${p.total} | ${p.solutionMs} ms | ${p.panStepMs.toFixed(0)} ms | ${p.p50.toFixed(0)} / ${p.p95.toFixed(0)} ms |`);
}

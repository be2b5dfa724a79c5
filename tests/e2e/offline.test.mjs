// End-to-end: offline after one visit (web/sw.js). Load the game once, wait for the service
// worker to keep the build's files, cut the network (Chromium's offline mode), reload: the game
// starts from the cache (page, wasm, decks, fonts: Bevy's own fetches too) and a round can be
// played. Then a new build on the same site is picked up by the next visit, and is the one
// that plays offline afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BASE_URL, READY_TIMEOUT, launch, openPage, waitReady, waitState, dropFromHand, startDeck,
  boardArea, screenshot,
} from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Waits until a service worker controls the page (it has stored every file of its build). */
async function waitControlled(page) {
  await page.waitForFunction(
    () => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
    null, { timeout: READY_TIMEOUT, polling: 500 },
  );
  return page.evaluate(() => caches.keys());
}

/** Records every response of the page: where it came from. */
function recordResponses(page) {
  const responses = [];
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), sw: r.fromServiceWorker() }));
  return responses;
}

test('after one visit, the game starts and plays with no network', async () => {
  let t0 = Date.now();
  const { page, context, log } = await openPage(browser);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'no worker on a first visit');
  await waitReady(page);
  const firstReady = Date.now() - t0;
  t0 = Date.now();
  const cachesOnline = await waitControlled(page);
  console.log(`first visit: ready in ${firstReady} ms; worker in control ${Date.now() - t0} ms later`);
  assert.equal(cachesOnline.length, 1, `one cache, this build's: ${cachesOnline}`);
  assert.match(cachesOnline[0], /^fresque-[0-9a-f]{16}$/);

  await context.setOffline(true);
  const responses = recordResponses(page);
  t0 = Date.now();
  await page.reload();
  await waitReady(page);
  console.log(`offline reload: ready in ${Date.now() - t0} ms`);
  const fromWorker = (suffix) => responses.find((r) => new URL(r.url).pathname.endsWith(suffix));
  const answeredOffline = (files) => {
    for (const file of files) {
      const r = fromWorker(file);
      assert.ok(r && r.sw && r.status === 200, `${file} answered by the service worker offline: ${JSON.stringify(r)}`);
    }
  };
  // The title comes before the decks load (they load behind it).
  answeredOffline(['/', '/build-info.json', '/fresque_bg.wasm', '/fresque.js']);
  // What the page loads later: the printable cards, the guide, the board picture's script and
  // its font.
  const later = await page.evaluate(() => Promise.all(
    ['print/loi.fr.pdf', 'guide/fr.html', 'board-png.js', 'assets/fonts/DejaVuSans.ttf']
      .map((f) => fetch(f).then((r) => `${f} ${r.status}`, (e) => `${f} ${e}`)),
  ));
  assert.deepEqual(later, ['print/loi.fr.pdf 200', 'guide/fr.html 200', 'board-png.js 200',
    'assets/fonts/DejaVuSans.ttf 200']);
  // Workshops need the server: offline, the page knows it has no network (not a static host).
  await page.waitForFunction(() => document.body.dataset.workshops === 'offline', null, { timeout: 10_000 });

  // A round, with the real mouse.
  let state = await startDeck(page, 'loi');
  assert.equal(state.deck, 'loi');
  answeredOffline(['/assets/decks/manifest.ron', '/assets/decks/loi.fr.ron']);
  const area = boardArea(page);
  const card = state.hand[0];
  state = await dropFromHand(page, state, card, { x: area.x + area.w * 0.3, y: area.y + area.h * 0.4 });
  assert.ok(!state.hand.includes(card), 'the card left the hand');
  await screenshot(page, 'offline-play');

  // A workshop's join link, offline: the join screen, its code filled in, says that workshops
  // need the network; trying anyway does not stop the game.
  await page.goto(new URL('?room=K7M-4QX', BASE_URL).toString());
  await waitReady(page);
  state = await waitState(page, (s) => s.screen === 'join-code' && s.notice, 'the join screen and its notice');
  assert.equal(state.workshops, 'offline');
  assert.match(state.notice, /Pas de réseau/);
  assert.equal(await page.inputValue('#join-code'), 'K7M-4QX');
  await page.click('#join-submit');
  await page.waitForTimeout(3000);
  assert.equal(await page.evaluate(() => document.body.dataset.appState), 'ready');
  state = await waitState(page, (s) => s.screen === 'join', 'the join screen, trying');
  assert.match(state.notice, /Pas de réseau/, 'still says why it cannot connect');
  await screenshot(page, 'offline-join-link');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

/** A static server started here (scripts/serve.py) on a copy of the built site. */
async function serveCopy(siteDir) {
  const dir = mkdtempSync(join(tmpdir(), 'fresque-offline-'));
  rmSync(dir, { recursive: true });
  // Hard links: quick, no copy of the wasm; a file changed below is unlinked first.
  execFileSync('cp', ['-al', siteDir, dir]);
  const server = spawn('python3', [join(ROOT, 'scripts', 'serve.py'), dir, '--port', '18195'],
    { env: { ...process.env, SERVE_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve.py did not start')), 10_000);
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`serve.py exited (${code})`)));
  });
  const stopServer = () => server.kill();
  return { dir, url, stopServer, stop: () => { stopServer(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Rewrites a file of the copy (unlinked first: the copy shares the built site's files). */
function rewrite(dir, name, text) {
  for (const f of [name, `${name}.gz`, `${name}.br`]) rmSync(join(dir, f), { force: true });
  writeFileSync(join(dir, name), text);
}

/** Makes the copy a new build: a changed page, and its sw.js with the new list and build id
 * (computed as scripts/build-web.sh does). Returns the new build id. */
function newBuild(dir) {
  const page = readFileSync(join(dir, 'index.html'), 'utf8')
    .replace('<head>', '<head>\n  <meta name="fresque-test-build" content="2">');
  rewrite(dir, 'index.html', page);
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const marker = /\/\* PRECACHE \*\/([^]*?)\/\* \/PRECACHE \*\//;
  const precache = JSON.parse(sw.match(marker)[1]);
  precache.files['index.html'] = createHash('sha256').update(page).digest('hex');
  precache.build = createHash('sha256').update(JSON.stringify(precache.files)).digest('hex').slice(0, 16);
  rewrite(dir, 'sw.js', sw.replace(marker, () => `/* PRECACHE */ ${JSON.stringify(precache, null, 1)} /* /PRECACHE */`));
  return precache.build;
}

const SITE_DIR = process.env.SITE_DIR;

test('a new build is picked up by the next visit, and plays offline', { skip: !SITE_DIR && 'SITE_DIR (the built site) not set' }, async () => {
  assert.ok(existsSync(join(SITE_DIR, 'sw.js')), `${SITE_DIR}/sw.js: build the site with scripts/build-web.sh`);
  const site = await serveCopy(SITE_DIR);
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(site.url);
    await waitReady(page);
    const [first] = await waitControlled(page);

    const build2 = newBuild(site.dir);
    assert.notEqual(first, `fresque-${build2}`);
    // The next visit (online) gets the new page at once (the page is asked to the network
    // first), and its worker replaces the old one, whose cache goes.
    await page.reload();
    await waitReady(page);
    assert.equal(await page.locator('meta[name="fresque-test-build"]').count(), 1, 'the new page');
    const name = `fresque-${build2}`;
    const deadline = Date.now() + READY_TIMEOUT;
    for (;;) {
      const now = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { caches: await caches.keys(), active: registration?.active?.state };
      });
      if (now.caches.length === 1 && now.caches[0] === name && now.active === 'activated') break;
      assert.ok(Date.now() < deadline, `the new build's worker in control: ${JSON.stringify(now)}`);
      await page.waitForTimeout(500);
    }

    // With no network at all (the server stopped, and offline), the new build is the one kept.
    site.stopServer();
    await context.setOffline(true);
    const responses = recordResponses(page);
    await page.reload();
    await waitReady(page);
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { caches: await caches.keys(), active: r.active && r.active.state, waiting: !!r.waiting, installing: !!r.installing };
    });
    assert.equal(await page.locator('meta[name="fresque-test-build"]').count(), 1,
      `the new page, offline: ${JSON.stringify({ state, responses: responses.slice(0, 3) })}`);
    await waitState(page, (s) => s.screen === 'title', 'the title screen');
    assert.deepEqual(pageErrors, []);
    await context.close();
  } finally {
    site.stop();
  }
});

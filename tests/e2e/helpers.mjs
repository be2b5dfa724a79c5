// Shared helpers for the browser tests: launch Debian's Chromium through playwright-core, read
// the state the game publishes in #fresque-state, and act with the real mouse.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080/';
export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(OUT_DIR, { recursive: true });

/** Time allowed for the game to start (a debug-ish build on a software GPU can be slow). */
export const READY_TIMEOUT = Number(process.env.READY_TIMEOUT_MS || 180_000);

/**
 * Chromium, headless; playwright gives each launch a fresh, empty profile. `HEADED=1` opens
 * windows instead (on a desktop, or under `xvfb-run`), to see what a person sees.
 */
export async function launch() {
  const headed = process.env.HEADED === '1';
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !headed,
    args: [
      ...(headed ? [] : ['--headless', '--disable-gpu']),
      '--no-sandbox', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
    ],
  });
}

/**
 * Opens a page that records requests, console errors and page errors.
 * Every request must go to the game's own host.
 */
export async function openPage(browser, path = '', viewport = { width: 1366, height: 800 }, options = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...options });
  const page = await context.newPage();
  const log = { requests: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') log.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  await page.goto(new URL(path, BASE_URL).toString());
  return { page, context, log };
}

export async function waitReady(page) {
  await page.waitForFunction(
    () => ['ready', 'error'].includes(document.body.dataset.appState),
    null, { timeout: READY_TIMEOUT, polling: 250 },
  );
  const state = await page.evaluate(() => document.body.dataset.appState);
  if (state !== 'ready') {
    const error = await page.evaluate(() => document.body.dataset.error);
    throw new Error(`the game failed to start: ${error}`);
  }
}

/** The JSON the game publishes in #fresque-state. */
export async function gameState(page) {
  return page.evaluate(() => JSON.parse(document.getElementById('fresque-state').textContent));
}

/** Waits until `predicate(state)` holds, returning that state. */
export async function waitState(page, predicate, what, timeout = 30_000) {
  const start = Date.now();
  let state;
  while (Date.now() - start < timeout) {
    const failed = await page.evaluate(() => document.body.dataset.appState === 'error' && document.body.dataset.error);
    if (failed) throw new Error(`the game stopped while waiting for ${what}: ${failed}`);
    state = await gameState(page);
    if (predicate(state)) return state;
    // Only polling: no input here, so a test passes only if the game reacts to the input it
    // was given, in the frames that input wakes up.
    await page.waitForTimeout(100);
  }
  await page.screenshot({ path: join(OUT_DIR, 'last-failure.png') }).catch(() => {});
  throw new Error(`timed out waiting for ${what} (see out/last-failure.png); last state: ${JSON.stringify(state).slice(0, 2000)}`);
}

export const center = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

export function control(state, id) {
  const c = state.controls.find((x) => x.id === id);
  if (!c) throw new Error(`no control ${id} in ${state.controls.map((x) => x.id).join(', ')}`);
  return c;
}

/** Moves the mouse to a point and clicks at once, with no pause (as a quick hand does). */
export async function clickAt(page, x, y) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
}

/** Clicks a control of the game's interface with the mouse. */
export async function clickControl(page, state, id) {
  const { x, y } = center(control(state, id).rect);
  await clickAt(page, x, y);
}

/** A real mouse drag, as a quick hand does it: no pause between arriving and pressing, a few
 * moves, no pause before releasing. (Each input event costs the game a frame, and frames are
 * slow on a software GPU: few steps keep the tests quick.) */
export async function drag(page, from, to, steps = 3) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8);
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

export async function screenshot(page, name) {
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Requests that left the game's own host (there must be none). */
export function foreignRequests(log) {
  const own = new URL(BASE_URL).host;
  return log.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).host !== own);
}

/** The part of the window where the board shows (between the bars, left of the side panel). */
export function boardArea(page) {
  const { width, height } = page.viewportSize();
  return { x: 0, y: 60, w: width - 370, h: height - 60 - 192 };
}

/** The middle of the part of rectangle `r` that is visible on the board area. */
export function visibleCenter(page, r) {
  const a = boardArea(page);
  const x1 = Math.max(r.x, a.x + 10), x2 = Math.min(r.x + r.w, a.x + a.w - 10);
  const y1 = Math.max(r.y, a.y + 10), y2 = Math.min(r.y + r.h, a.y + a.h - 10);
  if (x2 <= x1 || y2 <= y1) throw new Error(`rectangle ${JSON.stringify(r)} is not on screen`);
  return { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
}

/** Drags a card of the hand to a point of the window and waits until it is on the board. */
export async function dropFromHand(page, state, card, to) {
  // Grab the visible part of the card (the tray scrolls; its right end may be hidden).
  const r = control(state, `hand:${card}`).rect;
  const right = Math.min(r.x + r.w, boardArea(page).w - 12);
  await drag(page, { x: (r.x + right) / 2, y: r.y + r.h / 2 }, to);
  return waitState(page, (s) => s.board.some((b) => b.id === card), `${card} on the board`);
}

/** From the title screen to the first board of a deck (instructions closed). */
export async function startDeck(page, deckId) {
  await waitReady(page);
  let state = await waitState(page, (s) => s.screen === 'title', 'the title screen');
  await clickControl(page, state, 'play');
  state = await waitState(page, (s) => s.screen === 'decks' && s.controls.some((c) => c.id === `deck:${deckId}`), 'the deck list');
  await clickControl(page, state, `deck:${deckId}`);
  return closeIntro(page);
}

/** Closes a round's instructions and waits for its board. */
export async function closeIntro(page) {
  const state = await waitState(page, (s) => s.screen === 'play' && s.controls.some((c) => c.id === 'start'), 'the instructions');
  await clickControl(page, state, 'start');
  return waitState(page, (s) => !s.controls.some((c) => c.id === 'start'), 'the board');
}

export const TABLET = { width: 1024, height: 768 };

/** A facilitator creates a workshop of the law deck (4 tables) from the title screen of the
 * server at `base`; returns the page and the room's code. */
export async function hostWorkshop(browser, base = BASE_URL) {
  const { page, context } = await openPage(browser, base);
  await waitReady(page);
  let s = await waitState(page, (x) => x.screen === 'title' && x.workshops === 'yes', 'the title screen');
  await clickControl(page, s, 'workshop-host');
  s = await waitState(page, (x) => x.controls.some((c) => c.id === 'host-deck:loi'), 'the host screen');
  await clickControl(page, s, 'host-deck:loi');
  s = await waitState(page, (x) => x.host?.[0] === 'loi.fr.ron' && x.controls.some((c) => c.id === 'host-create'), 'the deck chosen');
  await clickControl(page, s, 'host-create');
  s = await waitState(page, (x) => x.screen === 'console', 'the console');
  return { page, context, room: s.workshop.room };
}

/** A player opens the join link on a tablet, types a first name, and sits at `table` of a
 * room with `tables` tables; returns at the round's board. */
export async function joinWorkshop(browser, room, name, table, tables = 2, base = BASE_URL) {
  const { page, context, log } = await openPage(browser, new URL(`?room=${room}`, base).toString(), TABLET);
  await waitReady(page);
  await waitState(page, (s) => s.screen === 'join-code', 'the join form');
  if (await page.inputValue('#join-code') !== room) throw new Error('the link fills the code in');
  await page.click('#join-name');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  let state = await waitState(page, (s) => s.screen === 'join' && s.join?.tables.length === tables
    && s.controls.some((c) => c.id === `table-${table}`), 'the tables');
  await clickControl(page, state, `table-${table}`);
  // The round's instructions, then the board.
  state = await waitState(page, (s) => s.screen === 'play' && s.workshop?.table === table && s.controls.some((c) => c.id === 'start'), `a seat at table ${table}`);
  await clickControl(page, state, 'start');
  state = await waitState(page, (s) => !s.controls.some((c) => c.id === 'start') && s.hand.length > 0, 'the board');
  if (state.workshop.role !== 'player') throw new Error(`seated as ${state.workshop.role}`);
  return { page, context, log };
}

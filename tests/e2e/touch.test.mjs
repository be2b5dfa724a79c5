// End-to-end: a tablet (1024 × 768, touch only). A finger drags a card from the hand onto the
// board; a long press shows a hand card without placing it; two fingers pinch the board to zoom and move together to pan; the top bar fits on one
// line. Touches are Chromium's own (CDP Input.dispatchTouchEvent), no mouse event at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitReady, waitState, gameState, center, screenshot, control,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Touch gestures through the DevTools protocol: each step lists the fingers down. */
async function fingers(cdp, steps, pause = 30) {
  let down = 0;
  for (const points of steps) {
    const touchPoints = points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 }));
    const type = points.length > down ? 'touchStart' : points.length < down ? 'touchEnd' : 'touchMove';
    await cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
    down = points.length;
    await new Promise((r) => setTimeout(r, pause));
  }
  if (down > 0) await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const line = (from, to, n) => Array.from({ length: n + 1 }, (_, i) => [
  from[0] + ((to[0] - from[0]) * i) / n, from[1] + ((to[1] - from[1]) * i) / n,
]);

/** A tap on a control (touch start and end at its centre). */
async function tap(cdp, state, id) {
  const c = center(control(state, id).rect);
  await fingers(cdp, [[[c.x, c.y]], []]);
}

test('a tablet: drag with a finger, pinch to zoom, two fingers to pan', async () => {
  const viewport = { width: 1024, height: 768 };
  const { page, context, log } = await openPage(browser, '', viewport, { hasTouch: true });
  const cdp = await context.newCDPSession(page);
  await waitReady(page);
  let state = await waitState(page, (s) => s.screen === 'title', 'the title screen');
  await tap(cdp, state, 'play');
  state = await waitState(page, (s) => s.screen === 'decks' && s.controls.some((c) => c.id === 'deck:loi'), 'the deck list');
  await tap(cdp, state, 'deck:loi');
  state = await waitState(page, (s) => s.controls.some((c) => c.id === 'start'), 'the instructions');
  await tap(cdp, state, 'start');
  state = await waitState(page, (s) => s.screen === 'play' && !s.controls.some((c) => c.id === 'start'), 'the board');

  // The top bar: every button on screen, none over another.
  const bar = state.controls.filter((c) => c.rect.y < 60);
  for (const c of bar) assert.ok(c.rect.x >= 0 && c.rect.x + c.rect.w <= viewport.width, `${c.id} on screen`);

  // One finger drags a card of the hand onto the board.
  const card = state.hand[0];
  const from = center(control(state, `hand:${card}`).rect);
  const to = { x: 330, y: 260 };
  await fingers(cdp, line([from.x, from.y], [to.x, to.y], 8).map((p) => [p]));
  state = await waitState(page, (s) => s.board.some((b) => b.id === card), 'the card on the board');
  const before = state.board.find((b) => b.id === card).rect;
  await screenshot(page, '93-touch-placed');

  // A long press on a hand card shows it in the side panel, and does not place it.
  const other = state.hand[0];
  const held = center(control(state, `hand:${other}`).rect);
  await fingers(cdp, [[[held.x, held.y]], [[held.x, held.y]], [[held.x, held.y]]], 400);
  state = await waitState(page, (s) => s.selected === other, 'the held card shown');
  await page.waitForTimeout(300);
  state = await gameState(page);
  assert.ok(state.hand.includes(other) && !state.board.some((b) => b.id === other), 'the held card stays in the hand');
  await screenshot(page, '96-touch-long-press');

  // Two fingers apart, around the card: the board zooms in (the card grows on screen); the
  // fingers on the card do not drag it.
  const c = center(before);
  await fingers(cdp, line([c.x - 60, c.y], [c.x - 140, c.y], 8).map(([x, y]) => [[x, y], [2 * c.x - x, y]]));
  state = await waitState(page, (s) => s.board.find((b) => b.id === card).rect.w > before.w * 1.3, 'zoomed in');
  const zoomed = state.board.find((b) => b.id === card).rect;
  await screenshot(page, '94-touch-pinched');

  // Two fingers moved together: the board follows them, at the same zoom.
  await fingers(cdp, line([200, 300], [200, 400], 8).map(([x, y]) => [[x, y], [480, y]]));
  state = await waitState(page, (s) => s.board.find((b) => b.id === card).rect.y > zoomed.y + 60, 'panned down');
  const panned = state.board.find((b) => b.id === card).rect;
  assert.ok(Math.abs(panned.w - zoomed.w) < 2, `same zoom: ${panned.w} vs ${zoomed.w}`);
  assert.ok(Math.abs(panned.x - zoomed.x) < 15, 'no sideways move');
  assert.equal(state.board.length, 1);
  await screenshot(page, '95-touch-panned');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

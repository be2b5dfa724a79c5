// End-to-end: playing without dragging (WCAG 2.2, 2.5.7). A click on a card of the hand puts it
// on the board; « Déplacer sans glisser… » then a click on the destination (a zone, or the
// card to pair it with) does what a drag would. No drag gesture at all in this test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitState, clickControl, clickAt, center, screenshot, boardArea, startDeck,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const inside = (p, r) => p.x > r.x && p.x < r.x + r.w && p.y > r.y && p.y < r.y + r.h;

/** Puts a card of the hand on the board with a click, then chooses it. */
async function placeAndChoose(page, state, card) {
  await clickControl(page, state, `hand:${card}`);
  state = await waitState(page, (s) => s.board.some((b) => b.id === card), `${card} on the board`);
  await clickAt(page, ...Object.values(center(state.board.find((b) => b.id === card).rect)));
  return waitState(page, (s) => s.selected === card && s.controls.some((c) => c.id === 'move-card'), `${card} chosen`);
}

test('a categories round and a pair, with clicks only', async () => {
  const { page, context, log } = await openPage(browser);
  let state = await startDeck(page, 'classe');
  assert.equal(state.round.kind, 'categories');
  const zones = state.zones.map((z) => z.id);
  // Every card into a zone, in turn: click it, « Déplacer… », click the zone.
  for (const [i, card] of state.hand.slice(0, 3).entries()) {
    state = await placeAndChoose(page, state, card);
    await clickControl(page, state, 'move-card');
    state = await waitState(page, (s) => s.moving === card && s.controls.some((c) => c.id === 'cancel-move'), 'choose where');
    const zone = state.zones.find((z) => z.id === zones[i % zones.length]).rect;
    const a = boardArea(page);
    const target = { x: zone.x + zone.w / 2, y: Math.min(zone.y + zone.h * 0.6, a.y + a.h - 100) };
    await clickAt(page, target.x, target.y);
    state = await waitState(page, (s) => {
      const b = s.board.find((x) => x.id === card);
      return b && inside(center(b.rect), s.zones.find((z) => z.id === zones[i % zones.length]).rect);
    }, `${card} in zone ${zones[i % zones.length]}`, 10_000);
  }
  await screenshot(page, '91-no-drag-zones');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the check');
  assert.equal(state.report.cards.length, 3);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a pair made with clicks only', async () => {
  const { page, context, log } = await openPage(browser);
  let state = await startDeck(page, 'institutions');
  assert.equal(state.round.kind, 'matching');
  const [first, second] = state.hand;
  const a = boardArea(page);
  // The first card to the left of the board.
  state = await placeAndChoose(page, state, first);
  await clickControl(page, state, 'move-card');
  state = await waitState(page, (s) => s.moving === first && s.controls.some((c) => c.id === 'cancel-move'), 'choose where');
  await clickAt(page, a.x + a.w * 0.2, a.y + a.h * 0.4);
  state = await waitState(page, (s) => center(s.board.find((b) => b.id === first).rect).x < a.x + a.w * 0.35, 'the first card moved');
  // The second one onto the first: a pair.
  state = await placeAndChoose(page, state, second);
  await clickControl(page, state, 'move-card');
  state = await waitState(page, (s) => s.moving === second && s.controls.some((c) => c.id === 'cancel-move'), 'choose where');
  await clickAt(page, ...Object.values(center(state.board.find((b) => b.id === first).rect)));
  state = await waitState(page, (s) => s.links.length === 1, 'a pair line');
  assert.deepEqual([state.links[0].from, state.links[0].to], [first, second]);
  await screenshot(page, '92-no-drag-pair');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

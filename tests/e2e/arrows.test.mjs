// End-to-end: quick hands. Ten arrows in a row in a links round, then ten pairs in a row in a
// matching round, each pulled from a card's handle with no pause between arriving on the
// handle and pressing, and the next pull started as soon as the previous arrow is there.
// Every pull must draw its arrow (issue: a press right after the pointer arrived was lost).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitState, drag, center, screenshot, boardArea, dropFromHand, startDeck,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Five places spread over the board area, so that no two cards overlap. */
function fiveSpots(page) {
  const a = boardArea(page);
  const at = (fx, fy) => ({ x: a.x + a.w * fx, y: a.y + a.h * fy });
  return [at(0.14, 0.25), at(0.5, 0.25), at(0.86, 0.25), at(0.3, 0.75), at(0.7, 0.75)];
}

/** Places five cards of the hand, then pulls an arrow between every two of them (10). */
async function tenArrows(page, state, name) {
  const cards = state.hand.slice(0, 5);
  assert.equal(cards.length, 5, `five cards in the hand: ${state.hand}`);
  for (const [i, spot] of fiveSpots(page).entries()) {
    state = await dropFromHand(page, state, cards[i], spot);
  }
  const pairs = [];
  for (let i = 0; i < 5; i += 1) for (let j = i + 1; j < 5; j += 1) pairs.push([cards[i], cards[j]]);
  for (const [n, [from, to]] of pairs.entries()) {
    const a = state.board.find((b) => b.id === from);
    const b = state.board.find((x) => x.id === to);
    await drag(page, { x: a.handle[0], y: a.handle[1] }, center(b.rect));
    state = await waitState(page, (s) => s.links.length === n + 1, `arrow ${n + 1} (${from} → ${to})`, 10_000);
    const drawn = state.links.map((l) => `${l.from}>${l.to}`);
    assert.ok(drawn.includes(`${from}>${to}`), `arrow ${from} → ${to} drawn: ${drawn}`);
  }
  assert.equal(state.links.length, 10);
  await screenshot(page, name);
  return state;
}

test('ten arrows in a row, pulled with no pause', async () => {
  const { page, context, log } = await openPage(browser);
  let state = await startDeck(page, 'loi');
  assert.equal(state.round.kind, 'links');
  state = await tenArrows(page, state, '30-ten-arrows');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('ten pairs in a row in a matching round, pulled with no pause', async () => {
  const { page, context, log } = await openPage(browser);
  let state = await startDeck(page, 'institutions');
  assert.equal(state.round.kind, 'matching');
  state = await tenArrows(page, state, '31-ten-pairs');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a pull released off any card leaves no pending arrow', async () => {
  const { page, context } = await openPage(browser);
  let state = await startDeck(page, 'loi');
  const [spot] = fiveSpots(page);
  state = await dropFromHand(page, state, state.hand[0], spot);
  const card = state.board[0];
  const a = boardArea(page);
  // Pull the handle: the pending arrow follows the pointer while the button is down.
  await page.mouse.move(card.handle[0], card.handle[1], { steps: 2 });
  await page.mouse.down();
  await page.mouse.move(a.x + a.w * 0.5, a.y + a.h * 0.7, { steps: 6 });
  state = await waitState(page, (s) => s.pending_arrow === true, 'the pending arrow', 10_000);
  // Let go over an empty part of the board: no arrow, and the pending one is gone.
  await page.mouse.move(a.x + a.w * 0.6, a.y + a.h * 0.8, { steps: 3 });
  await page.mouse.up();
  state = await waitState(page, (s) => s.pending_arrow === false, 'no pending arrow', 10_000);
  assert.equal(state.links.length, 0);
  await context.close();
});

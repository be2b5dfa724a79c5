// End-to-end: a reload costs nothing. Mid-round (cards placed, an arrow drawn, checked; then a
// card moved after « Reprendre »), the page is reloaded: the title screen offers to resume the
// game and brings back the same board, arrows, feedback and round. A damaged save in the
// browser is ignored with a notice on the title screen, and the game still starts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitReady, waitState, clickControl, drag, center, screenshot, boardArea,
  dropFromHand, startDeck,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What a game is, in the page's state: everything but the controls (cards with their place). */
function game(s) {
  const r = (v) => Math.round(v);
  return {
    deck: s.deck,
    round: s.round,
    phase: s.phase,
    hand: s.hand,
    board: s.board.map((b) => [b.id, r(b.rect.x), r(b.rect.y), r(b.rect.w), r(b.rect.h)]),
    links: s.links.map((l) => ({ from: l.from, to: l.to, verdict: l.verdict })),
    report: s.report,
    summary: s.summary,
  };
}

test('a reload mid-round resumes the same game; a damaged save is ignored with a notice', async () => {
  const { page, context, log } = await openPage(browser);
  let state = await startDeck(page, 'loi');
  const a = boardArea(page);
  const spots = [[0.2, 0.3], [0.6, 0.3], [0.4, 0.75]].map(([fx, fy]) => ({ x: a.x + a.w * fx, y: a.y + a.h * fy }));
  const cards = state.hand.slice(0, 3);
  for (const [i, spot] of spots.entries()) state = await dropFromHand(page, state, cards[i], spot);
  const [from, to] = [0, 1].map((i) => state.board.find((b) => b.id === cards[i]));
  await drag(page, { x: from.handle[0], y: from.handle[1] }, center(to.rect));
  state = await waitState(page, (s) => s.links.length === 1, 'an arrow');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the check');
  const checked = game(state);
  await page.reload();

  await waitReady(page);
  state = await waitState(page, (s) => s.screen === 'title' && s.controls.some((c) => c.id === 'resume'), 'the offer to resume');
  assert.match(state.controls.find((c) => c.id === 'resume').label, /^Reprendre « Comment naît une loi/);
  await screenshot(page, '80-resume-offered');
  await clickControl(page, state, 'resume');
  state = await waitState(page, (s) => s.screen === 'play' && s.phase === 'checked', 'the game resumed');
  assert.ok(!state.controls.some((c) => c.id === 'start'), 'no instructions over a resumed game');
  assert.deepEqual(game(state), checked, 'the same game after a reload');
  await screenshot(page, '81-resumed');

  // Play on: « Reprendre » then the third card moved; a reload keeps that too.
  await clickControl(page, state, 'retry');
  state = await waitState(page, (s) => s.phase === 'playing', 'playing again');
  const third = state.board.find((b) => b.id === cards[2]);
  const moved = { x: a.x + a.w * 0.75, y: a.y + a.h * 0.7 };
  await drag(page, center(third.rect), moved);
  state = await waitState(page, (s) => Math.abs(center(s.board.find((b) => b.id === cards[2]).rect).x - moved.x) < 30, 'the card moved');
  // The card follows the pointer before the drop is applied: wait until the move is kept.
  await page.waitForFunction(() => (localStorage.getItem('fresque.saved-games') || '').includes('MoveCard'), null, { timeout: 10_000 });
  state = await waitState(page, () => true, 'the state after the move');
  const playing = game(state);
  await page.reload();
  await waitReady(page);
  state = await waitState(page, (s) => s.screen === 'title' && s.controls.some((c) => c.id === 'resume'), 'the offer to resume, again');
  await clickControl(page, state, 'resume');
  state = await waitState(page, (s) => s.screen === 'play' && s.phase === 'playing' && s.board.length === 3, 'the game resumed again');
  assert.deepEqual(game(state), playing);

  // A damaged save: ignored with a notice, the game starts as new.
  await page.evaluate(() => localStorage.setItem('fresque.saved-games', '{"version": 1, "games": [{"file":'));
  await page.reload();
  await waitReady(page);
  state = await waitState(page, (s) => s.screen === 'title' && s.controls.some((c) => c.id === 'resume-notice'), 'the notice');
  assert.match(state.controls.find((c) => c.id === 'resume-notice').label, /n'a pas pu être relue/);
  assert.ok(!state.controls.some((c) => c.id === 'resume'), 'nothing to resume');
  assert.equal(await page.evaluate(() => localStorage.getItem('fresque.saved-games')), null);
  await screenshot(page, '82-damaged-save');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

// End-to-end: a person opens the page, chooses the law deck, drags cards from the hand onto
// the board, draws an arrow between them, checks, reads the verdict, and plays on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitReady, waitState, clickControl, clickAt, control, drag, center,
  screenshot, foreignRequests,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a whole links round, with the real mouse', async () => {
  const { page, context, log } = await openPage(browser);
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(await page.title(), 'Fresque de la démocratie');
  assert.ok(await page.isHidden('#loading'), 'the loading screen is gone');

  let state = await waitState(page, (s) => s.screen === 'title', 'the title screen');
  assert.equal(control(state, 'play').label, 'Jouer');
  await screenshot(page, '01-title');

  await clickControl(page, state, 'play');
  state = await waitState(page, (s) => s.screen === 'decks', 'the deck list');
  assert.ok(state.decks.length >= 2 && state.decks.every((d) => d.ok), JSON.stringify(state.decks));
  await screenshot(page, '02-decks');

  await clickControl(page, state, 'deck:loi');
  state = await waitState(page, (s) => s.screen === 'play' && s.controls.some((c) => c.id === 'start'), 'the instructions');
  await screenshot(page, '03-instructions');
  await clickControl(page, state, 'start');
  state = await waitState(page, (s) => !s.controls.some((c) => c.id === 'start') && s.hand.length > 0, 'the board');
  assert.equal(state.deck, 'loi');
  assert.equal(state.phase, 'playing');

  // Drag the first two cards of the hand onto the board.
  const [first, second] = state.hand;
  const viewport = page.viewportSize();
  const spots = [
    { x: viewport.width * 0.18, y: viewport.height * 0.35 },
    { x: viewport.width * 0.50, y: viewport.height * 0.35 },
  ];
  for (const [i, card] of [first, second].entries()) {
    const from = center(control(state, `hand:${card}`).rect);
    await drag(page, from, spots[i]);
    state = await waitState(page, (s) => s.board.some((b) => b.id === card), `${card} on the board`);
    const placed = state.board.find((b) => b.id === card);
    const c = center(placed.rect);
    assert.ok(Math.abs(c.x - spots[i].x) < 12 && Math.abs(c.y - spots[i].y) < 12,
      `${card} lies where it was dropped (${JSON.stringify(c)} vs ${JSON.stringify(spots[i])})`);
    assert.ok(!state.hand.includes(card), 'and left the hand');
  }
  await screenshot(page, '04-two-cards');

  // Move a card: its place changes.
  const before = center(state.board.find((b) => b.id === second).rect);
  await drag(page, before, { x: before.x, y: before.y + 150 });
  state = await waitState(page, (s) => {
    const b = s.board.find((x) => x.id === second);
    return b && center(b.rect).y > before.y + 100;
  }, 'the card moved');

  // Draw an arrow: pull the first card's handle onto the second card.
  const a = state.board.find((b) => b.id === first);
  const b = state.board.find((x) => x.id === second);
  await drag(page, { x: a.handle[0], y: a.handle[1] }, center(b.rect));
  state = await waitState(page, (s) => s.links.length === 1, 'an arrow');
  assert.deepEqual(state.links[0], { from: first, to: second, verdict: null });
  await screenshot(page, '05-arrow');

  // Check: the arrow gets a verdict, shown in the page too (for screen readers).
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the check');
  const verdict = state.links[0].verdict;
  assert.ok(['correct', 'acceptable', 'wrong'].includes(verdict), verdict);
  assert.ok(state.report.required > 0);
  assert.equal(state.report.correct + state.report.acceptable + state.report.wrong, 1);
  const announced = await page.textContent('#announcer');
  const word = { correct: 'Juste', acceptable: 'Acceptable', wrong: 'Faux' }[verdict];
  assert.ok(announced.includes(word), `announcer says ${word}: ${announced}`);
  assert.ok(announced.includes(state.report.summary.split(' · ')[0]), announced);
  await screenshot(page, '06-checked');

  // Retry keeps the board and the arrow, and unlocks it.
  await clickControl(page, state, 'retry');
  state = await waitState(page, (s) => s.phase === 'playing', 'back to playing');
  assert.equal(state.links.length, 1);
  assert.equal(state.board.length, 2);

  // Clicking the arrow erases it.
  const a2 = center(state.board.find((x) => x.id === first).rect);
  const b2 = center(state.board.find((x) => x.id === second).rect);
  // The middle of the arrow lies between the two cards.
  await clickAt(page, (a2.x + b2.x) / 2, (a2.y + b2.y) / 2);
  state = await waitState(page, (s) => s.links.length === 0, 'the arrow erased');

  // The wheel zooms the board.
  const size = state.board[0].rect.w;
  await page.mouse.move(viewport.width * 0.3, viewport.height * 0.6);
  await page.mouse.wheel(0, 400);
  state = await waitState(page, (s) => s.board[0].rect.w < size * 0.95, 'zoomed out');

  // Next lot brings new cards into the hand.
  const handBefore = state.hand.length;
  await clickControl(page, state, 'next-lot');
  state = await waitState(page, (s) => s.hand.length > handBefore, 'the next lot');
  await screenshot(page, '07-next-lot');

  assert.deepEqual(foreignRequests(log), [], 'no request leaves the game\'s host');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('the interface speaks English with ?lang=en', async () => {
  const { page, context } = await openPage(browser, '?lang=en');
  await waitReady(page);
  const state = await waitState(page, (s) => s.screen === 'title', 'the title screen');
  assert.equal(state.lang, 'en');
  assert.equal(control(state, 'play').label, 'Play');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await clickControl(page, state, 'play');
  const decks = await waitState(page, (s) => s.screen === 'decks', 'the deck list');
  assert.ok(decks.controls.some((c) => c.id === 'deck:loi'), 'the English law deck is offered');
  await screenshot(page, '08-english-decks');
  await context.close();
});

test('a panic shows a message on the page, not a frozen canvas', async () => {
  const { page, context } = await openPage(browser, '?selftest=panic');
  await page.waitForFunction(() => document.body.dataset.appState === 'error', null, { timeout: 120_000 });
  assert.ok(await page.isVisible('#error'));
  assert.match(await page.textContent('#error-message'), /selftest=panic/);
  await screenshot(page, '09-panic');
  await context.close();
});

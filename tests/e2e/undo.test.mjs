// End-to-end: take back a move. Ctrl+Z (the real keyboard) undoes the last board move,
// Ctrl+Shift+Z makes it again; the « Annuler » and « Rétablir » buttons of the hand do the same
// with the mouse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitState, clickControl, drag, center, screenshot, boardArea, dropFromHand,
  startDeck,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('undo and redo, with the keyboard and with the buttons', async () => {
  const { page, context, log } = await openPage(browser);
  let state = await startDeck(page, 'loi');
  assert.ok(!state.controls.some((c) => c.id === 'undo'), 'nothing to undo yet');
  const a = boardArea(page);
  const cards = state.hand.slice(0, 2);
  state = await dropFromHand(page, state, cards[0], { x: a.x + a.w * 0.25, y: a.y + a.h * 0.4 });
  state = await dropFromHand(page, state, cards[1], { x: a.x + a.w * 0.7, y: a.y + a.h * 0.4 });
  const [from, to] = cards.map((id) => state.board.find((b) => b.id === id));
  await drag(page, { x: from.handle[0], y: from.handle[1] }, center(to.rect));
  state = await waitState(page, (s) => s.links.length === 1, 'an arrow');

  // The keyboard: the arrow goes, then comes back.
  await page.keyboard.press('Control+z');
  state = await waitState(page, (s) => s.links.length === 0 && s.board.length === 2, 'the arrow undone');
  assert.match(await page.textContent('#announcer'), /Coup annulé/);
  await page.keyboard.press('Control+Shift+z');
  state = await waitState(page, (s) => s.links.length === 1, 'the arrow redone');

  // The buttons: two moves back, one forward.
  await clickControl(page, state, 'undo');
  state = await waitState(page, (s) => s.links.length === 0 && s.controls.some((c) => c.id === 'undo'), 'undone once');
  await clickControl(page, state, 'undo');
  state = await waitState(page, (s) => s.board.length === 1 && s.hand.includes(cards[1]), 'the second card back in the hand');
  await screenshot(page, '90-undo');
  await clickControl(page, state, 'redo');
  state = await waitState(page, (s) => s.board.length === 2, 'the card placed again');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

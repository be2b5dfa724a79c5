// End-to-end: "show solution" on a fresk the size of the Climate Fresk (42 cards, 126 links,
// tests/fixtures/decks/grande-fresque.fr.ron, served with the fixture decks): the whole
// poster is framed, and no two cards overlap on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitState, clickControl, screenshot, startDeck } from './helpers.mjs';

const FIXTURES_URL = process.env.FIXTURES_URL;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the solution of a 42-card fresk reads like a reference poster', { skip: !FIXTURES_URL && 'FIXTURES_URL not set' }, async () => {
  const { page, context } = await openPage(browser, FIXTURES_URL, undefined, { reducedMotion: 'reduce' });
  let state = await startDeck(page, 'grande-fresque');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the check');
  assert.equal(state.report.missing, 76, 'every required link is missing on an empty board');
  await clickControl(page, state, 'show-solution');
  state = await waitState(page, (s) => s.round.solution && s.board.length === 42, 'the poster');
  const cards = state.board.map((b) => b.rect);
  // Framed: every card on screen, left of the side panel, between the bars.
  const { width, height } = page.viewportSize();
  for (const r of cards) {
    assert.ok(r.x >= 0 && r.x + r.w <= width - 370 + 1 && r.y >= 60 - 1 && r.y + r.h <= height - 192 + 1,
      `card inside the board area: ${JSON.stringify(r)}`);
  }
  // No overlap between any two cards.
  for (let i = 0; i < cards.length; i += 1) {
    for (let j = i + 1; j < cards.length; j += 1) {
      const a = cards[i]; const b = cards[j];
      const overlap = a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
      assert.ok(!overlap, `${state.board[i].id} and ${state.board[j].id} overlap`);
    }
  }
  await screenshot(page, '50-big-poster');
  await context.close();
});

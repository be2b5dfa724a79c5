// End-to-end: a parcours of three rounds of the other kinds (categories, timeline, matching)
// with the real mouse, then its summary. The deck is tests/fixtures/decks/kinds.fr.ron, served
// with the fixture decks (see scripts/test.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitState, clickControl, drag, center, screenshot, visibleCenter, boardArea,
  dropFromHand, startDeck as startDeckOf, closeIntro,
} from './helpers.mjs';

const startDeck = (page) => startDeckOf(page, 'trois-manches');

const FIXTURES_URL = process.env.FIXTURES_URL;
const skip = !FIXTURES_URL && 'FIXTURES_URL not set';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cardRect = (state, id) => state.board.find((b) => b.id === id).rect;

test('categories, timeline and matching rounds, then the summary', { skip }, async () => {
  const { page, context, log } = await openPage(browser, FIXTURES_URL);
  let state = await startDeck(page);
  assert.equal(state.round.kind, 'categories');
  assert.deepEqual([state.round.index, state.round.count], [0, 3]);
  assert.deepEqual(state.zones.map((z) => z.id), ['vote', 'promulgue']);
  const zone = (s, id) => visibleCenter(page, s.zones.find((z) => z.id === id).rect);

  // Drop all three cards into "vote": the president there is a known misconception.
  const spots = [-90, 0, 90];
  for (const [i, card] of ['assemblee', 'senat', 'president'].entries()) {
    const z = zone(state, 'vote');
    state = await dropFromHand(page, state, card, { x: z.x, y: z.y + spots[i] });
  }
  await screenshot(page, '20-categories');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the check');
  const verdicts = Object.fromEntries(state.report.cards.map((c) => [c.card, c.verdict]));
  assert.deepEqual(verdicts, { assemblee: 'right-zone', senat: 'right-zone', president: 'wrong-zone' });
  const announced = await page.textContent('#announcer');
  assert.match(announced, /✗ Mauvaise zone — Président de la République : Le président ne vote pas la loi/);
  assert.match(announced, /✓ Bonne zone — Sénat/);
  await screenshot(page, '21-categories-checked');

  // Show the solution: every card moves to its zone; Retry brings back our board.
  await clickControl(page, state, 'show-solution');
  state = await waitState(page, (s) => s.round.solution, 'the solution');
  const promulgue = state.zones.find((z) => z.id === 'promulgue').rect;
  const inZone = (s) => {
    const p = center(cardRect(s, 'president'));
    return p.x > promulgue.x && p.x < promulgue.x + promulgue.w;
  };
  // The cards glide there (about half a second) without any input.
  state = await waitState(page, inZone, 'the president glides to its zone', 5_000);
  await screenshot(page, '22-categories-solution');
  await clickControl(page, state, 'retry');
  state = await waitState(page, (s) => s.phase === 'playing', 'back to playing');
  const vote = state.zones.find((z) => z.id === 'vote').rect;
  const back = visibleCenter(page, cardRect(state, 'president'));
  assert.ok(back.x < vote.x + vote.w, 'our own board is back');

  // Move the president to the right zone: everything is right.
  await drag(page, back, zone(state, 'promulgue'));
  state = await waitState(page, (s) => {
    const p = s.board.find((b) => b.id === 'president');
    return p && center(p.rect).x > promulgue.x;
  }, 'the president moved');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the second check');
  assert.equal(state.report.perfect, true);

  // Round 2: timeline. Lay the cards on the line with the last one first.
  await clickControl(page, state, 'next-round');
  state = await closeIntro(page);
  assert.equal(state.round.kind, 'timeline');
  assert.ok(state.timeline, 'the line is drawn');
  const area = boardArea(page);
  const lineY = state.timeline[1];
  const xs = [area.x + 150, area.x + 480, area.x + 810];
  const laid = ['journal-officiel', 'adoption', 'promulgation'];
  for (const [i, card] of laid.entries()) {
    state = await dropFromHand(page, state, card, { x: xs[i], y: lineY });
  }
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the timeline check');
  const misplaced = state.report.cards.filter((c) => c.verdict === 'misplaced');
  assert.deepEqual(misplaced.map((c) => [c.card, c.step]), [['journal-officiel', 3]]);
  assert.match(await page.textContent('#announcer'), /Sa place : étape 3 sur 3\. Après « Promulgation »/);
  await screenshot(page, '23-timeline-checked');
  // Reorder: the Journal officiel goes to the right end.
  await clickControl(page, state, 'retry');
  state = await waitState(page, (s) => s.phase === 'playing', 'back to playing');
  await drag(page, visibleCenter(page, cardRect(state, 'journal-officiel')), { x: area.x + area.w - 100, y: lineY });
  const promulgationX = center(cardRect(state, 'promulgation')).x;
  state = await waitState(page, (s) => center(cardRect(s, 'journal-officiel')).x > promulgationX, 'the card moved');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the second timeline check');
  assert.equal(state.report.perfect, true, JSON.stringify(state.report));

  // Round 3: matching. Drop the president onto the promulgation card to pair them.
  await clickControl(page, state, 'next-round');
  state = await closeIntro(page);
  assert.equal(state.round.kind, 'matching');
  state = await dropFromHand(page, state, 'promulgation', { x: area.x + 200, y: area.y + 120 });
  state = await dropFromHand(page, state, 'president', center(cardRect(state, 'promulgation')));
  state = await waitState(page, (s) => s.links.length === 1, 'a pair made by dropping');
  assert.deepEqual(state.links[0], { from: 'promulgation', to: 'president', verdict: null });
  // Pair the adoption with the Assemblée by pulling its handle.
  state = await dropFromHand(page, state, 'adoption', { x: area.x + 200, y: area.y + 330 });
  state = await dropFromHand(page, state, 'assemblee', { x: area.x + 650, y: area.y + 330 });
  const adoption = state.board.find((b) => b.id === 'adoption');
  await drag(page, { x: adoption.handle[0], y: adoption.handle[1] }, center(cardRect(state, 'assemblee')));
  state = await waitState(page, (s) => s.links.length === 2, 'a pair drawn');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the matching check');
  assert.deepEqual(state.links.map((l) => l.verdict), ['correct', 'correct']);
  assert.equal(state.report.missing, 1, 'the Sénat pair is missing');
  await screenshot(page, '24-matching-checked');

  // The summary, then back to round 1 to read its feedback.
  await clickControl(page, state, 'finish');
  state = await waitState(page, (s) => s.summary, 'the summary');
  assert.equal(state.summary.rounds.length, 3);
  assert.deepEqual(state.summary.rounds.map((r) => r.perfect), [true, true, false]);
  assert.equal(state.summary.rounds[0].misconceptions, 1);
  await screenshot(page, '25-summary');
  await clickControl(page, state, 'review-round-1');
  state = await waitState(page, (s) => !s.summary && s.round.index === 0, 'round 1 again');
  assert.equal(state.phase, 'checked');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('with reduced motion, the solution appears without animation', { skip }, async () => {
  const { page, context } = await openPage(browser, FIXTURES_URL, undefined, { reducedMotion: 'reduce' });
  let state = await startDeck(page);
  const z = visibleCenter(page, state.zones.find((x) => x.id === 'vote').rect);
  state = await dropFromHand(page, state, 'assemblee', z);
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked', 'the check');
  await clickControl(page, state, 'show-solution');
  state = await waitState(page, (s) => s.round.solution && s.board.length === 3, 'the solution');
  const first = JSON.stringify(state.board.map((b) => b.rect));
  // Let any animation run, then make the game draw one more frame (a pointer move) so the
  // published state is fresh.
  await page.waitForTimeout(800);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  state = await waitState(page, (s) => s.round.solution, 'still the solution');
  assert.equal(JSON.stringify(state.board.map((b) => b.rect)), first, 'the cards were already in place');
  await context.close();
});

// End-to-end: a deck that does not load shows its problems (file:line:col) in the game, and
// the other decks can still be played. The test script serves a copy of the site whose
// manifest also lists a broken deck and a missing one (see scripts/test.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitReady, waitState, clickControl, screenshot } from './helpers.mjs';

const FIXTURES_URL = process.env.FIXTURES_URL;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('broken decks show their errors in the game', { skip: !FIXTURES_URL && 'FIXTURES_URL not set' }, async () => {
  const { page, context } = await openPage(browser, FIXTURES_URL);
  await waitReady(page);
  let state = await waitState(page, (s) => s.screen === 'title', 'the title screen');
  await clickControl(page, state, 'play');
  state = await waitState(page, (s) => s.screen === 'decks', 'the deck list');
  const broken = state.decks.find((d) => d.file.endsWith('broken.fr.ron'));
  assert.ok(broken && !broken.ok, JSON.stringify(state.decks));
  assert.deepEqual(broken.errors, ['assets/decks/broken.fr.ron:7:22: error: Expected integer']);
  const missing = state.decks.find((d) => d.file.endsWith('missing.fr.ron'));
  assert.match(missing.errors[0], /^assets\/decks\/missing\.fr\.ron:1:1: error: cannot load the file/);
  assert.ok(state.controls.some((c) => c.id === 'deck:loi'), 'the good decks are still offered');
  await screenshot(page, '10-broken-decks');
  await context.close();
});

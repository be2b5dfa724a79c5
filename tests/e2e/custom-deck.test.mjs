// End-to-end: a deck of one's own, from a file, with nothing but the browser. "Ouvrir un
// fichier de cartes…" (the real mouse, then the file chooser) adds a valid deck at once; it
// plays and is still there after a reload. A deck with errors shows each with line:col and the
// offending line; a binary or too-large file is refused with a message; nothing else changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, openPage, waitReady, waitState, clickControl, screenshot, closeIntro,
} from './helpers.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'decks');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function toDecks(page) {
  await waitReady(page);
  const state = await waitState(page, (s) => s.screen === 'title', 'the title screen');
  await clickControl(page, state, 'play');
  return waitState(page, (s) => s.screen === 'decks' && s.controls.some((c) => c.id === 'open-deck-file'), 'the deck list');
}

async function give(page, name, buffer) {
  await page.setInputFiles('#deck-file', { name, mimeType: 'application/octet-stream', buffer });
}

test('a deck file of ones own: added, played, kept; bad files explained', async () => {
  const { page, context, log } = await openPage(browser);
  let state = await toDecks(page);
  const shipped = state.decks.length;

  // The button opens the file chooser; the chosen file is checked and offered at once.
  const chooser = page.waitForEvent('filechooser', { timeout: 30_000 });
  await clickControl(page, state, 'open-deck-file');
  await (await chooser).setFiles({ name: 'ma-fresque.ron', mimeType: 'text/plain', buffer: readFileSync(join(FIXTURES, 'kinds.fr.ron')) });
  state = await waitState(page, (s) => s.deck_file?.outcome === 'added' && s.controls.some((c) => c.id === 'deck-own:trois-manches'), 'one\'s own deck in the list');
  assert.equal(state.decks.length, shipped + 1);
  await screenshot(page, '60-own-deck-added');
  await clickControl(page, state, 'deck-own:trois-manches');
  state = await closeIntro(page);
  assert.equal(state.deck, 'trois-manches');
  assert.equal(state.round.kind, 'categories');

  // Kept in the browser: a reload offers it again.
  await page.reload();
  state = await toDecks(page);
  assert.ok(state.controls.some((c) => c.id === 'deck-own:trois-manches'), 'still offered after a reload');
  assert.equal(state.deck_file, null, 'no notice on a good start');

  // A deck with errors: each problem with line:col and the line it points at; nothing added.
  await give(page, 'semantic.ron', readFileSync(join(FIXTURES, 'semantic.ron')));
  state = await waitState(page, (s) => s.deck_file?.outcome === 'invalid' && s.controls.some((c) => c.id === 'deck-file-report'), 'the errors of the file, on screen');
  assert.ok(state.deck_file.errors.length > 0);
  for (const [i, e] of state.deck_file.errors.entries()) {
    assert.match(e, /^semantic\.ron:\d+:\d+: error: /);
    const line = Number(e.split(':')[1]);
    const wanted = readFileSync(join(FIXTURES, 'semantic.ron'), 'utf8').split('\n')[line - 1].trim();
    if (wanted) assert.equal(state.deck_file.lines[i], wanted);
  }
  assert.equal(state.decks.length, shipped + 1, 'nothing else changed');
  await screenshot(page, '61-own-deck-errors');

  // A binary file and a too-large one are refused with a message.
  await give(page, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]));
  state = await waitState(page, (s) => s.deck_file?.outcome === 'binary', 'binary refused');
  await give(page, 'huge.ron', Buffer.alloc(1536 * 1024, 'a'));
  state = await waitState(page, (s) => s.deck_file?.outcome === 'too-large' && s.controls.some((c) => c.id === 'deck-file-report'), 'too large refused, on screen');
  assert.equal(state.decks.length, shipped + 1);
  await screenshot(page, '62-own-deck-too-large');

  // An empty file, a deck of a newer format, a deck in a language the interface lacks: each
  // gets its message on screen, and nothing is added.
  await give(page, 'vide.ron', Buffer.alloc(0));
  state = await waitState(page, (s) => s.deck_file?.outcome === 'invalid' && s.deck_file.name === 'vide.ron', 'empty refused');
  assert.match(state.deck_file.errors[0], /^vide\.ron:\d+:\d+: error: /);
  const kinds = readFileSync(join(FIXTURES, 'kinds.fr.ron'), 'utf8');
  await give(page, 'futur.ron', Buffer.from(kinds.replace('Deck(', 'Deck(\n    format: 2,')));
  state = await waitState(page, (s) => s.deck_file?.outcome === 'invalid' && s.deck_file.name === 'futur.ron', 'newer format refused');
  assert.ok(state.deck_file.errors.some((e) => /deck format 1, the file says 2/.test(e)), state.deck_file.errors.join('\n'));
  await give(page, 'deutsch.ron', Buffer.from(kinds.replace('language: "fr"', 'language: "de"')));
  state = await waitState(page, (s) => s.deck_file?.outcome === 'no-interface' && s.controls.some((c) => c.id === 'deck-file-report'), 'a language the interface lacks');
  assert.equal(state.deck_file.name, 'deutsch.ron');
  assert.equal(state.decks.length, shipped + 1, 'nothing added');
  await screenshot(page, '63-own-deck-no-interface');

  // Removing it forgets it.
  await clickControl(page, state, 'remove:trois-manches');
  state = await waitState(page, (s) => !s.controls.some((c) => c.id === 'deck-own:trois-manches'), 'the deck removed');
  assert.equal(state.decks.length, shipped);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

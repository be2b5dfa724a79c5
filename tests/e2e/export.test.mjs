// End-to-end: the class record. After a check, "Exporter le plateau" (the real mouse) opens a
// dialog with a picture of the whole board (also the part off screen) and two links; both
// files are saved as a person would, by clicking. The JSON opens again from the deck screen
// and brings back the same board, checked. A board of a deck that is not in the list is
// refused with the reason on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, openPage, waitState, clickControl, drag, center, screenshot, boardArea, dropFromHand,
  startDeck, OUT_DIR,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Saves the file behind a link of the export dialog, by clicking it; returns its bytes. */
async function save(page, selector, keepAs) {
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await page.click(selector);
  const file = await download;
  const path = await file.path();
  copyFileSync(path, join(OUT_DIR, keepAs));
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test('export a checked board (PNG and JSON), then open the JSON again', async () => {
  const { page, context, log } = await openPage(browser, '', { width: 1366, height: 800 }, { acceptDownloads: true });
  let state = await startDeck(page, 'loi');
  const a = boardArea(page);
  const spots = [[0.15, 0.3], [0.5, 0.25], [0.85, 0.3], [0.5, 0.75]]
    .map(([fx, fy]) => ({ x: a.x + a.w * fx, y: a.y + a.h * fy }));
  const cards = state.hand.slice(0, 4);
  for (const [i, spot] of spots.entries()) state = await dropFromHand(page, state, cards[i], spot);
  for (const [n, [i, j]] of [[0, 1], [1, 2], [2, 3]].entries()) {
    const from = state.board.find((b) => b.id === cards[i]);
    const to = state.board.find((b) => b.id === cards[j]);
    await drag(page, { x: from.handle[0], y: from.handle[1] }, center(to.rect));
    state = await waitState(page, (s) => s.links.length === n + 1, `arrow ${n + 1}`, 10_000);
  }
  assert.ok(!state.controls.some((c) => c.id === 'export-board'), 'no export before a check');
  await clickControl(page, state, 'check');
  state = await waitState(page, (s) => s.phase === 'checked' && s.controls.some((c) => c.id === 'export-board'), 'the check');
  const board = state.board.map((b) => b.id).sort();
  const links = state.links.map((l) => `${l.from}>${l.to}`).sort();

  // Zoom in: part of the board leaves the screen; the export still shows all of it.
  for (let i = 0; i < 3; i += 1) {
    await clickControl(page, state, 'zoom-in');
    await page.waitForTimeout(300);
    state = await waitState(page, () => true, 'the state');
  }
  await clickControl(page, state, 'export-board');
  await page.waitForSelector('#export-dialog[open] #export-preview', { timeout: 30_000 });
  await page.waitForFunction(() => document.getElementById('export-preview')?.complete);
  await screenshot(page, '70-export-dialog');

  const png = await save(page, '#export-png', '71-exported-board.png');
  assert.match(png.name, /^fresque-loi-1-[a-z0-9-]+-\d{4}-\d\d-\d\d\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const json = await save(page, '#export-json', '71-exported-board.json');
  assert.equal(json.name, png.name.replace(/\.png$/, '.json'));
  const exported = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(exported.format, 'fresque-board');
  assert.equal(exported.deck.id, 'loi');
  assert.equal(exported.round.kind, 'links');
  assert.deepEqual(exported.cards.map((c) => c.id).sort(), board);
  assert.deepEqual(exported.links.map((l) => `${l.from}>${l.to}`).sort(), links);
  assert.ok(exported.links.every((l) => ['right', 'acceptable', 'wrong'].includes(l.verdict.tone)));
  // The picture spans every card (board units are pixels at scale 1), not the zoomed view.
  const xs = exported.cards.map((c) => c.x);
  const ys = exported.cards.map((c) => c.y);
  const [cw, ch] = exported.card_size;
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  assert.equal(width, Math.ceil(Math.max(Math.max(...xs) - Math.min(...xs) + cw + 120, 900)));
  assert.equal(height, Math.ceil(Math.max(...ys) - Math.min(...ys) + ch + 120 + 130));

  // The dialog closes; next week, the file is opened again from the deck list.
  await page.click('#export-close');
  await page.waitForSelector('#export-dialog', { state: 'detached' });
  await clickControl(page, state, 'quit');
  state = await waitState(page, (s) => s.screen === 'decks' && s.controls.some((c) => c.id === 'open-deck-file'), 'the deck list');
  const chooser = page.waitForEvent('filechooser', { timeout: 30_000 });
  await clickControl(page, state, 'open-deck-file');
  await (await chooser).setFiles({ name: json.name, mimeType: 'application/json', buffer: json.bytes });
  state = await waitState(page, (s) => s.screen === 'play' && s.phase === 'checked', 'the board reopened, checked');
  assert.equal(state.deck, 'loi');
  assert.deepEqual(state.board.map((b) => b.id).sort(), board);
  assert.deepEqual(state.links.map((l) => `${l.from}>${l.to}`).sort(), links);
  await screenshot(page, '72-board-reopened');

  // A board from a deck that is not in the list: refused, with the reason on screen.
  await clickControl(page, state, 'quit');
  state = await waitState(page, (s) => s.screen === 'decks', 'the deck list');
  const decks = state.decks.length;
  const foreign = { ...exported, deck: { ...exported.deck, id: 'autre-paquet' } };
  await page.setInputFiles('#deck-file', { name: 'autre.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(foreign)) });
  state = await waitState(page, (s) => s.deck_file?.outcome === 'board-refused' && s.controls.some((c) => c.id === 'deck-file-report'), 'the refusal, on screen');
  assert.match(state.deck_file.errors[0], /« autre-paquet » .* n'est pas dans la liste/);
  assert.equal(state.screen, 'decks');
  assert.equal(state.decks.length, decks, 'nothing else changed');
  await screenshot(page, '73-board-refused');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

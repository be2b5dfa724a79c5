// End-to-end: the deck screen on a laptop screen (1366 × 768): every shipped deck is visible
// with its duration and kinds of rounds, and "Cartes à imprimer (PDF)" opens the deck's
// printable cards (written by deck-print at build time) in a new tab; "Guide d'animation" opens
// the facilitator's guide (built from docs/guide-animation.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  launch, openPage, waitReady, waitState, clickControl, control, screenshot, OUT_DIR,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the deck tiles fit a laptop screen and open the printable cards', async () => {
  const viewport = { width: 1366, height: 768 };
  const { page, context, log } = await openPage(browser, '', viewport);
  await waitReady(page);
  let state = await waitState(page, (s) => s.screen === 'title', 'the title screen');
  await clickControl(page, state, 'play');
  state = await waitState(page, (s) => s.screen === 'decks' && s.controls.some((c) => c.id === 'deck:classe'), 'the deck list');
  await screenshot(page, '04-deck-tiles');
  const decks = state.controls.filter((c) => c.id.startsWith('deck:'));
  assert.equal(decks.length, 5, `the five shipped decks: ${decks.map((c) => c.id)}`);
  for (const c of state.controls.filter((x) => x.id.startsWith('deck:') || x.id.startsWith('print:'))) {
    assert.ok(c.rect.y >= 0 && c.rect.y + c.rect.h <= viewport.height, `${c.id} is on screen without scrolling: ${JSON.stringify(c.rect)}`);
  }

  const opened = context.waitForEvent('request', { predicate: (r) => r.url().endsWith('/print/loi.fr.pdf'), timeout: 30_000 });
  await clickControl(page, state, 'print:loi');
  const request = await opened;
  const response = await page.request.get(request.url());
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /application\/pdf/);
  const body = await response.body();
  assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  assert.ok(body.length > 20_000, `a PDF with cards (${body.length} bytes)`);
  state = await waitState(page, (s) => s.screen === 'decks', 'the game still on the deck list');

  // The facilitator's guide, a page of the site, with a section for each shipped deck.
  const guide = control(state, 'guide');
  assert.ok(guide.rect.y + guide.rect.h <= viewport.height, 'the guide button is on screen');
  const tab = context.waitForEvent('page', { timeout: 30_000 });
  await clickControl(page, state, 'guide');
  const guidePage = await tab;
  await guidePage.waitForLoadState();
  assert.match(new URL(guidePage.url()).pathname, /\/guide\/fr\.html$/);
  assert.match(await guidePage.title(), /Guide d'animation/);
  for (const id of ['classe', 'institutions', 'loi', 'participer', 'pgo']) {
    assert.equal(await guidePage.locator(`#deck-${id}`).count(), 1, `the guide's section for ${id}`);
  }
  await guidePage.locator('#deck-classe').scrollIntoViewIfNeeded();
  await guidePage.screenshot({ path: join(OUT_DIR, '05-guide.png') });
  await guidePage.close();
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

// End-to-end: the HTML mirror (src/mirror, web/mirror.js), for keyboard and screen reader users.
// - The keyboard alone (no mouse event at all) plays the fixture parcours (categories, timeline,
//   matching) to perfect checks and its summary: Tab to a card, Enter, arrow keys among the
//   destinations, Enter; the game rings the focused card on the canvas.
// - The mirror alone, its buttons found by role and name as a screen reader user finds them,
//   plays a links round (the small example deck: lots, cards, arrows) to a perfect check.
// - axe-core finds no WCAG 2.1 A/AA violation on the title, the deck list, each round kind
//   before and after its check, and the summary. No rule is disabled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openPage, waitReady, waitState, gameState, screenshot } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const FIXTURES_URL = process.env.FIXTURES_URL;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** axe-core's WCAG 2.1 A and AA rules on the whole page: no violation. */
async function axe(page, what) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${what}`);
}

/** The mirror's tree as the game publishes it. */
const mirrorTree = (page) => page.evaluate(() => JSON.parse(document.getElementById('fresque-mirror').textContent));

function walk(node, out = []) {
  out.push(node);
  for (const c of node.children || []) walk(c, out);
  return out;
}

/** Card titles by id, as the mirror shows them. */
async function titles(page) {
  const out = {};
  for (const n of walk(await mirrorTree(page))) if (n.key.startsWith('title:')) out[n.key.slice(6)] = n.text;
  return out;
}

/** What has the keyboard focus: its text, key, and the name of its group. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const group = el && el.closest && el.closest('[role="group"]');
  return {
    text: el ? (el.textContent || '').trim() : '',
    key: el && el.dataset ? el.dataset.key || '' : '',
    group: group ? group.getAttribute('aria-label') : null,
    inMirror: !!(el && document.getElementById('mirror').contains(el)),
  };
});

/**
 * Presses Tab, or Shift+Tab when the button is before the focus in the page, until the button
 * named `name` (in group `group`) has the focus.
 */
async function tabTo(page, name, group = undefined, max = 80) {
  const deadline = Date.now() + 15_000;
  for (let i = 0; i < max && Date.now() < deadline; i++) {
    const where = await page.evaluate(([name, group]) => {
      const all = [...document.querySelectorAll('button, [tabindex="0"]')].filter((el) => !el.disabled && el.offsetParent !== null || el.closest('#mirror'));
      const named = (el) => (el.textContent || '').trim() === name
        && (group === null || (el.closest('[role="group"]') || { getAttribute: () => null }).getAttribute('aria-label') === group);
      const target = all.findIndex(named);
      const here = all.indexOf(document.activeElement);
      if (target < 0) return 'missing';
      if (target === here) return 'there';
      return here >= 0 && target < here ? 'back' : 'forward';
    }, [name, group === undefined ? null : group]);
    if (where === 'there') return;
    if (where === 'missing') {
      // Not there yet (a screen still being built): wait rather than press.
      i -= 1;
      await page.waitForTimeout(100);
      continue;
    }
    await page.keyboard.press(where === 'back' ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached « ${name} » (focus on « ${(await focused(page)).text} »)`);
}

/** Waits until the focus is on an element whose key is `key`. */
async function focusOn(page, key, what) {
  await page.waitForFunction((k) => document.activeElement && document.activeElement.dataset.key === k, key, { timeout: 30_000 })
    .catch(async () => { throw new Error(`the focus never came to ${key} (${what}); it is on ${JSON.stringify(await focused(page))}`); });
}

/** Arrow keys among a group's buttons until `name` has the focus. */
async function arrowTo(page, name) {
  for (let i = 0; i < 30; i++) {
    if ((await focused(page)).text === name) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the arrow keys never reached « ${name} »`);
}

/** Keyboard only: choose a card, then the destination named `place`. */
async function moveWithKeys(page, chooseLabel, card, place, shot = null) {
  await tabTo(page, chooseLabel);
  await page.keyboard.press('Enter');
  await focusOn(page, 'dest:0', `the destinations of ${card}`);
  await arrowTo(page, place);
  if (shot) await screenshot(page, shot);
  await page.keyboard.press('Enter');
  await focusOn(page, `card:${card}`, `back on ${card}`);
}

async function checkWithKeys(page, kind) {
  await tabTo(page, 'Vérifier');
  await page.keyboard.press('Enter');
  const state = await waitState(page, (s) => s.phase === 'checked', `the ${kind} check`);
  assert.ok(state.report.perfect, `${kind}: a perfect check ${JSON.stringify(state.report)}`);
  return state;
}

test('the keyboard alone plays categories, timeline and matching to the summary', { skip: !FIXTURES_URL && 'FIXTURES_URL not set' }, async () => {
  const { page, log } = await openPage(browser, FIXTURES_URL, { width: 1024, height: 768 });
  let mouseEvents = 0;
  await page.exposeFunction('countMouse', () => { mouseEvents += 1; });
  await page.evaluate(() => {
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'touchstart']) {
      window.addEventListener(type, (e) => { if (e.isTrusted && e.detail !== 0) window.countMouse(); }, true);
    }
  });
  await waitReady(page);
  await waitState(page, (s) => s.screen === 'title', 'the title screen');
  await axe(page, 'the title screen');

  // The first element Tab reaches is in the mirror, which then shows beside the board. (The
  // first press may only bring the focus into the page.)
  await page.keyboard.press('Tab');
  if ((await page.evaluate(() => document.activeElement === document.body))) await page.keyboard.press('Tab');
  assert.ok((await focused(page)).inMirror, 'the first element Tab reaches is in the mirror');
  await tabTo(page, 'Jouer');
  await screenshot(page, '80-mirror-title-focus');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => s.screen === 'decks', 'the deck list');
  await axe(page, 'the deck list');
  await tabTo(page, 'Jouer', 'Essai : trois manches');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => s.screen === 'play' && s.round && s.round.kind === 'categories', 'the categories round');
  await tabTo(page, 'Commencer');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => !s.controls.some((c) => c.id === 'start'), 'the board');
  await axe(page, 'a categories round');

  const t = await titles(page);
  const zones = { assemblee: 'Vote la loi', senat: 'Vote la loi', president: 'Promulgue la loi' };
  for (const [card, zone] of Object.entries(zones)) {
    const shot = card === 'president' ? '86-mirror-zone-ringed' : null;
    await moveWithKeys(page, `Choisir où mettre « ${t[card]} »`, card, `Dans la zone « ${zone} »`, shot);
    if (card === 'assemblee') {
      // The focused card is ringed on the canvas, as a chosen one (the game hears of the
      // page's focus in its next frame).
      await waitState(page, (s) => s.keyboard === 'assemblee', 'the focused card ringed on the canvas');
      // The move is announced to screen readers.
      const said = `« ${t.assemblee} » : Dans la zone « Vote la loi ».`;
      await page.waitForFunction((s) => document.getElementById('announcer').textContent === s, said, { timeout: 5_000 })
        .catch(async () => assert.equal(await page.textContent('#announcer'), said));
      await screenshot(page, '81-mirror-keyboard-categories');
    }
  }
  // Escape cancels a move.
  await tabTo(page, `Déplacer « ${t.senat} »`);
  await page.keyboard.press('Enter');
  await focusOn(page, 'dest:0', 'the destinations');
  await page.keyboard.press('Escape');
  await focusOn(page, 'card:senat', 'back on the card after Escape');
  assert.equal((await gameState(page)).moving, null);
  await checkWithKeys(page, 'categories');
  await axe(page, 'a checked categories round');
  await tabTo(page, 'Manche 2 →');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => s.round.kind === 'timeline' && s.phase === 'playing', 'the timeline round');
  await tabTo(page, 'Commencer');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => !s.controls.some((c) => c.id === 'start'), 'the timeline board');
  await axe(page, 'a timeline round');

  const order = ['adoption', 'promulgation', 'journal-officiel'];
  const t2 = await titles(page);
  for (const [i, card] of order.entries()) {
    const place = i === 0 ? 'En premier sur la frise' : `Après « ${t2[order[i - 1]]} »`;
    await moveWithKeys(page, `Choisir où mettre « ${t2[card]} »`, card, place);
  }
  await screenshot(page, '82-mirror-keyboard-timeline');
  await checkWithKeys(page, 'timeline');
  await axe(page, 'a checked timeline round');
  await tabTo(page, 'Manche 3 →');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => s.round.kind === 'matching' && s.phase === 'playing', 'the matching round');
  await tabTo(page, 'Commencer');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => !s.controls.some((c) => c.id === 'start'), 'the matching board');
  await axe(page, 'a matching round');

  const t3 = await titles(page);
  const pairs = [['president', ['promulgation']], ['adoption', ['assemblee', 'senat']]];
  for (const [left, rights] of pairs) {
    await tabTo(page, `Poser « ${t3[left]} » sur le plateau`);
    await page.keyboard.press('Enter');
    await waitState(page, (s) => s.board.some((b) => b.id === left), `${left} on the board`);
    for (const right of rights) {
      await moveWithKeys(page, `Associer « ${t3[right]} » à une carte du plateau`, right, `Avec « ${t3[left]} »`);
    }
  }
  await screenshot(page, '83-mirror-keyboard-matching');
  await checkWithKeys(page, 'matching');
  await axe(page, 'a checked matching round');
  await tabTo(page, 'Bilan →');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => s.summary !== null, 'the summary');
  await axe(page, 'the summary');
  await screenshot(page, '84-mirror-summary');

  // "?" brings the help into view.
  await page.keyboard.press('?');
  assert.equal((await focused(page)).key, 'mirror-help');
  assert.equal(mouseEvents, 0, 'no mouse event was used');
  assert.deepEqual(log.pageErrors, []);
});

test('the mirror alone, by role and name, plays a links round', { skip: !FIXTURES_URL && 'FIXTURES_URL not set' }, async () => {
  const { page, log } = await openPage(browser, FIXTURES_URL, { width: 1024, height: 768 });
  await waitReady(page);
  await waitState(page, (s) => s.screen === 'title', 'the title screen');
  // A screen reader user reaches a button by its role and name, then presses Enter.
  const press = async (name, scope = page) => {
    const button = scope.getByRole('button', { name, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
  };
  await press('Jouer');
  await waitState(page, (s) => s.screen === 'decks', 'the deck list');
  await press('Jouer', page.getByRole('group', { name: 'Exemple : après le vote' }));
  await waitState(page, (s) => s.screen === 'play' && s.deck === 'exemple', 'the links deck');
  await press('Commencer');
  let state = await waitState(page, (s) => !s.controls.some((c) => c.id === 'start'), 'the board');
  assert.equal(state.round.kind, 'links');
  await axe(page, 'a links round');

  // Every lot, every card on the board.
  for (;;) {
    const next = page.getByRole('button', { name: /^Lot suivant/ });
    if (await next.count() === 0) break;
    const lots = state.hand.length;
    await next.focus();
    await page.keyboard.press('Enter');
    state = await waitState(page, (s) => s.hand.length > lots || !s.controls.some((c) => c.id === 'next-lot'), 'the next lot');
  }
  const t = await titles(page);
  for (const card of state.hand) {
    await press(`Poser « ${t[card]} » sur le plateau`);
    state = await waitState(page, (s) => s.board.some((b) => b.id === card), `${card} on the board`);
  }
  assert.equal(state.hand.length, 0);

  // The required arrows, read from the deck file (the answers a player would know).
  const text = await page.evaluate(() => fetch('assets/decks/exemple.fr.ron').then((r) => r.text()));
  const round = text.slice(text.indexOf('links: ['), text.indexOf('wrong_links: ['));
  const required = [...round.matchAll(/Link\(\s*from: "([^"]+)",\s*to: "([^"]+)"(?:,\s*kind: (\w+))?/g)]
    .filter((m) => (m[3] || 'Required') === 'Required').map((m) => [m[1], m[2]]);
  assert.ok(required.length >= 2, `the round's arrows: ${required.length}`);
  for (const [from, to] of required) {
    await press(`Tracer une flèche depuis « ${t[from]} »`);
    const group = page.getByRole('group', { name: `Flèche depuis « ${t[from]} » : vers quelle carte ?` });
    await group.waitFor();
    await press(`Vers « ${t[to]} »`, group);
    state = await waitState(page, (s) => s.links.some((l) => l.from === from && l.to === to), `the arrow ${from} → ${to}`);
  }
  await screenshot(page, '85-mirror-links');
  await press('Vérifier');
  state = await waitState(page, (s) => s.phase === 'checked', 'the check');
  assert.ok(state.report.perfect, JSON.stringify(state.report).slice(0, 400));
  // Verdicts are in the mirror, and announced.
  const arrows = page.getByRole('list', { name: `Flèches : ${required.length}` });
  assert.equal(await arrows.getByText(/— Juste :/).count(), required.length);
  assert.match(await page.textContent('#announcer'), /\S/);
  await axe(page, 'a checked links round');
  assert.deepEqual(log.pageErrors, []);
});

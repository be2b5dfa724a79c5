// End-to-end: a workshop on the workshop server. A facilitator (a laptop on the projector)
// creates a room of the law deck with two tables; three players join with the code from
// their tablets (1024 × 768): two at table 1, one at table 2. The facilitator deals the lots
// into the players' hands, the two players of table 1 see each other's moves, the console
// follows the tables, locking works, a timer runs on every screen, the facilitator shows
// table 1 to everyone, checks, and ends on the shared debrief. Real mouse and keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, waitReady, waitState, clickControl, control, drag, center, screenshot,
  boardArea, dropFromHand, joinWorkshop, hostWorkshop,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/** A player opens the join link on a tablet, types a first name, and sits at `table`. */
const join = (room, name, table, tables = 2) => joinWorkshop(browser, room, name, table, tables);

/** Cards of the hand this player holds (not dealt to someone else). */
const mine = (s) => s.hand.filter((c) => !s.workshop.held_by_others.some(([card]) => card === c));

test('a facilitator and three players play a paced links round to a shared debrief', async () => {
  // The facilitator creates the room.
  const { page: f, context: fc } = await openPage(browser, '', { width: 1366, height: 800 });
  await waitReady(f);
  let fs = await waitState(f, (s) => s.screen === 'title' && s.workshops === 'yes', 'the title screen with workshops');
  await clickControl(f, fs, 'workshop-host');
  fs = await waitState(f, (s) => s.screen === 'host' && s.controls.some((c) => c.id === 'host-deck:loi'), 'the host screen');
  // The host screen is built again after each choice: a click that lands while it is rebuilt
  // (press on the old button, release on the new one) is lost, so each click is tried again once.
  const clickUntil = async (state, id, done, what) => {
    for (let attempt = 0; ; attempt += 1) {
      await clickControl(f, state, id);
      try {
        return await waitState(f, done, what, 8_000);
      } catch (e) {
        if (attempt > 0) throw e;
        state = await waitState(f, (s) => s.controls.some((c) => c.id === id), id);
      }
    }
  };
  fs = await clickUntil(fs, 'host-deck:loi', (s) => s.host?.[0] === 'loi.fr.ron', 'the deck chosen');
  for (const n of [3, 2]) {
    fs = await clickUntil(fs, 'host-tables-minus', (s) => s.host?.[1] === n, `${n} tables`);
  }
  assert.equal(fs.host[0], 'loi.fr.ron');
  await clickControl(f, fs, 'host-create');
  fs = await waitState(f, (s) => s.screen === 'console' && s.workshop?.tables.length === 2, 'the console');
  const room = fs.workshop.room;
  assert.match(room, /^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);
  assert.equal(fs.workshop.role, 'facilitator');
  assert.match(new URL(f.url()).search, new RegExp(`host=${room}`), 'a reload comes back to the console');

  // Three players join with the code.
  const a = await join(room, 'Léa', 1);
  const b = await join(room, 'Tom', 1);
  const c = await join(room, 'Zoé', 2);
  fs = await waitState(f, (s) => s.workshop.tables[0].online === 2 && s.workshop.tables[1].online === 1, 'every player on the console');
  assert.deepEqual(fs.workshop.tables[0].players.sort(), ['Léa', 'Tom']);
  await screenshot(f, '40-console');

  // The facilitator deals the first lot into the players' hands, in turn.
  await clickControl(f, fs, 'deal-lot');
  let as = await waitState(a.page, (s) => s.workshop.held_by_others.length > 0, 'cards dealt');
  let bs = await waitState(b.page, (s) => s.workshop.held_by_others.length > 0, 'cards dealt');
  const aCards = mine(as);
  const bCards = mine(bs);
  assert.ok(aCards.length >= 2 && bCards.length >= 2, `${aCards} / ${bCards}`);
  assert.equal(aCards.filter((x) => bCards.includes(x)).length, 0, 'each card has one holder');
  assert.ok(as.workshop.held_by_others.every(([, who]) => who === 'Tom'));

  // Léa places one of her cards; Tom sees it. Tom places one of his; Léa sees it.
  const area = boardArea(a.page);
  as = await dropFromHand(a.page, as, aCards[0], { x: area.x + area.w * 0.25, y: area.y + area.h * 0.4 });
  bs = await waitState(b.page, (s) => s.board.some((x) => x.id === aCards[0]), 'Léa\'s card on Tom\'s screen');
  bs = await dropFromHand(b.page, bs, bCards[0], { x: area.x + area.w * 0.7, y: area.y + area.h * 0.4 });
  as = await waitState(a.page, (s) => s.board.some((x) => x.id === bCards[0]), 'Tom\'s card on Léa\'s screen');
  // Léa draws an arrow between them; Tom sees it.
  const from = as.board.find((x) => x.id === aCards[0]);
  const to = as.board.find((x) => x.id === bCards[0]);
  await drag(a.page, { x: from.handle[0], y: from.handle[1] }, center(to.rect));
  as = await waitState(a.page, (s) => s.links.length === 1, 'the arrow');
  bs = await waitState(b.page, (s) => s.links.length === 1 && s.links[0].from === aCards[0], 'the arrow on Tom\'s screen');
  await screenshot(b.page, '41-player-board');
  // The console follows: two cards and an arrow at table 1, nothing at table 2.
  fs = await waitState(f, (s) => s.workshop.tables[0].placed === 2 && s.workshop.tables[0].links === 1, 'table 1 on the console');
  assert.equal(fs.workshop.tables[1].placed, 0);

  // Lock table 1: Tom's move is refused and nothing moves.
  await clickControl(f, fs, 'lock-table-1');
  bs = await waitState(b.page, (s) => s.workshop.tables[0].locked, 'the lock on Tom\'s screen');
  const r = control(bs, `hand:${bCards[1]}`).rect;
  await drag(b.page, { x: r.x + r.w / 2, y: r.y + r.h / 2 }, { x: area.x + area.w * 0.5, y: area.y + area.h * 0.75 });
  await b.page.waitForFunction(() => document.getElementById('announcer').textContent.includes('verrouillé'), null, { timeout: 30_000 });
  bs = await waitState(b.page, (s) => s.hand.includes(bCards[1]) && !s.board.some((x) => x.id === bCards[1]), 'the card still in the hand');
  fs = await waitState(f, (s) => s.workshop.tables[0].locked, 'the lock on the console');
  await clickControl(f, fs, 'lock-table-1');
  fs = await waitState(f, (s) => !s.workshop.tables[0].locked, 'unlocked');

  // A timer of 5 minutes, held by the server, on every screen.
  await clickControl(f, fs, 'timer-5');
  const cs = await waitState(c.page, (s) => s.workshop.timer > 280 && s.workshop.timer <= 300, 'the timer on Zoé\'s screen');
  assert.equal(cs.workshop.table, 2);
  // Paused on every screen, then stopped (a running timer redraws every screen each second).
  fs = await waitState(f, (s) => s.controls.some((x) => x.id === 'timer-pause'), 'the pause button');
  await clickControl(f, fs, 'timer-pause');
  const paused = (await waitState(c.page, (s) => s.workshop.timer_running === false, 'the timer paused')).workshop.timer;
  assert.ok(paused > 0 && paused <= 300);
  fs = await waitState(f, (s) => s.controls.some((x) => x.id === 'timer-stop'), 'the stop button');
  await clickControl(f, fs, 'timer-stop');
  await waitState(c.page, (s) => s.workshop.timer === null, 'the timer stopped');

  // The next lot, revealed and dealt.
  fs = await waitState(f, (s) => s.controls.some((x) => x.id === 'deal-lot'), 'the console');
  const before = (await waitState(a.page, () => true, 'Léa\'s state')).hand.length;
  await clickControl(f, fs, 'deal-lot');
  await waitState(a.page, (s) => s.hand.length > before, 'the second lot');

  // The facilitator shows table 1 to everyone: Zoé (table 2) sees Léa's board, read-only.
  fs = await waitState(f, (s) => s.controls.some((x) => x.id === 'follow-table-1'), 'the console');
  await clickControl(f, fs, 'follow-table-1');
  let zs = await waitState(c.page, (s) => s.workshop.shown === 1 && s.board.some((x) => x.id === aCards[0]), 'table 1 on Zoé\'s screen');
  await screenshot(c.page, '42-following');
  fs = await waitState(f, (s) => s.controls.some((x) => x.id === 'follow-stop'), 'the follow button');
  await clickControl(f, fs, 'follow-stop');
  zs = await waitState(c.page, (s) => s.workshop.shown === 2 && s.board.length === 0, 'Zoé back at table 2');

  // Check every table, then the shared debrief.
  await clickControl(f, fs, 'check-all');
  as = await waitState(a.page, (s) => s.phase === 'checked', 'the check on Léa\'s screen');
  assert.equal(as.links[0].verdict !== null, true);
  fs = await waitState(f, (s) => s.workshop.tables.every((t) => t.phase === 'checked'), 'every table checked');
  await screenshot(f, '43-console-checked');
  await clickControl(f, fs, 'end');
  for (const p of [a.page, b.page, c.page]) {
    await waitState(p, (s) => s.screen === 'debrief' && s.workshop.ended, 'the debrief');
  }
  await screenshot(a.page, '44-debrief-player');
  fs = await waitState(f, (s) => s.controls.some((x) => x.id === 'open-debrief') && s.workshop.ended, 'the ended room');
  await clickControl(f, fs, 'open-debrief');
  await waitState(f, (s) => s.screen === 'debrief', 'the facilitator\'s debrief');
  await screenshot(f, '45-debrief');

  for (const p of [a, b, c]) {
    assert.deepEqual(p.log.pageErrors, []);
    await p.context.close();
  }
  await fc.close();
});

test('a player who reloads the page sits at the same table with the whole board', async () => {
  const { page: f, context: fc, room } = await hostWorkshop(browser);
  const a = await join(room, 'Léa', 3, 4);
  let as = await waitState(a.page, (s) => s.hand.length > 0, 'the hand');
  const area = boardArea(a.page);
  as = await dropFromHand(a.page, as, as.hand[0], { x: area.x + area.w * 0.4, y: area.y + area.h * 0.5 });
  const board = as.board.map((x) => x.id);
  await a.page.reload();
  await waitReady(a.page);
  // The seat is kept by the browser: straight back to the table, same board (the round's
  // instructions show again).
  as = await waitState(a.page, (s) => s.screen === 'play' && s.workshop?.table === 3 && s.board.length === board.length, 'the table again');
  assert.deepEqual(as.board.map((x) => x.id), board);
  // The facilitator's page reloads too: back to the console of the same room.
  await f.reload();
  await waitReady(f);
  const fs = await waitState(f, (s) => s.screen === 'console' && s.workshop?.room === room, 'the console again');
  assert.equal(fs.workshop.tables[2].placed, 1);
  await a.context.close();
  await fc.close();
});

test('on a static host, workshops say plainly that they need the server', async () => {
  const url = process.env.FIXTURES_URL;
  if (!url) return;
  const { page, context } = await openPage(browser, url);
  await waitReady(page);
  const state = await waitState(page, (s) => s.screen === 'title' && s.workshops === 'no', 'the title screen');
  assert.ok(!state.controls.some((c) => c.id === 'workshop-host'), 'no workshop button');
  const text = await page.evaluate(() => document.body.dataset.workshops);
  assert.equal(text, 'no');
  await screenshot(page, '46-static-host');
  await context.close();
});

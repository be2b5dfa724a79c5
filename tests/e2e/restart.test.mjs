// End-to-end: a workshop server killed (`kill -9`) in the middle of a workshop and started
// again on the same data folder. The test runs its own server (the one built for the other
// tests) on port 18081. The facilitator's console and a player's tablet reconnect by
// themselves; the board, the timer and the lock are back; a move made while the server was
// down is sent when it is back, and the game goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch, waitState, clickControl, screenshot, boardArea, dropFromHand, hostWorkshop,
  joinWorkshop,
} from './helpers.mjs';

const SERVER = process.env.SERVER_BIN
  || join(process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/fresque/target'), 'debug/fresque-server');
const SITE = process.env.SITE_DIR;
const PORT = 18081;
const BASE = `http://127.0.0.1:${PORT}/`;

let browser;
let data;
before(async () => {
  assert.ok(SITE, 'SITE_DIR names the built site (scripts/test.sh sets it)');
  data = mkdtempSync(join(tmpdir(), 'fresque-restart-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (data) rmSync(data, { recursive: true, force: true });
});

/** Starts the server on the data folder; resolves once it listens. */
function startServer() {
  const proc = spawn(SERVER, ['--site', SITE, '--port', String(PORT), '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 20_000);
    proc.stdout.on('data', (d) => {
      if (String(d).includes('Serving')) {
        clearTimeout(timer);
        resolve({ proc, stderr: () => err });
      }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server stopped (${code}): ${err}`)); });
  });
}

function kill(server) {
  return new Promise((resolve) => {
    server.proc.removeAllListeners('exit');
    server.proc.on('exit', () => resolve());
    server.proc.kill('SIGKILL');
  });
}

test('a server killed mid-workshop comes back with every board, and the clients carry on', async () => {
  let server = await startServer();
  try {
    const { page: f, context: fc, room } = await hostWorkshop(browser, BASE);
    const a = await joinWorkshop(browser, room, 'Léa', 2, 4, BASE);
    // The facilitator starts a 10-minute timer and locks table 3.
    let fs = await waitState(f, (s) => s.workshop?.tables[1]?.online === 1 && s.controls.some((c) => c.id === 'timer-10'), 'Léa at table 2');
    await clickControl(f, fs, 'timer-10');
    fs = await waitState(f, (s) => s.workshop.timer_running && s.controls.some((c) => c.id === 'lock-table-3'), 'the timer running');
    await clickControl(f, fs, 'lock-table-3');
    fs = await waitState(f, (s) => s.workshop.tables[2].locked, 'table 3 locked');
    let as = await waitState(a.page, (s) => s.hand.length > 1 && s.workshop.timer_running, 'the hand and the timer');
    const area = boardArea(a.page);
    as = await dropFromHand(a.page, as, as.hand[0], { x: area.x + area.w * 0.35, y: area.y + area.h * 0.5 });
    as = await waitState(a.page, (s) => s.workshop.tables.find((t) => t.n === 2)?.pending === 0, 'the move acknowledged');
    const before = { board: as.board.map((c) => c.id), seq: as.workshop.tables.find((t) => t.n === 2).seq };

    await kill(server);
    as = await waitState(a.page, (s) => s.workshop.link === 'retrying', 'the tablet sees the connection lost');
    await waitState(f, (s) => s.workshop.link === 'retrying', 'the console sees it too');
    // A move made while the server is down stays on the tablet, pending.
    as = await dropFromHand(a.page, as, as.hand[0], { x: area.x + area.w * 0.6, y: area.y + area.h * 0.3 });
    assert.equal(as.board.length, before.board.length + 1);
    await screenshot(a.page, '97-workshop-server-down');

    server = await startServer();
    // Both reconnect by themselves (retries after 1, 2, 4… s) and get the same tables back.
    as = await waitState(a.page, (s) => s.workshop.link === 'open'
      && s.workshop.tables.find((t) => t.n === 2)?.pending === 0
      && s.workshop.tables.find((t) => t.n === 2)?.seq === before.seq + 1, 'the tablet back, its pending move applied', 40_000);
    for (const id of before.board) {
      assert.ok(as.board.some((c) => c.id === id), `card ${id} still on the board`);
    }
    assert.equal(as.board.length, before.board.length + 1);
    assert.ok(as.workshop.timer_running, 'the timer runs on');
    fs = await waitState(f, (s) => s.workshop.link === 'open' && s.workshop.tables[1].placed === 2
      && s.workshop.tables[1].online === 1, 'the console back, with both cards of table 2', 40_000);
    assert.ok(fs.workshop.tables[2].locked, 'table 3 still locked');
    assert.ok(fs.workshop.timer_running);
    await screenshot(f, '98-workshop-console-after-restart');
    // The game goes on.
    as = await dropFromHand(a.page, as, as.hand[0], { x: area.x + area.w * 0.5, y: area.y + area.h * 0.7 });
    await waitState(f, (s) => s.workshop.tables[1].placed === 3, 'a third card seen by the facilitator');
    await a.context.close();
    await fc.close();
  } finally {
    await kill(server);
  }
});

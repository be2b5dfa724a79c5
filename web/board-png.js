// The picture of an exported board (see crates/core/src/export.rs): the whole board, not
// just what the screen shows, drawn from the export's JSON so that picture and file agree.
// `showExport` opens a dialog with the picture and two download links (real links that the
// person clicks: browsers allow those, unlike several automatic downloads).

const COLORS = {
  background: '#f7f5ed',
  zone: '#ece8dc',
  zoneEdge: '#c8c1b0',
  ink: '#1c2133',
  soft: '#525a6b',
  card: '#ffffff',
  cardEdge: '#00388c',
  link: '#33384d',
  right: '#17753a',
  acceptable: '#8c5900',
  wrong: '#bf1c1c',
  missing: '#734f9e',
};
const FONT = '"DejaVu Sans", "Segoe UI", Arial, sans-serif';
const HEADER = 130;
const PAD = 60;
const MAX_SIDE = 7000;

let fontReady = null;
function loadFont() {
  if (!fontReady) {
    const faces = [
      new FontFace('DejaVu Sans', 'url(assets/fonts/DejaVuSans.ttf)'),
      new FontFace('DejaVu Sans', 'url(assets/fonts/DejaVuSans-Bold.ttf)', { weight: 'bold' }),
    ];
    fontReady = Promise.all(faces.map((f) => f.load().then((f) => document.fonts.add(f))))
      .catch(() => {});
  }
  return fontReady;
}

function toneColor(mark) {
  return (mark && COLORS[mark.tone]) || null;
}

function wrap(ctx, text, width) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

// Where the segment from the centre of a w×h box at (cx, cy) towards (tx, ty) leaves the box.
function edgePoint(cx, cy, tx, ty, w, h) {
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : (w / 2) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (h / 2) / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}

/** Draws the board of `board` (an export object) on a new canvas. */
export function drawBoard(board) {
  const [cw, ch] = board.card_size || [240, 180];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const grow = (x0, y0, x1, y1) => {
    minX = Math.min(minX, x0); minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1); maxY = Math.max(maxY, y1);
  };
  for (const c of board.cards) grow(c.x - cw / 2, c.y - ch / 2, c.x + cw / 2, c.y + ch / 2);
  for (const z of board.zones || []) grow(z.x, z.y, z.x + z.w, z.y + z.h);
  if (board.timeline) {
    const t = board.timeline;
    grow(t.left, t.y - ch, t.right, t.y + ch);
  }
  if (!Number.isFinite(minX)) grow(-cw, -ch, cw, ch);
  minX -= PAD; minY -= PAD; maxX += PAD; maxY += PAD;
  const width = Math.max(maxX - minX, 900);
  const height = maxY - minY;
  const scale = Math.min(1, MAX_SIDE / width, MAX_SIDE / height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale + HEADER);
  const ctx = canvas.getContext('2d');
  const X = (x) => (x - minX) * scale;
  const Y = (y) => HEADER + (maxY - y) * scale;

  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);

  // Header: deck, round, summary, date.
  ctx.fillStyle = COLORS.ink;
  ctx.textBaseline = 'top';
  ctx.font = `bold 24px ${FONT}`;
  ctx.fillText(board.deck.title, 24, 16, canvas.width - 48);
  ctx.font = `bold 19px ${FONT}`;
  ctx.fillText(`${board.round.index + 1}. ${board.round.title}`, 24, 50, canvas.width - 48);
  ctx.font = `17px ${FONT}`;
  ctx.fillStyle = COLORS.soft;
  ctx.fillText(board.summary, 24, 80, canvas.width - 48);
  ctx.font = `14px ${FONT}`;
  ctx.fillText(`Fresque de la démocratie · ${board.exported_at.slice(0, 10)}`, 24, 106);
  if (board.missing.length && board.missing_label) {
    // The legend of the dashed lines: the reference's arrows (or pairs) not drawn.
    ctx.textAlign = 'right';
    ctx.fillStyle = COLORS.missing;
    ctx.font = `bold 14px ${FONT}`;
    const text = `${board.missing_label} (${board.missing.length})`;
    const right = canvas.width - 24;
    ctx.fillText(text, right, 106);
    const left = right - ctx.measureText(text).width - 56;
    ctx.strokeStyle = COLORS.missing;
    ctx.lineWidth = 3;
    ctx.setLineDash([8, 6]);
    ctx.beginPath();
    ctx.moveTo(left, 114);
    ctx.lineTo(left + 46, 114);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.textAlign = 'left';
  }
  ctx.strokeStyle = COLORS.zoneEdge;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, HEADER - 0.5);
  ctx.lineTo(canvas.width, HEADER - 0.5);
  ctx.stroke();

  // Landmarks: zones, the timeline.
  for (const z of board.zones || []) {
    roundRect(ctx, X(z.x), Y(z.y + z.h), z.w * scale, z.h * scale, 16 * scale);
    ctx.fillStyle = COLORS.zone;
    ctx.fill();
    ctx.strokeStyle = COLORS.zoneEdge;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.fillStyle = COLORS.ink;
    ctx.font = `bold ${Math.round(26 * scale)}px ${FONT}`;
    ctx.textAlign = 'center';
    const lines = wrap(ctx, z.label, (z.w - 40) * scale);
    lines.slice(0, 3).forEach((l, i) => {
      ctx.fillText(l, X(z.x + z.w / 2), Y(z.y + z.h) + (20 + i * 32) * scale);
    });
    ctx.textAlign = 'left';
  }
  if (board.timeline) {
    const t = board.timeline;
    ctx.strokeStyle = COLORS.soft;
    ctx.lineWidth = Math.max(2, 6 * scale);
    ctx.beginPath();
    ctx.moveTo(X(t.left), Y(t.y));
    ctx.lineTo(X(t.right), Y(t.y));
    ctx.stroke();
    ctx.fillStyle = COLORS.soft;
    ctx.beginPath();
    ctx.moveTo(X(t.right) + 18 * scale, Y(t.y));
    ctx.lineTo(X(t.right) - 6 * scale, Y(t.y) - 14 * scale);
    ctx.lineTo(X(t.right) - 6 * scale, Y(t.y) + 14 * scale);
    ctx.fill();
    ctx.font = `bold ${Math.round(22 * scale)}px ${FONT}`;
    ctx.fillText(t.start, X(t.left), Y(t.y - ch) + 10 * scale);
    ctx.textAlign = 'right';
    ctx.fillText(t.end, X(t.right), Y(t.y - ch) + 10 * scale);
    ctx.textAlign = 'left';
  }

  // Arrows (pairs have no head), then cards on top, then the verdicts of arrows.
  const byId = new Map(board.cards.map((c) => [c.id, c]));
  const pairs = board.round.kind === 'matching';
  const labels = [];
  const drawLink = (link, dashed) => {
    const a = byId.get(link.from);
    const b = byId.get(link.to);
    if (!a || !b) return;
    const color = toneColor(link.verdict) || COLORS.link;
    const [x0, y0] = edgePoint(X(a.x), Y(a.y), X(b.x), Y(b.y), cw * scale + 8, ch * scale + 8);
    const [x1, y1] = edgePoint(X(b.x), Y(b.y), X(a.x), Y(a.y), cw * scale + 8, ch * scale + 8);
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = Math.max(2, 5 * scale);
    ctx.setLineDash(dashed ? [14 * scale, 10 * scale] : []);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    ctx.setLineDash([]);
    if (!pairs) {
      const angle = Math.atan2(y1 - y0, x1 - x0);
      const len = 22 * scale + 6;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - len * Math.cos(angle - 0.4), y1 - len * Math.sin(angle - 0.4));
      ctx.lineTo(x1 - len * Math.cos(angle + 0.4), y1 - len * Math.sin(angle + 0.4));
      ctx.fill();
    }
    if (link.verdict && !dashed) labels.push([(x0 + x1) / 2, (y0 + y1) / 2, link.verdict, color]);
  };
  board.missing.forEach((l) => drawLink(l, true));
  board.links.forEach((l) => drawLink(l, false));

  for (const c of board.cards) {
    const x = X(c.x - cw / 2);
    const y = Y(c.y + ch / 2);
    const color = toneColor(c.verdict) || COLORS.cardEdge;
    roundRect(ctx, x, y, cw * scale, ch * scale, 12 * scale);
    ctx.fillStyle = COLORS.card;
    ctx.fill();
    ctx.strokeStyle = color;
    ctx.lineWidth = Math.max(2, (c.verdict ? 6 : 3) * scale);
    ctx.stroke();
    ctx.fillStyle = COLORS.ink;
    ctx.font = `bold ${Math.round(20 * scale)}px ${FONT}`;
    const lines = wrap(ctx, c.title, (cw - 28) * scale).slice(0, 3);
    lines.forEach((l, i) => ctx.fillText(l, x + 14 * scale, y + (14 + i * 25) * scale));
    if (c.face) {
      // The face, as far as it fits above the verdict (an ellipsis when it does not).
      ctx.fillStyle = COLORS.soft;
      ctx.font = `${Math.round(14 * scale)}px ${FONT}`;
      const top = 14 + lines.length * 25 + 4;
      const room = Math.floor((ch - top - (c.verdict ? 40 : 12)) / 18);
      const face = wrap(ctx, c.face, (cw - 28) * scale);
      face.slice(0, Math.max(room, 0)).forEach((l, i) => {
        const last = i === room - 1 && face.length > room;
        ctx.fillText(last ? `${l} …` : l, x + 14 * scale, y + (top + i * 18) * scale, (cw - 28) * scale);
      });
    }
    if (c.verdict) {
      ctx.fillStyle = color;
      ctx.font = `bold ${Math.round(17 * scale)}px ${FONT}`;
      ctx.fillText(c.verdict.label, x + 14 * scale, y + (ch - 32) * scale, (cw - 28) * scale);
    }
  }

  ctx.font = `bold ${Math.round(16 * scale) + 2}px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  for (const [x, y, mark, color] of labels) {
    const text = mark.label;
    const w = ctx.measureText(text).width + 14;
    const h = 16 * scale + 12;
    roundRect(ctx, x - w / 2, y - h / 2, w, h, h / 2);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.fillText(text, x, y + 1);
  }
  ctx.textAlign = 'left';
  return canvas;
}

function link(href, name, text, id) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.textContent = text;
  a.id = id;
  a.className = 'export-link';
  return a;
}

/**
 * Shows the dialog for an export: `json` is the export, `base` the file name without
 * extension, `labels` the dialog's texts in the interface's language.
 */
export async function showExport(json, base, labels) {
  const board = JSON.parse(json);
  await loadFont();
  const canvas = drawBoard(board);
  const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const pngUrl = URL.createObjectURL(png);
  const jsonUrl = URL.createObjectURL(new Blob([json], { type: 'application/json' }));

  document.getElementById('export-dialog')?.remove();
  const dialog = document.createElement('dialog');
  dialog.id = 'export-dialog';
  dialog.setAttribute('aria-labelledby', 'export-title');
  dialog.dataset.pngWidth = String(canvas.width);
  dialog.dataset.pngHeight = String(canvas.height);
  const title = document.createElement('h2');
  title.id = 'export-title';
  title.textContent = labels.title;
  const img = document.createElement('img');
  img.src = pngUrl;
  img.alt = `${board.round.title} — ${board.summary}`;
  img.id = 'export-preview';
  const hint = document.createElement('p');
  hint.textContent = labels.hint;
  const actions = document.createElement('div');
  actions.className = 'export-actions';
  actions.append(
    link(pngUrl, `${base}.png`, labels.png, 'export-png'),
    link(jsonUrl, `${base}.json`, labels.json, 'export-json'),
  );
  const close = document.createElement('button');
  close.type = 'button';
  close.id = 'export-close';
  close.textContent = labels.close;
  close.addEventListener('click', () => dialog.close());
  actions.append(close);
  dialog.append(title, img, hint, actions);
  dialog.addEventListener('close', () => {
    dialog.remove();
    URL.revokeObjectURL(pngUrl);
    URL.revokeObjectURL(jsonUrl);
    document.getElementById('game')?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
}

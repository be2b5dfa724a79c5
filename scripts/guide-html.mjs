// The facilitator's guide as web pages, for the static site: docs/guide-animation.md →
// <out>/guide/fr.html and docs/guide-animation.en.md → <out>/guide/en.html. Headings get ids
// (a deck's section: `deck-<id>`, which the deck screen links to); links between the two
// guides follow; links to other files of the repository become plain text (they are not on
// the site). Printable (A4, no navigation).
//
//   node scripts/guide-html.mjs <site dir>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Marked } = await import(pathToFileURL(join(root, 'web/node_modules/marked/lib/marked.esm.js')).href);

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/guide-html.mjs <site dir>');
  process.exit(2);
}

const GUIDES = [
  { lang: 'fr', file: 'docs/guide-animation.md', other: 'guide-animation.en.md', otherPage: 'en.html' },
  { lang: 'en', file: 'docs/guide-animation.en.md', other: 'guide-animation.md', otherPage: 'fr.html' },
];

function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function convert(markdown, guide) {
  const used = new Set();
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth, text }) {
        // "6.3 `loi` — …": the deck's section.
        const deck = text.match(/^\d+\.\d+\s+`([a-z0-9-]+)`/);
        let id = deck ? `deck-${deck[1]}` : slug(text) || 'section';
        while (used.has(id)) id += '-';
        used.add(id);
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, tokens }) {
        const text = this.parser.parseInline(tokens);
        if (href === guide.other) return `<a href="${guide.otherPage}">${text}</a>`;
        if (/^(https?:|mailto:|#)/.test(href)) return `<a href="${escape(href)}">${text}</a>`;
        return text;
      },
    },
  });
  return marked.parse(markdown);
}

const STYLE = `
  body { font: 17px/1.55 "DejaVu Sans", system-ui, sans-serif; color: #1c2133; background: #fdfbf5;
    max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
  h1 { font-size: 1.9rem; line-height: 1.25; color: #00388c; }
  h2 { margin-top: 2.2rem; border-bottom: 2px solid #c8c1b0; padding-bottom: .2rem; }
  h3 { margin-top: 1.6rem; }
  a { color: #00388c; }
  code { background: #ece8dc; padding: 0 .25em; border-radius: 3px; }
  table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
  th, td { border: 1px solid #c8c1b0; padding: .35rem .55rem; text-align: left; vertical-align: top; }
  th { background: #ece8dc; }
  blockquote { border-left: 4px solid #00388c; margin-left: 0; padding-left: 1rem; color: #3a4152; }
  :target { outline: 3px solid #d97300; outline-offset: 4px; }
  @media print { body { background: white; max-width: none; font-size: 11pt; } a { color: inherit; } }
`;

mkdirSync(join(out, 'guide'), { recursive: true });
for (const guide of GUIDES) {
  const markdown = readFileSync(join(root, guide.file), 'utf8');
  const title = (markdown.match(/^# (.*)$/m) || [, 'Guide'])[1];
  const html = `<!doctype html>
<html lang="${guide.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${convert(markdown, guide)}
</main>
</body>
</html>
`;
  const path = join(out, 'guide', `${guide.lang}.html`);
  writeFileSync(path, html);
  console.log(`guide: ${path} (${Math.round(html.length / 1024)} KiB)`);
}

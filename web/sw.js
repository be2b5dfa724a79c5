// The service worker: after one visit, the game plays with no network (a school that loaded it
// once). scripts/build-web.sh fills PRECACHE below with every file of the build and its SHA-256,
// so each build has its own sw.js, which the browser sees as an update on the next visit.
//
// - install: fetch every file of this build (bypassing the HTTP cache's freshness), check each
//   against its SHA-256 (a file of another build, e.g. the site updated meanwhile, fails the
//   install, which is retried on the next visit), store them in the cache `fresque-<build>`;
// - activate: delete the caches of older builds, take control of open pages;
// - fetch, same-origin GETs of the site's own files only (never /api/, /ws, other hosts):
//   * a file asked with ?v=<its SHA-256> (the page asks the wasm and fresque.js so, with the
//     hashes of the build-info.json it got) comes from the cache when the cache holds exactly
//     that content (a cached visit downloads no wasm); a ?v= of another build goes to the
//     network only;
//   * anything else (the page, build-info.json, decks, fonts, PDFs, the guide) goes to the
//     network first and falls back to the cache when the network fails. So an online visitor
//     always gets the server's current page and build-info.json, hence the current wasm: a new
//     build is used at once, and a page is never mixed with a wasm of another build.
//
// skipWaiting + clients.claim: the new build's worker takes over as soon as it has its files,
// which is safe because the only files served cache-first are the ones whose hash the page
// asked for. A page of the previous build still open (another tab) has its wasm and decks
// already; what it loads later (the board picture's script, a PDF) comes from the network as
// without a worker, or offline from the new build's cache.
'use strict';

const PRECACHE = /* PRECACHE */ { build: 'dev', files: {} } /* /PRECACHE */;
const CACHE = `fresque-${PRECACHE.build}`;
const SCOPE = new URL(self.registration.scope);
/** Each stored copy carries the SHA-256 it was checked against. */
const HASH_HEADER = 'X-Fresque-Sha256';

/** The site file a URL names ('index.html' for the scope's folder), or null if none. */
function siteFile(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let path;
  try {
    path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  } catch {
    return null;
  }
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return Object.hasOwn(PRECACHE.files, path) ? path : null;
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetches one file of the build, checks it, and returns the response to store. */
async function fetchChecked(path, hash) {
  // The page asks the wasm and fresque.js with ?v=<hash>: the same URL here lets the HTTP cache
  // answer with the copy the page just downloaded (after revalidation) instead of a second one.
  const url = new URL(path, SCOPE);
  if (path === 'fresque_bg.wasm' || path === 'fresque.js') url.search = `v=${hash}`;
  const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const got = await sha256(body);
  if (got !== hash) throw new Error(`${path} is not this build's (the site changed meanwhile?)`);
  const headers = { 'Content-Length': String(body.byteLength), [HASH_HEADER]: hash };
  const type = response.headers.get('Content-Type');
  if (type) headers['Content-Type'] = type;
  return new Response(body, { status: 200, headers });
}

/** A copy of the file with that hash kept by an earlier build's cache, if any (an update that
 * changes a deck does not download the wasm again). */
async function fromOlderBuild(path, hash) {
  for (const name of await caches.keys()) {
    if (!name.startsWith('fresque-') || name === CACHE) continue;
    const cached = await (await caches.open(name)).match(new URL(path, SCOPE));
    if (cached && cached.headers.get(HASH_HEADER) === hash) return cached;
  }
  return null;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const entries = Object.entries(PRECACHE.files);
    // Files already stored (an install interrupted earlier) are kept; a few at a time, the
    // wasm last (a small file of another build stops the install before the big download).
    const queue = [];
    for (const [path, hash] of entries) {
      if (!(await cache.match(new URL(path, SCOPE)))) queue.push([path, hash]);
    }
    queue.sort(([a], [b]) => (a === 'fresque_bg.wasm') - (b === 'fresque_bg.wasm'));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [path, hash] = next;
        const response = (await fromOlderBuild(path, hash)) || (await fetchChecked(path, hash));
        await cache.put(new URL(path, SCOPE), response);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('fresque-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function fromCache(path) {
  const cache = await caches.open(CACHE);
  return cache.match(new URL(path, SCOPE));
}

async function networkFirst(request, path) {
  try {
    const response = await fetch(request);
    if (response.ok || response.status === 304) return response;
    return (await fromCache(path)) || response;
  } catch (error) {
    const cached = await fromCache(path);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request, path) {
  return (await fromCache(path)) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const path = siteFile(url);
  if (path === null) return; // another host, /api/…, /ws, anything not of the site: untouched
  const v = url.searchParams.get('v');
  if (v === null) {
    event.respondWith(networkFirst(request, path));
  } else if (v === PRECACHE.files[path]) {
    event.respondWith(cacheFirst(request, path));
  }
  // Else the page is of another build (newer, from the network): network only, never this
  // build's copy.
});

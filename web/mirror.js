// The HTML mirror: renders the tree the game publishes in #fresque-mirror (see src/mirror) as
// real HTML in #mirror, for screen readers and the keyboard. Elements are kept by key, so an
// update changes the DOM in place and the focus stays where it was. Buttons send their command
// back with page_request("mirror", json); the element with the focus tells the game which card
// to ring on the canvas (page_request("focus", "card:<id>")).
//
// The panel is visually hidden until something in it has the keyboard focus: then it shows over
// the game's side panel, so that sighted keyboard users see what they are on, and the board.
// Keys: Tab / Shift+Tab from button to button; among the destinations of a card being moved,
// the arrow keys go from one to the next; Escape cancels the choice; "?" reads the help.

const TAGS = { heading: null, text: 'p', button: 'button', group: 'div', list: 'ul', item: 'li', section: 'section' };

function tagFor(node) {
  if (node.role === 'heading') return `h${Math.min(6, Math.max(2, node.level || 2))}`;
  return TAGS[node.role] || 'div';
}

export function startMirror(pageRequest) {
  const host = document.getElementById('mirror');
  const source = document.getElementById('fresque-mirror');
  if (!host || !source) return;
  let pending = null; // { key, until }: where the focus goes once a command has been carried out
  let lastJson = '';

  const send = (kind, value) => {
    try {
      pageRequest(kind, value);
    } catch (e) {
      console.warn('mirror: the game did not take', kind, e);
    }
  };

  function create(node) {
    const el = document.createElement(tagFor(node));
    el.dataset.key = node.key;
    if (node.role === 'button') {
      el.type = 'button';
      el.addEventListener('click', () => {
        const command = el._command;
        if (!command || el.disabled) return;
        if (el._then) pending = { key: el._then, until: Date.now() + 3000 };
        send('mirror', JSON.stringify(command));
      });
    }
    if (node.role === 'group') el.setAttribute('role', 'group');
    return el;
  }

  function update(el, node) {
    const named = node.role === 'group' || node.role === 'list' || node.role === 'section';
    if (named) {
      if (node.text) el.setAttribute('aria-label', node.text);
      else el.removeAttribute('aria-label');
    } else if (el.textContent !== (node.text || '')) {
      el.textContent = node.text || '';
    }
    if (node.role === 'button') {
      el._command = node.command;
      el._then = node.then || null;
      el.disabled = !!node.disabled;
    }
    if (node.target) el.dataset.target = node.target;
    else delete el.dataset.target;
    if (named || node.role === 'item') sync(el, node.children || []);
  }

  function sync(parent, nodes) {
    const old = new Map();
    for (const child of parent.children) if (child.dataset.key) old.set(child.dataset.key, child);
    nodes.forEach((node, i) => {
      let el = old.get(node.key);
      if (el && el.tagName.toLowerCase() === tagFor(node)) old.delete(node.key);
      else el = create(node);
      update(el, node);
      if (parent.children[i] !== el) parent.insertBefore(el, parent.children[i] || null);
    });
    for (const el of old.values()) el.remove();
  }

  const byKey = (key) => host.querySelector(`[data-key="${CSS.escape(key)}"]`);

  function focusKey(key) {
    const el = byKey(key);
    if (!el) return false;
    if (!el.matches('button, [tabindex]')) el.tabIndex = -1;
    el.focus();
    return document.activeElement === el;
  }

  function render() {
    const json = source.textContent || '';
    if (json === lastJson) return;
    lastJson = json;
    let tree;
    try {
      tree = JSON.parse(json);
    } catch {
      return;
    }
    if (!tree || !tree.key) return;
    const hadFocus = host.contains(document.activeElement);
    const focusedKey = hadFocus ? document.activeElement.dataset.key : null;
    if (host.getAttribute('aria-label') !== tree.text) host.setAttribute('aria-label', tree.text);
    sync(host, tree.children || []);
    if (pending && Date.now() > pending.until) pending = null;
    if (pending && focusKey(pending.key)) {
      pending = null;
      return;
    }
    // The focused element went away (its screen changed): the section's first button.
    if (hadFocus && !host.contains(document.activeElement)) {
      if (!(focusedKey && focusKey(focusedKey))) {
        const first = host.querySelector('button:not([disabled])');
        if (first) first.focus();
      }
    }
  }

  // The card the focus is on, told to the game only when it changes (each message costs the
  // game a frame).
  let ringed = '';
  const ring = (target) => {
    if (target === ringed) return;
    ringed = target;
    send('focus', target);
  };
  host.addEventListener('focusin', (e) => ring(e.target.dataset.target || ''));
  host.addEventListener('focusout', (e) => {
    if (!e.relatedTarget || !host.contains(e.relatedTarget)) ring('');
  });
  host.addEventListener('keydown', (e) => {
    const choosing = byKey('choosing');
    if (e.key === 'Escape' && choosing) {
      const buttons = choosing.querySelectorAll('button');
      const cancel = buttons[buttons.length - 1];
      if (cancel) {
        e.preventDefault();
        cancel.click();
      }
      return;
    }
    if (e.key === '?') {
      e.preventDefault();
      focusKey('mirror-help');
      return;
    }
    const group = e.target.closest && e.target.closest('[role="group"]');
    if (!group || e.target.tagName !== 'BUTTON') return;
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    const buttons = [...group.querySelectorAll('button:not([disabled])')];
    const i = buttons.indexOf(e.target);
    if (i < 0) return;
    e.preventDefault();
    buttons[(i + step + buttons.length) % buttons.length].focus();
  });

  // "?" on the canvas too: the keys are explained at the top of the mirror.
  const canvas = document.getElementById('game');
  if (canvas) {
    canvas.addEventListener('keydown', (e) => {
      if (e.key === '?') focusKey('mirror-help');
    });
  }

  new MutationObserver(render).observe(source, { childList: true, characterData: true, subtree: true });
  render();
}

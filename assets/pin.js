/* A view pinned for a meeting (?as_at=12) stays pinned while the reader moves around this tab: every page of data
   they open carries the same pin, so the screen keeps matching the papers. The pin is kept in this tab's
   sessionStorage; "Show the current data" (data-unpin) forgets it. The server checks every pin again. */
(function () {
  "use strict";
  const KEY = "scorecard-pin";
  const store = window.sessionStorage;

  // (assets/pin_first.js, inline in the page's head, cannot call this: it says the same in one line)
  function pinnable(path) {
    return path === "/" || path === "/pack" || /^\/(domain|council)\//.test(path);
  }

  // A same-site URL for a page of data, with the tab's pin added when it names none.
  function withPin(url) {
    const pin = store.getItem(KEY);
    if (!pin || url === undefined || url === null) { return url; }
    const u = new URL(String(url), window.location.href);
    if (u.origin !== window.location.origin || !pinnable(u.pathname) || u.searchParams.has("as_at")) { return url; }
    u.searchParams.set("as_at", pin);
    return u.pathname + u.search + u.hash;
  }

  // (an unpinned page of data was given the tab's pin before the layout was asked for: assets/pin_first.js)
  const here = new URLSearchParams(window.location.search).get("as_at");
  if (here !== null && /^[0-9]{1,9}(~[0-9]{14})?$/.test(here)) {
    store.setItem(KEY, here);
  }

  // Dash's links and its own URL updates all go through pushState (and replaceState).
  ["pushState", "replaceState"].forEach(function (name) {
    const original = window.history[name];
    window.history[name] = function (state, title, url) {
      return original.call(this, state, title, withPin(url));
    };
  });

  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a");
    if (!link) { return; }
    if (link.hasAttribute("data-unpin")) { store.removeItem(KEY); return; }
    // Plain links (downloads, the briefing) load a new page: carry the pin on them too.
    const href = link.getAttribute("href");
    if (href && store.getItem(KEY)) {
      const pinned = withPin(href);
      if (pinned !== href) { link.setAttribute("href", pinned); }
    }
  }, true);
}());

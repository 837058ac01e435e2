/* Written into the page's head (app.ScorecardDash.interpolate_index). First, a tab holding a pin (assets/pin.js)
   opens an unpinned page of data as pinned. Then the page asks for its layout and the callbacks' list at once,
   beside its scripts: the renderer's own requests find them there. The layout is drawn for the page's address
   (callbacks/router.py first_page), so it is asked for here, after the pin, not by a <link> in the markup, which
   the browser would fetch before any script ran. */
(function () {
  "use strict";
  try {
    const pin = window.sessionStorage.getItem("scorecard-pin");
    const path = window.location.pathname;
    const query = new URLSearchParams(window.location.search);
    const pinnable = path === "/" || path === "/pack" || /^\/(domain|council)\//.test(path);
    if (pin && pinnable && !query.has("as_at")) {
      query.set("as_at", pin);
      window.history.replaceState(window.history.state, "", path + "?" + query.toString() + window.location.hash);
    }
  } catch (e) { /* no sessionStorage: no pin */ }
  const prefix = document.currentScript.getAttribute("data-prefix") || "/";
  ["_dash-layout", "_dash-dependencies"].forEach(function (name) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = prefix + name;
    document.head.appendChild(link);
  });
}());

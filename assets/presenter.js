/* Presenter view for a meeting room: larger type, no controls, one slide at a time, driven by the keyboard (or a
   presentation clicker, which sends Page Down and Page Up). Everything here runs in the browser; the agenda comes
   from the server in #deck (layouts/shell.py), the presenter state and the spotlighted council stay in this tab's
   sessionStorage. Keys never fire while the reader types in a field. */
(function () {
  "use strict";
  const PRESENT = "scorecard-present";
  const SPOT = "scorecard-spotlight";
  const MAP = "scorecard-map";  // "1": a measure's slide shows its tile map, not its ranked chart (the m key)
  const store = window.sessionStorage;

  function presenting() { return store.getItem(PRESENT) === "1"; }
  function spotlit() { return store.getItem(SPOT) || ""; }
  function mapping() { return store.getItem(MAP) === "1"; }
  function byId(id) { return document.getElementById(id); }

  function councilNames() {
    const names = {};
    document.querySelectorAll("#spotlight-councils option").forEach(function (o) {
      names[o.getAttribute("data-code")] = o.value;
    });
    return names;
  }

  // The agenda: overview → each domain (heatmap, then its measures) in TEASC order → the spotlighted council.
  let agenda = null;  // parsed once: apply() runs on every change to the page
  function deck() {
    const el = byId("deck");
    if (agenda === null && el) { agenda = JSON.parse(el.getAttribute("data-deck")); }
    const slides = (agenda || []).slice();
    const code = spotlit();
    if (code) {
      const name = councilNames()[code] || code;
      slides.push({href: "/council/" + code, title: name + ": summary", kind: "council"});
      slides.push({href: "/council/" + code + "?part=look-first", title: name + ": where to look first",
                   kind: "council-look"});
    }
    return slides;
  }

  function setText(el, text) { if (el && el.textContent !== text) { el.textContent = text; } }

  function param(search, name) { return new URLSearchParams(search).get(name); }

  // Which slide the page shows: the same path and the same domain (overview) or measure (domain page).
  function slideIndex(slides) {
    const path = window.location.pathname, search = window.location.search;
    for (let i = 0; i < slides.length; i++) {
      const url = new URL(slides[i].href, window.location.origin);
      if (url.pathname !== path) { continue; }
      if (path === "/" && (param(url.search, "domain") || "") === (param(search, "domain") || "") &&
          param(url.search, "part") === param(search, "part")) { return i; }
      if (path.indexOf("/domain/") === 0) {
        const shown = param(search, "measure") || (byId("domain-measure") || {}).value;
        if (param(url.search, "measure") === shown) { return i; }
      }
      if (path.indexOf("/council/") === 0 && param(url.search, "part") !== param(search, "part")) { continue; }
      if (path.indexOf("/council/") === 0 || path === "/changes") { return i; }
    }
    return -1;
  }

  function slideKind(slides, index) {
    if (index >= 0) { return slides[index].kind; }
    const path = window.location.pathname;
    if (path === "/") {
      if (param(window.location.search, "part") === "map") { return "map"; }
      return param(window.location.search, "domain") ? "heatmap" : "matrix";
    }
    if (path.indexOf("/domain/") === 0) { return "measure"; }
    if (path.indexOf("/council/") === 0) {
      return param(window.location.search, "part") === "look-first" ? "council-look" : "council";
    }
    return "page";
  }

  // What the reader chose travels from slide to slide: the comparator, the year, the chosen councils and the pin
  // (a slide's own link never overrides them; "chosen" exists on domain pages only).
  const CARRIED = ["benchmark", "period", "chosen", "as_at"];
  function carry(url) {
    const here = new URLSearchParams(window.location.search);
    const domainPage = url.pathname.indexOf("/domain/") === 0;
    CARRIED.forEach(function (name) {
      const value = here.get(name);
      if (!value || url.searchParams.has(name)) { return; }
      if (!domainPage && (name === "chosen" || value === "chosen")) { return; }
      url.searchParams.set(name, value);
    });
  }

  // The server draws a domain page's chart for presenter view (layouts/presenting.py): it is told the type size
  // and the height this screen leaves for the chart, measured by fitCharts on an earlier slide (kept for this
  // window's size). Telling it changes the "presenter" store, which redraws the chart that is showing.
  const HEIGHT = "scorecard-chart-height";
  // Type in a chart: presenter view's root size, the least any text on a slide has (CSS: clamp(20px, 1.25vw, 30px):
  // 20 px at 1280 wide, 24 at 1920), known before the class is set (layouts/presenting.py FONTS).
  function typeSize() { return Math.min(30, Math.max(20, Math.ceil(window.innerWidth * 0.0125 - 1e-9))); }
  function screenSize() { return window.innerWidth + "x" + window.innerHeight; }
  function chartHeight() {
    try {
      const kept = JSON.parse(store.getItem(HEIGHT) || "null");
      return kept && kept.screen === screenSize() ? kept.height : null;
    } catch (e) { return null; }
  }
  function wanted() { return presenting() ? {font: typeSize(), height: chartHeight()} : null; }
  let told = "null";
  function tell() {
    const value = wanted(), text = JSON.stringify(value);
    const ready = window.dash_clientside && window.dash_clientside.set_props && byId("page-content");
    if (text === told || !ready) { return false; }
    told = text;
    window.dash_clientside.set_props("presenter", {data: value});
    window.setTimeout(function () { window.requestAnimationFrame(fitCharts); }, 2100);  // in case no answer came
    return true;
  }

  // Open a page the way Dash's own links do: no reload, the router follows the URL.
  function go(href) {
    const url = new URL(href, window.location.origin);
    carry(url);
    const code = spotlit();
    if (code && url.pathname.indexOf("/domain/") === 0) { url.searchParams.set("council", code); }
    tell();
    window.history.pushState({}, "", url.pathname + url.search);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
    apply();
  }

  function setPresenting(on) {
    if (on) { store.setItem(PRESENT, "1"); } else { store.removeItem(PRESENT); }
    if (!on && document.fullscreenElement) { document.exitFullscreen().catch(function () {}); }
    tell();  // the chart is drawn again for (or no longer for) presenter view
    apply();
  }

  function apply() {
    const on = presenting();
    const root = document.documentElement;
    const slides = deck();
    const index = slideIndex(slides);
    root.classList.toggle("present", on);
    root.classList.toggle("spotlighting", on && !!spotlit());
    root.classList.toggle("map-view", on && mapping());
    root.classList.toggle("illustrative", on && !!document.querySelector("main .illustrative-banner"));
    root.setAttribute("data-slide", on ? slideKind(slides, index) : "");
    // Only what changed is written: this runs on every change to the page (the observer below).
    const toggle = byId("present-toggle");
    setText(toggle, on ? "Leave presenter view" : "Presenter view");
    if (toggle && toggle.getAttribute("aria-pressed") !== String(on)) { toggle.setAttribute("aria-pressed", String(on)); }
    setText(byId("slide-number"), on && index >= 0 ? "Slide " + (index + 1) + " of " + slides.length : "");
    const heading = document.querySelector("main h1");
    setText(byId("slide-title"), on ? (index >= 0 ? slides[index].title : (heading ? heading.textContent : "")) : "");
    markSpotlight();
    window.requestAnimationFrame(fitCharts);
  }

  // The spotlighted council's rows stand out; the others are greyed (CSS), in tables and in the ranked chart.
  function markSpotlight() {
    const code = presenting() ? spotlit() : "";
    document.querySelectorAll("[data-council]").forEach(function (row) {
      row.classList.toggle("spot", row.getAttribute("data-council") === code);
    });
  }

  // In presenter view the main chart (HTML, layouts/ranked_chart.py) and its one-sentence finding fill what is
  // left of the screen, at the type size for its width. The height is kept for this window's size, so the next
  // slide's chart arrives drawn so (the server is told on the way there); this one is fitted here.
  function fitCharts() {
    if (!presenting() || mapping()) { return; }  // on the map, the chart is not on the slide
    const chart = byId("domain-bar");
    const drawn = chart && chart.querySelector(".ranked");
    if (!drawn) { return; }
    const caption = byId("domain-bar-caption");
    // Room below for the finding (nothing sits in the corners: the slide number and the illustrative notice are
    // on the header line).
    const below = (caption ? caption.getBoundingClientRect().height : 0) + 16;
    const top = drawn.getBoundingClientRect().top + window.scrollY;
    const height = Math.max(320, Math.floor(window.innerHeight - top - below));
    const font = typeSize() + "px";
    // Fitted: not taller than the room (4 px of rounding), nor more than 60 px shorter (a finding a line or two
    // shorter than the last leaves a little white).
    const off = (parseFloat(drawn.style.minHeight) || drawn.getBoundingClientRect().height) - height;
    if (off > 4 || off < -60 || drawn.style.fontSize !== font) {
      store.setItem(HEIGHT, JSON.stringify({screen: screenSize(), height: height}));
      drawn.style.minHeight = height + "px";
      drawn.style.fontSize = font;
    }
  }

  function inField(target) {
    if (!target) { return false; }
    const tag = target.tagName;
    return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || target.isContentEditable;
  }

  function showKeys(show) {
    const help = byId("keys-help");
    if (help) { help.hidden = show === undefined ? !help.hidden : !show; }
  }

  function openSpotlight() {
    const box = byId("spotlight");
    const input = byId("spotlight-input");
    if (!box || !input) { return; }
    box.hidden = false;
    input.value = "";
    input.focus();
  }

  function closeSpotlight(choose) {
    const box = byId("spotlight");
    const input = byId("spotlight-input");
    if (!box || !input) { return; }
    if (choose) {
      const typed = input.value.trim().toLowerCase();
      const names = councilNames();
      const found = Object.keys(names).find(function (c) { return names[c].toLowerCase() === typed; }) ||
        Object.keys(names).find(function (c) { return names[c].toLowerCase().indexOf(typed) === 0; }) ||
        Object.keys(names).find(function (c) { return typed && names[c].toLowerCase().indexOf(typed) >= 0; });
      if (found) { store.setItem(SPOT, found); } else if (!typed) { store.removeItem(SPOT); }
    } else {
      store.removeItem(SPOT);
    }
    box.hidden = true;
    input.blur();
    const url = new URL(window.location.href);
    if (url.pathname.indexOf("/domain/") === 0) {
      if (spotlit()) { url.searchParams.set("council", spotlit()); } else { url.searchParams.delete("council"); }
      go(url.pathname + url.search);
    } else {
      apply();
    }
  }

  function step(delta) {
    const slides = deck();
    const index = slideIndex(slides);
    const next = index < 0 ? 0 : Math.min(slides.length - 1, Math.max(0, index + delta));
    if (next !== index) { go(slides[next].href); }
  }

  function stepMeasure(delta) {
    const select = byId("domain-measure");
    if (!select || window.location.pathname.indexOf("/domain/") !== 0) { return; }
    const values = Array.from(select.options).map(function (o) { return o.value; }).filter(Boolean);
    const at = values.indexOf(select.value);
    const next = values[at + delta];
    if (next) {
      const url = new URL(window.location.href);
      url.searchParams.set("measure", next);
      go(url.pathname + url.search);
    }
  }

  function domainLinks() {
    return Array.from(document.querySelectorAll("#domain-nav a.nav-link"));
  }

  // 1 to 6: where the agenda starts that domain (its heatmap), or its page if the agenda has no slide for it.
  function openDomain(n) {
    const link = domainLinks()[n - 1];
    if (!link) { return; }
    const slug = new URL(link.href).pathname.split("/").pop();
    const start = deck().find(function (s) {
      return s.kind === "heatmap" && param(s.href.split("?")[1], "domain") === slug;
    });
    go(start ? start.href : "/domain/" + slug);
  }

  // b / B and y / Y: the next or previous comparator, or year, among those the page's own (hidden) control offers;
  // every slide after it keeps it (carry). "Councils I choose" needs councils chosen, so the keys skip it.
  function choose(name, by) {
    const control = document.querySelector("main select[id$='-" + name + "']");
    if (!control) { return; }
    const values = Array.from(control.options).map(function (o) { return o.value; })
      .filter(function (v) { return v && v !== "chosen"; });
    if (!values.length) { return; }
    const at = values.indexOf(control.value);
    const next = values[((at < 0 ? 0 : at + by) % values.length + values.length) % values.length];
    const url = new URL(window.location.href);
    url.searchParams.set(name, next);
    go(url.pathname + url.search);
  }

  document.addEventListener("keydown", function (event) {
    if (event.target && event.target.id === "spotlight-input") {
      if (event.key === "Enter") { event.preventDefault(); closeSpotlight(true); }
      if (event.key === "Escape") { event.preventDefault(); closeSpotlight(false); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || inField(event.target)) { return; }
    const key = event.key;
    if (key === "p" || key === "P") { setPresenting(!presenting()); event.preventDefault(); return; }
    if (key === "?") { showKeys(); event.preventDefault(); return; }
    if (!presenting()) { return; }  // the rest drive presenter view only, so ordinary reading is untouched
    let handled = true;
    if (key === "Escape") {
      const help = byId("keys-help");
      if (help && !help.hidden) { showKeys(false); } else { setPresenting(false); }
    } else if (key === "ArrowRight") { stepMeasure(1); }
    else if (key === "ArrowLeft") { stepMeasure(-1); }
    else if (key === "PageDown") { step(1); }
    else if (key === "PageUp") { step(-1); }
    else if (key === "Home") { go("/"); }
    else if (/^[1-6]$/.test(key)) { openDomain(Number(key)); }
    else if (key === "b" || key === "B") { choose("benchmark", key === "b" ? 1 : -1); }
    else if (key === "y" || key === "Y") { choose("period", key === "y" ? 1 : -1); }
    else if (key === "c" || key === "C") { openSpotlight(); }
    else if (key === "m" || key === "M") {
      if (mapping()) { store.removeItem(MAP); } else { store.setItem(MAP, "1"); }
      apply();
    }
    else if (key === "f" || key === "F") {
      if (document.fullscreenElement) { document.exitFullscreen().catch(function () {}); }
      else if (document.documentElement.requestFullscreen) {
        document.documentElement.requestFullscreen().catch(function () {});
      }
    } else { handled = false; }
    if (handled) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    const toggle = event.target && event.target.closest ? event.target.closest("#present-toggle") : null;
    if (toggle) { setPresenting(!presenting()); }
  });

  // ?present=1 (or 0) in any URL turns presenter view on (or off); then every page change re-applies it.
  function fromUrl() {
    const wanted = param(window.location.search, "present");
    if (wanted === "1") { store.setItem(PRESENT, "1"); }
    if (wanted === "0") { store.removeItem(PRESENT); }
    apply();
  }
  window.addEventListener("popstate", fromUrl);
  window.addEventListener("_dashprivate_pushstate", function () { window.setTimeout(fromUrl, 0); });
  window.addEventListener("resize", function () { window.requestAnimationFrame(fitCharts); });
  let pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; if (presenting()) { apply(); } });
  }).observe(document.documentElement, {childList: true, subtree: true});
  fromUrl();
  window.scorecardPresenter = {apply: apply, deck: deck, slideIndex: slideIndex};
})();

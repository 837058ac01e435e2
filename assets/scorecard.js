/* Clientside callbacks: small, named functions only (the CSP allows no inline script). */

// Printing opens every folded section, so paper shows the whole profile.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.fold").forEach(function (d) { d.open = true; });
});
// A link to a place on this page (the profile's domains at a glance, the catalogue's contents) opens the folded
// section it points into before the browser scrolls there, so the reader lands on its content, not a closed line.
document.addEventListener("click", function (event) {
  const link = event.target && event.target.closest ? event.target.closest("a[href^='#']") : null;
  const target = link ? document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) : null;
  for (let e = target; e; e = e.parentElement) { if (e.tagName === "DETAILS") { e.open = true; } }
});
// A plain link marked data-spa (the heatmap's cells: layouts/overview_layout.py) opens its page without reloading,
// as dcc.Link does; with a modifier key or another button it is an ordinary link.
document.addEventListener("click", function (event) {
  const link = event.target && event.target.closest ? event.target.closest("a[data-spa]") : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
      event.altKey || link.origin !== window.location.origin) { return; }
  event.preventDefault();
  window.history.pushState({}, "", link.href);
  window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  if (link.dataset.spa !== "link") { window.scrollTo(0, 0); }  // "link": written from a dcc.Link (raw_html.py)
});
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  scorecard: {
    // "narrow" on a phone-width screen (layouts/theme.py NARROW), so charts are laid out for it; read each time
    // the page changes, so a rotated phone gets the right layout on its next page.
    viewport: function (_pathname) {
      return window.innerWidth < 600 ? "narrow" : "wide";
    },
    // The council a path names (/council/E08000009 and its briefing), or null.
    pageCouncil: function (pathname) {
      const found = /^\/council\/([A-Za-z0-9]+)/.exec(pathname || "");
      return found ? found[1].toUpperCase() : null;
    },
    // The header's picker shows the council of the page you are on, else your own council.
    pickerValue: function (pathname, mine) {
      return window.dash_clientside.scorecard.pageCouncil(pathname) || mine || null;
    },
    // "My council: Trafford" in the header, a link to its profile, or nothing when none is chosen.
    myCouncilLink: function (mine, names) {
      if (!mine || !names || !names[mine]) { return ""; }
      return {type: "A", namespace: "dash_html_components",
              props: {children: "My council: " + names[mine], href: "/council/" + mine}};
    },
    // The profile's "make this my council" button: labelled when the profile opens, and on a press sets (or
    // forgets) the council in localStorage. Returns [my council, the button's words].
    toggleMyCouncil: function (clicks, pathname, mine, names) {
      const here = window.dash_clientside.scorecard.pageCouncil(pathname);
      const name = (names && names[here]) || "this council";
      const chosen = clicks ? (mine === here ? null : here) : mine;
      const words = chosen === here ? "★ " + name + " is my council (forget)" : "☆ Make " + name + " my council";
      return [clicks ? chosen : window.dash_clientside.no_update, words];
    },
    // A domain page opened without a highlighted council highlights yours (once, when it opens: choosing
    // "No council highlighted" afterwards sticks).
    highlightMine: function (_mounted, search, mine, names) {
      if (!mine || !names || !names[mine] || /[?&]council=/.test(search || "")) {
        return window.dash_clientside.no_update;
      }
      return mine;
    },
    // Rows of a table that name your council (data-council) are marked "my council".
    markMine: function (_children, mine) {
      window.setTimeout(function () {
        document.querySelectorAll("[data-council]").forEach(function (row) {
          const yes = row.getAttribute("data-council") === mine;
          row.classList.toggle("mine", yes);
          const tag = row.querySelector(".mine-tag");
          if (tag) { tag.hidden = !yes; }
        });
      }, 0);
      return window.dash_clientside.no_update;
    },
    // A link to a row (#measure-ascof_1a) scrolls to it once the page has been drawn.
    jumpToHash: function (_children) {
      const id = decodeURIComponent((window.location.hash || "").slice(1));
      if (id) {
        window.setTimeout(function () {
          const target = document.getElementById(id);
          if (!target) { return; }
          // Open the folded section the target is in (or is), then bring it into view.
          for (let e = target; e; e = e.parentElement) { if (e.tagName === "DETAILS") { e.open = true; } }
          target.scrollIntoView({block: target.tagName === "DETAILS" ? "start" : "center"});
          // A measure's row (a heatmap cell's link): focus on it, so Tab goes on from its links, not from the top
          if (target.tagName === "TR") {
            target.setAttribute("tabindex", "-1");
            target.focus({preventScroll: true});
          }
          // Whatever above it is still being laid out (a phone's long lists) may push it off the screen: once more
          window.setTimeout(function () {
            const r = target.getBoundingClientRect();
            if (r.top < 0 || r.bottom > window.innerHeight) { target.scrollIntoView({block: "center"}); }
          }, 400);
        }, 50);
      }
      return window.dash_clientside.no_update;
    },
    // The phone's domain menu: the button opens and closes it; opening another page closes it.
    toggleMenu: function (clicks, _pathname, open) {
      const triggered = (window.dash_clientside.callback_context.triggered || []).map(t => t.prop_id);
      const now = triggered.indexOf("menu-toggle.n_clicks") >= 0 ? open !== "true" : false;
      return [now ? "domain-menu open" : "domain-menu", now ? "true" : "false"];
    },
    // The overview's meeting pack: /pack with the chosen domains, councils and date, and this page's pin.
    packLink: function (domains, councils, date) {
      const q = new URLSearchParams();
      if (Array.isArray(domains) && domains.length) { q.set("domains", domains.join(",")); }
      if (Array.isArray(councils) && councils.length) { q.set("councils", councils.join(",")); }
      if (typeof date === "string" && date) { q.set("date", date); }
      const here = new URLSearchParams(window.location.search);
      // the comparator this page is read against travels with the pack (the default when none is chosen)
      if (here.get("benchmark")) { q.set("benchmark", here.get("benchmark")); }
      if (here.get("as_at")) { q.set("as_at", here.get("as_at")); }
      return "/pack?" + q.toString().replace(/%2C/g, ",");
    },
    print: function (clicks) {
      if (clicks) { window.print(); }
      return window.dash_clientside.no_update;
    },
    // The tab's title follows the page; after moving to another page (not on the first, and not when a choice on
    // the same page changes the title), focus goes to the new page's heading, so a screen reader reads where you
    // are and Tab goes on from there (not from the link or the Go button you left).
    setTitle: function (title) {
      if (title) { document.title = title; }
      const path = window.location.pathname;
      const moved = window.scorecardPath !== undefined && window.scorecardPath !== path;
      window.scorecardPath = path;
      const typing = document.activeElement && /^(INPUT|TEXTAREA)$/.test(document.activeElement.tagName);
      if (moved && !typing) {
        window.setTimeout(function () {
          const heading = document.querySelector("main h1");
          if (heading) {
            heading.setAttribute("tabindex", "-1");
            heading.focus({preventScroll: true});
          }
        }, 0);
      }
      return window.dash_clientside.no_update;
    }
  }
});

/* Clientside callbacks: small, named functions only (the CSP allows no inline script). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  scorecard: {
    // "narrow" on a phone-width screen (layouts/theme.py NARROW), so charts are laid out for it; read each time
    // the page changes, so a rotated phone gets the right layout on its next page.
    viewport: function (_pathname) {
      return window.innerWidth < 600 ? "narrow" : "wide";
    },
    setTitle: function (title) {
      if (title) { document.title = title; }
      return window.dash_clientside.no_update;
    }
  }
});

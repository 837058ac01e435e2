/* Clientside callbacks: small, named functions only (the CSP allows no inline script). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  scorecard: {
    setTitle: function (title) {
      if (title) { document.title = title; }
      return window.dash_clientside.no_update;
    }
  }
});

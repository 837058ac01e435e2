/* plotly.js is fetched only when a page first draws a chart. Dash's Graph loads it from window._dashPlotlyJSURL
   when window.Plotly is not there yet; Dash's renderer would point that at the full 4.8 MB plotly.js, so the
   address stays the one the page's config names: the basic bundle, precompressed, with its version (app.py). */
(function () {
  "use strict";
  const config = document.getElementById("_dash-config");
  const url = config ? JSON.parse(config.textContent).plotlyjs_url : "";
  if (url) {
    Object.defineProperty(window, "_dashPlotlyJSURL", {get: function () { return url; }, set: function () {}});
  }
})();

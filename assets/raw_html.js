/* layouts/raw_html.py's RawHtml: a block of HTML the server wrote (every text escaped) from a page model, shown
   as one React component instead of one per table cell. Links in it marked data-spa are followed without a
   reload by scorecard.js; it holds no script (and the CSP would run none). */
(function () {
  "use strict";
  function RawHtml(props) {
    return window.React.createElement("div", {
      id: props.id, className: props.className, dangerouslySetInnerHTML: {__html: props.html || ""}});
  }
  window.scorecard_raw = Object.assign({}, window.scorecard_raw, {RawHtml: RawHtml});
})();

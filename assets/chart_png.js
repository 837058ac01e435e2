/* "Download this chart as PNG" for the charts drawn in HTML (layouts/ranked_chart.py), as plotly's charts offer:
   the picture is painted from what the browser laid out, at twice the size on screen, onto a white canvas with a
   12-pixel margin: the shaded and ruled parts from their boxes, each council's marker from its own SVG, every
   text where it stands.
   A button with data-chart-png="<id>" downloads the chart inside that element as data-filename + ".png". */
(function () {
  "use strict";
  const SCALE = 2, PAD = 12;
  const CLEAR = "rgba(0, 0, 0, 0)";

  function box(element, origin) {
    const r = element.getBoundingClientRect();
    return {x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height};
  }

  // Backgrounds and rules: the highlight band, the middle half, grid lines, intervals (with their end caps), the
  // axis line, the benchmark's dashed line, each council's own median.
  function paintBoxes(ctx, chart, origin) {
    const behind = [...chart.querySelectorAll(".ranked-band")];  // behind everything, as on screen
    behind.concat([...chart.querySelectorAll(".ranked-quartiles, .ranked-grid, .ranked-whisker, .ranked-median, " +
                                             ".ranked-ticks, .ranked-benchmark")]).forEach(function (e) {
      const s = getComputedStyle(e), b = box(e, origin);
      ctx.globalAlpha = parseFloat(s.opacity);
      if (s.backgroundColor !== CLEAR) {
        ctx.fillStyle = s.backgroundColor;
        ctx.fillRect(b.x, b.y, b.w, b.h);
      }
      if (e.classList.contains("ranked-whisker")) {
        ctx.fillRect(b.x - b.h / 2, b.y + b.h / 2 - 6, b.h, 12);
        ctx.fillRect(b.x + b.w - b.h / 2, b.y + b.h / 2 - 6, b.h, 12);
      }
      [["borderTop", b.x, b.y, b.x + b.w, b.y], ["borderLeft", b.x, b.y, b.x, b.y + b.h]].forEach(function (edge) {
        const width = parseFloat(s[edge[0] + "Width"]);
        if (!width) { return; }
        ctx.strokeStyle = s[edge[0] + "Color"];
        ctx.lineWidth = width;
        ctx.setLineDash(s[edge[0] + "Style"] === "dashed" ? [3 * width, 3 * width] : []);
        ctx.beginPath();
        ctx.moveTo(edge[1] + width / 2, edge[2] + width / 2);
        ctx.lineTo(edge[3] + width / 2, edge[4] + width / 2);
        ctx.stroke();
      });
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
    });
  }

  // Every text, line by line as the browser broke it (a name on two lines on a phone), in its own font and colour.
  function paintTexts(ctx, chart, origin) {
    const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.replace(/\s+/g, " ").trim();
      if (!text) { continue; }
      const s = getComputedStyle(node.parentElement);
      ctx.font = s.fontWeight + " " + s.fontSize + " " + s.fontFamily;
      ctx.fillStyle = s.color;
      ctx.textBaseline = "middle";
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = [...range.getClientRects()];
      let words = text.split(" ");
      lines.forEach(function (rect, i) {
        let line = words.join(" ");
        if (i < lines.length - 1) {  // as many words as fit the browser's line
          let n = words.length;
          while (n > 1 && ctx.measureText(words.slice(0, n).join(" ")).width > rect.width + 1) { n -= 1; }
          line = words.slice(0, n).join(" ");
          words = words.slice(n);
        }
        ctx.fillText(line, rect.left - origin.left, rect.top - origin.top + rect.height / 2);
      });
    }
  }

  // Each marker is an SVG already: drawn as an image where it stands.
  function paintMarkers(ctx, chart, origin) {
    return Promise.all([...chart.querySelectorAll(".ranked-mark svg")].map(function (svg) {
      const b = box(svg, origin);
      const copy = svg.cloneNode(true);
      copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      copy.setAttribute("width", b.w);
      copy.setAttribute("height", b.h);
      const image = new Image();
      return new Promise(function (done) {
        image.onload = function () { ctx.drawImage(image, b.x, b.y, b.w, b.h); done(); };
        image.onerror = done;
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(copy.outerHTML);
      });
    }));
  }

  // The chart inside the element `id` as a PNG (a data: address), or null when there is none.
  function chartPng(id) {
    const holder = document.getElementById(id);
    const chart = holder && holder.querySelector(".ranked");
    if (!chart) { return Promise.resolve(null); }
    const origin = chart.getBoundingClientRect();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil((origin.width + 2 * PAD) * SCALE);
    canvas.height = Math.ceil((origin.height + 2 * PAD) * SCALE);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(SCALE, SCALE);
    ctx.translate(PAD, PAD);  // a white margin round the chart
    paintBoxes(ctx, chart, origin);
    return paintMarkers(ctx, chart, origin).then(function () {
      paintTexts(ctx, chart, origin);
      return canvas.toDataURL("image/png");
    });
  }
  window.scorecardChartPng = chartPng;

  document.addEventListener("click", function (event) {
    const button = event.target && event.target.closest ? event.target.closest("button[data-chart-png]") : null;
    if (!button) { return; }
    chartPng(button.getAttribute("data-chart-png")).then(function (url) {
      if (!url) { return; }
      const link = document.createElement("a");
      link.href = url;
      link.download = (button.getAttribute("data-filename") || "scorecard-chart") + ".png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  });
})();

/* dragoman dashboard: the charts (plotly.js, served by this app) and a few conveniences.
   Hand-written, no build step. Every page works without it; it only draws charts,
   keeps the URL short, and opens the event a link points at. */
"use strict";

(function () {
  var QUADS = [
    ["verbal_cooperation", "verbal cooperation", "#1b7f5f"],
    ["material_cooperation", "material cooperation", "#2160a8"],
    ["verbal_conflict", "verbal conflict", "#c26a00"],
    ["material_conflict", "material conflict", "#b2182b"]
  ];
  var CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function narrow() { return window.matchMedia("(max-width: 760px)").matches; }

  // Empty fields would put "since=&until=" in the URL: leave them out when the form is sent.
  function tidyForms() {
    var form = document.getElementById("filters");
    if (!form) return;
    var box = form.querySelector("details.filter-box");
    if (box && narrow()) box.open = false;  // on a phone the filters fold away; their summary stays

    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value === "" && el.type !== "submit") el.disabled = true;
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-autosubmit]"), function (el) {
      el.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });
  }

  // A link to #ev-ID opens that event's evidence.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var node = id && document.getElementById(id);
    if (!node) return;
    var details = node.querySelector("details");
    if (details) details.open = true;
    node.scrollIntoView({ block: "center" });
  }

  function layout(extra) {
    var base = {
      margin: { l: 48, r: 12, t: 12, b: 40 }, barmode: "stack", hovermode: "x unified",
      legend: { orientation: "h", y: -0.18, font: { size: 12 } },
      xaxis: { type: "date" }, font: { family: "system-ui, sans-serif", size: 12 }
    };
    for (var k in extra) base[k] = extra[k];
    return base;
  }

  function timelineChart() {
    var node = document.getElementById("timeline-chart");
    var d = data("timeline-data");
    if (!node || !d || !window.Plotly) return;
    if (!d.days.length) { node.hidden = true; return; }
    var days = d.days.map(function (x) { return x.day; });
    var traces = QUADS.map(function (q) {
      return { type: "bar", name: q[1], x: days, marker: { color: q[2] },
               y: d.days.map(function (x) { return x.quad[q[0]]; }),
               hovertemplate: "%{y} " + q[1] + "<extra></extra>" };
    });
    Plotly.newPlot(node, traces, layout({ yaxis: { title: { text: "events" }, rangemode: "tozero", fixedrange: true },
                                          legend: { orientation: "h", traceorder: "normal", y: narrow() ? -0.35 : -0.2 } }), CONFIG);
    // Zooming to a period offers that period as a filter, so it can be shared.
    var link = document.getElementById("period-link");
    node.on("plotly_relayout", function (ev) {
      var lo = ev["xaxis.range[0]"], hi = ev["xaxis.range[1]"];
      if (!link) return;
      if (lo === undefined || hi === undefined) { link.hidden = true; return; }
      var params = new URLSearchParams(d.filters);
      params.set("since", String(lo).slice(0, 10));
      params.set("until", String(hi).slice(0, 10));
      link.href = "/timeline?" + params.toString();
      link.textContent = "show only " + String(lo).slice(0, 10) + " to " + String(hi).slice(0, 10);
      link.hidden = false;
    });
  }

  function trajectoryChart() {
    var node = document.getElementById("trajectory-chart");
    var d = data("trajectory-data");
    if (!node || !d || !window.Plotly) return;
    var x = d.periods.map(function (p) { return p.period; });
    var period = (d.bin === "week" ? 7 : 1) * 86400000;  // each bar spans its day or week
    var ab = d.a + " \u2192 " + d.b, ba = d.b + " \u2192 " + d.a;
    function side(key, label, color, axis, what) {
      return { type: "bar", name: label + (what === "count" ? " events" : " Goldstein"), x: x, xaxis: "x", yaxis: axis,
               xperiod: period, xperiodalignment: "middle",
               y: d.periods.map(function (p) { return p[key][what]; }), marker: { color: color, opacity: what === "count" ? 0.55 : 1 },
               legendgroup: key, showlegend: what !== "count",
               hovertemplate: label + ": %{y}" + (what === "count" ? " events" : " Goldstein") + "<extra></extra>" };
    }
    var total = { type: "scatter", mode: "lines", name: "total", x: x, xperiod: period, xperiodalignment: "middle", y: d.periods.map(function (p) { return p.goldstein; }),
                  line: { color: "#1d232a", width: 1.5, dash: "dot" }, yaxis: "y", hovertemplate: "total: %{y}<extra></extra>" };
    function marks(points, name, symbol, color) {
      var byPeriod = {};
      d.periods.forEach(function (p) { byPeriod[p.period] = p.goldstein; });
      return { type: "scatter", mode: "markers", name: name, yaxis: "y", xperiod: period, xperiodalignment: "middle",
               x: points.map(function (t) { return t.period; }), y: points.map(function (t) { return byPeriod[t.period]; }),
               customdata: points.map(function (t) { return t.period; }),
               text: points.map(function (t) { return (t.change > 0 ? "+" : "") + t.change + " from " + (t.previous || "no contact"); }),
               marker: { symbol: symbol, size: 14, color: color, line: { color: "#fff", width: 1 } },
               hovertemplate: name + ": %{text}<extra></extra>" };
    }
    var traces = [
      side("a_to_b", ab, "#2160a8", "y", "goldstein"), side("b_to_a", ba, "#8a4fb5", "y", "goldstein"), total,
      marks(d.escalations, "escalation", "triangle-down", "#b2182b"), marks(d.deescalations, "de-escalation", "triangle-up", "#1b7f5f"),
      side("a_to_b", ab, "#2160a8", "y2", "count"), side("b_to_a", ba, "#8a4fb5", "y2", "count")
    ];
    Plotly.newPlot(node, traces, layout({
      barmode: "group",
      yaxis: { domain: [0.4, 1], title: { text: "Goldstein" }, zeroline: true, zerolinewidth: 2 },
      yaxis2: { domain: [0, 0.24], title: { text: "events" }, rangemode: "tozero", nticks: narrow() ? 3 : 5 },
      legend: { orientation: "h", y: narrow() ? -0.28 : -0.12 },
      margin: { l: 52, r: 12, t: 12, b: narrow() ? 30 : 40 }
    }), CONFIG);
    // A turning point's marker leads to the events behind it.
    node.on("plotly_click", function (ev) {
      var point = ev.points && ev.points[0];
      if (point && point.customdata) location.hash = "tp-" + point.customdata;
    });
  }

  function start() {
    tidyForms();
    timelineChart();
    trajectoryChart();
    openTarget();
    window.addEventListener("hashchange", openTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

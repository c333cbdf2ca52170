// The SPARQL editor, enhanced: YASGUI (served by this site from node_modules, see web/editor_assets.py)
// takes the place of the plain form, starting from the form's query (the starter, an example or the
// query just run). Without JavaScript, or without YASGUI installed, the plain form is the editor.
(function () {
  "use strict";
  var mount = document.getElementById("yasgui");
  var form = document.getElementById("sparql-form");
  var textarea = document.getElementById("query");
  var examples = document.getElementById("example");
  if (!mount || !form || !textarea || typeof window.Yasgui !== "function") { return; }
  var Yasgui = window.Yasgui;
  var SVG = "http://www.w3.org/2000/svg";

  function svg(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function isNumber(text) { return text.trim() !== "" && isFinite(Number(text)); }

  // A chart view for YASGUI's results (its own packages have none): a bar for each row whose last
  // numeric column holds a number, labelled by the row's other literal values (period, kind, source).
  function Chart(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
  }
  Chart.prototype.series = function () {
    var results = this.yasr.results;
    if (!results || !results.getBindings) { return null; }
    var variables = results.getVariables() || [];
    var bindings = results.getBindings() || [];
    var numeric = variables.filter(function (v) {
      return bindings.length && bindings.every(function (b) { return !b[v] || isNumber(b[v].value); }) &&
        bindings.some(function (b) { return b[v] && b[v].type !== "uri"; });
    });
    var measure = numeric[numeric.length - 1];
    if (!measure) { return null; }
    return bindings.filter(function (b) { return b[measure]; }).map(function (b) {
      var label = variables.filter(function (v) { return v !== measure && b[v] && b[v].type !== "uri"; })
        .map(function (v) { return b[v].value; }).join(" · ");
      return { label: label, value: Number(b[measure].value) };
    });
  };
  Chart.prototype.canHandleResults = function () {
    var series = this.series();
    return !!series && series.length > 0;
  };
  Chart.prototype.getIcon = function () {
    var icon = svg("svg", { viewBox: "0 0 16 16", width: "14", height: "14", "aria-hidden": "true" });
    [[1, 8, 6], [6, 4, 10], [11, 1, 13]].forEach(function (bar) {
      icon.appendChild(svg("rect", { x: bar[0], y: bar[1], width: "4", height: bar[2], fill: "currentColor" }));
    });
    return icon;
  };
  Chart.prototype.draw = function () {
    var series = this.series().slice(0, 200);
    var max = Math.max.apply(null, series.map(function (p) { return Math.abs(p.value); })) || 1;
    var row = 22, labelWidth = 360, barWidth = 420;
    var chart = svg("svg", { "class": "yasr-chart", role: "img", width: labelWidth + barWidth + 80,
                             height: series.length * row + 10, viewBox: "0 0 " + (labelWidth + barWidth + 80) +
                             " " + (series.length * row + 10) });
    series.forEach(function (p, i) {
      var y = i * row + 5;
      chart.appendChild(svg("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end" }, p.label));
      chart.appendChild(svg("rect", { x: labelWidth, y: y + 3, height: row - 6,
                                      width: Math.max(1, Math.abs(p.value) / max * barWidth) }));
      chart.appendChild(svg("text", { x: labelWidth + Math.abs(p.value) / max * barWidth + 6, y: y + 15 },
                            String(p.value)));
    });
    this.yasr.resultsEl.appendChild(chart);
  };
  Yasgui.Yasr.registerPlugin("chart", Chart);
  mount.hidden = false;  // shown before YASGUI measures its editor
  form.style.display = "none";
  var yasgui = new Yasgui(mount, {
    requestConfig: {
      endpoint: mount.getAttribute("data-endpoint"),
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle"
    },
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null,  // each visit starts from the page's query, not one kept in the browser
    yasqe: {
      value: textarea.value,
      collapsePrefixesOnLoad: true,  // the graph's prefixes are all there, folded
      // no suggestions from outside services: this site's pages may only reach this site
      autocompleters: ["prefixes", "variables"],
      persistenceId: null
    },
    yasr: { persistenceId: null, pluginOrder: ["table", "chart", "response"], defaultPlugin: "table" }
  });
  var tab = function () { return yasgui.getTab(); };
  if (examples) {
    examples.addEventListener("change", function () {
      var option = examples.options[examples.selectedIndex];
      var text = option && option.getAttribute("data-query");
      if (text) {
        tab().setQuery(text);
        tab().getYasqe().collapsePrefixes(true);
      }
    });
  }
}());

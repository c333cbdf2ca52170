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
    yasr: { persistenceId: null }
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

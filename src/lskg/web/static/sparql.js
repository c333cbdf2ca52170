// The SPARQL editor works without this file; it only adds Ctrl/Cmd+Enter to run and
// loads an example into the textarea without a round trip.
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var query = document.getElementById("query");
  var examples = document.getElementById("example");
  if (!form || !query) { return; }
  query.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
    }
  });
  if (examples) {
    examples.addEventListener("change", function () {
      var option = examples.options[examples.selectedIndex];
      var text = option && option.getAttribute("data-query");
      if (text) {
        query.value = text;
        query.focus();
      }
    });
  }
}());

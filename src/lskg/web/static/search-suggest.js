// Suggestions under the header search box, from /search.json. Progressive enhancement:
// without this script the box is a plain form that opens /search.
(function () {
  "use strict";
  var form = document.querySelector("form.quick-search");
  var input = form && form.querySelector('input[name="q"]');
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.className = "suggestions";
  list.id = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("autocomplete", "off");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-autocomplete", "list");
  var timer = null, asked = "", current = -1;
  var english = new URLSearchParams(location.search).get("lang") === "en";

  function close() { list.hidden = true; list.textContent = ""; current = -1; }

  function show(items) {
    list.textContent = "";
    current = -1;
    items.forEach(function (item) {
      if (!item.href || item.href.charAt(0) !== "/" || item.href.charAt(1) === "/") { return; }
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      var a = document.createElement("a");
      a.href = item.href;
      a.textContent = item.label;
      var kind = document.createElement("small");
      kind.textContent = " " + (item.kind_label || item.kind);
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = list.children.length === 0;
  }

  function ask() {
    var q = input.value.trim();
    if (q === asked) { return; }
    asked = q;
    if (q.length < 2) { close(); return; }
    fetch("/search.json?q=" + encodeURIComponent(q) + (english ? "&lang=en" : ""),
          { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) { if (q === asked) { show(items); } })
      .catch(close);
  }

  function move(step) {
    var options = list.querySelectorAll("a");
    if (!options.length) { return; }
    current = (current + step + options.length) % options.length;
    options[current].focus();
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  form.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Escape") { close(); input.focus(); }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) { close(); } });
}());

// Highlights every piece of the sentence the address points to (#char-<start>-<end>).
// CSS :target reaches only the first piece of a sentence that had to be split around
// other marks; this marks all of them. Without script, :target still works.
(function () {
  "use strict";
  var marked = [];
  function highlight() {
    marked.forEach(function (el) { el.classList.remove("targeted"); });
    marked = [];
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^char-\d+-\d+$/.test(id)) { return; }
    document.querySelectorAll('[data-seg="' + id + '"]').forEach(function (el) {
      el.classList.add("targeted");
      marked.push(el);
    });
  }
  window.addEventListener("hashchange", highlight);
  document.addEventListener("DOMContentLoaded", highlight);
}());

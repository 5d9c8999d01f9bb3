/* Parts of a page folded behind a button on a narrow screen (the header's links on a phone, the
   search page's filters): `data-fold` on the part holds the media query that folds it, and a button
   with aria-controls naming the part opens and closes it. On a wider screen the part is simply there
   and the button hidden; without JavaScript everything is shown. Loaded right after the header, so
   the header is folded before it is drawn; the rest once the page is read. */
(function () {
  "use strict";
  function setUp(part) {
    if (part.getAttribute("data-fold-ready")) { return; }
    var button = document.querySelector('[aria-controls="' + part.id + '"]');
    if (!button) { return; }
    part.setAttribute("data-fold-ready", "1");
    var narrow = window.matchMedia(part.getAttribute("data-fold") || "(max-width: 700px)");
    function show() {
      button.hidden = !narrow.matches;
      part.hidden = narrow.matches && button.getAttribute("aria-expanded") !== "true";
    }
    button.addEventListener("click", function () {
      button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
      show();
    });
    narrow.addEventListener("change", show);
    show();
  }
  function setUpAll() { [].forEach.call(document.querySelectorAll("[data-fold]"), setUp); }
  setUpAll();
  document.addEventListener("DOMContentLoaded", setUpAll);
})();

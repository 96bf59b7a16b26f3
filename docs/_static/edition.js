/* The reading room's few scripts: the page's own address in citations where
   the build was given no base URL, and the copy buttons. No request is made. */
(function () {
  "use strict";

  function ownAddress() {
    return location.href.split("#")[0];
  }

  function fillAddresses() {
    var link = document.querySelector("a.edition-permalink");
    if (!link || link.dataset.absolute === "true") return;
    var here = ownAddress();
    document.querySelectorAll(".edition-url").forEach(function (node) {
      node.textContent = here;
      if (node.tagName === "A") node.href = here;
    });
  }

  function copy(text, button) {
    function done() {
      var before = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = before; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fillAddresses();
    document.querySelectorAll("button.edition-copy").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.copy);
        if (target) copy(target.textContent, button);
      });
    });
  });
})();

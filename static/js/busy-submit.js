// Slow actions show progress (issue 18, item 6): a form marked data-busy-label, once sent,
// is aria-busy, its button is disabled and says what is happening, and a polite live region
// announces it, so a Progress Report submit that takes seconds is not pressed twice.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-busy-label]") || form.getAttribute("aria-busy") === "true") {
      if (form.getAttribute("aria-busy") === "true") { event.preventDefault(); }
      return;
    }
    var label = form.getAttribute("data-busy-label");
    form.setAttribute("aria-busy", "true");
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
      button.classList.add("portal-busy");
      button.textContent = label;
    });
    var status = form.querySelector("[data-busy-status]");
    if (status) { status.textContent = label; }
  });
})();

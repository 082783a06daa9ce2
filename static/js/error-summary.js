// USWDS error summary: after a form comes back with errors, focus moves to its summary (so a
// keyboard or screen-reader user starts there), and following an item focuses the field.
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var group = field.closest(".usa-form-group, .usa-fieldset");
    (group || field).scrollIntoView();
    field.focus();
  });
  document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  document.body.addEventListener("htmx:afterSwap", function (event) { focusSummary(event.target); });
})();

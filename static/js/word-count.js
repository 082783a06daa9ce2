// Live word counters for fields limited in words (the seeds count words, not characters).
(function () {
  "use strict";
  function countWords(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }
  function update(counter) {
    var field = document.getElementById(counter.dataset.wordCountFor);
    if (!field) { return; }
    var limit = parseInt(counter.dataset.wordLimit, 10);
    var used = countWords(field.value);
    var left = limit - used;
    counter.textContent = left >= 0
      ? left + (left === 1 ? " word" : " words") + " left of " + limit
      : (-left) + ((-left) === 1 ? " word" : " words") + " over the limit of " + limit;
    counter.classList.toggle("usa-error-message", left < 0);
    field.classList.toggle("usa-input--error", left < 0);
  }
  function bind(root) {
    (root || document).querySelectorAll("[data-word-count-for]").forEach(function (counter) {
      var field = document.getElementById(counter.dataset.wordCountFor);
      if (!field || field.dataset.wordCountBound) { return; }
      field.dataset.wordCountBound = "1";
      field.addEventListener("input", function () { update(counter); });
      update(counter);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.body.addEventListener("htmx:afterSwap", function (event) { bind(event.target); });
  window.portalWordCount = {countWords: countWords, bind: bind};
})();

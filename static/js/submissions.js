// QIS forms: the live total of the payment-model percentages (element 15) and the print button.
(function () {
  "use strict";
  var KEYS = ["ffs_no_link", "ffs_linked", "apm_ffs", "population"];
  function total() {
    var out = document.querySelector("[data-payment-total-value]");
    if (!out) { return; }
    var sum = 0, any = false;
    KEYS.forEach(function (key) {
      var field = document.getElementById("id_payment_" + key);
      var value = field ? parseFloat(field.value.replace("%", "")) : NaN;
      if (!isNaN(value)) { sum += value; any = true; }
    });
    out.textContent = any ? (Math.round(sum * 100) / 100) + " %" : "—";
  }
  document.addEventListener("DOMContentLoaded", function () {
    KEYS.forEach(function (key) {
      var field = document.getElementById("id_payment_" + key);
      if (field) { field.addEventListener("input", total); }
    });
    total();
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();

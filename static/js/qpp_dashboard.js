/* QPP dashboard: business days to first response as a bar chart (Chart.js). The figures come
   from a JSON script element and are also in the table under the chart. */
(function () {
  "use strict";
  var source = document.getElementById("qpp-chart-data");
  var canvas = document.getElementById("qpp-response-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: "Answered inquiries", data: data.counts, backgroundColor: "#005ea2" }]
    },
    options: {
      animation: reduceMotion ? false : undefined,
      responsive: true,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
})();

/* QIO dashboard charts (Chart.js). The data comes from a JSON script element; every chart
   has a data table beside it with the same figures, for screen readers and keyboard users. */
(function () {
  "use strict";
  var source = document.getElementById("qio-chart-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var counts = { beginAtZero: true, ticks: { precision: 0 } };

  function draw(id, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas || !labels.length) { return; }
    if (options.indexAxis === "y") {
      // One band per row, so three providers do not make a wall of colour.
      canvas.parentNode.style.height = (labels.length * 36 + 60) + "px";
      options.maintainAspectRatio = false;
    }
    options.animation = reduceMotion ? false : undefined;
    options.responsive = true;
    options.plugins = { legend: { display: datasets.length > 1 } };
    new window.Chart(canvas, { type: "bar", data: { labels: labels, datasets: datasets },
                               options: options });
  }

  draw("chart-associates", data.associates.labels, [
    { label: "Interactions", data: data.associates.counts, backgroundColor: "#005ea2",
      yAxisID: "y" },
    { label: "Average duration (minutes)", data: data.associates.averages,
      backgroundColor: "#73b3e7", yAxisID: "minutes" }
  ], { scales: { y: counts,
                 minutes: { beginAtZero: true, position: "right",
                            grid: { drawOnChartArea: false },
                            title: { display: true, text: "minutes" } } } });
  draw("chart-providers", data.providers.labels, [
    { label: "Interactions", data: data.providers.counts, backgroundColor: "#005ea2" }
  ], { indexAxis: "y", scales: { x: counts } });
  draw("chart-subcategories", data.subcategories.labels, [
    { label: "Interactions", data: data.subcategories.counts, backgroundColor: "#1a4480" }
  ], { indexAxis: "y", scales: { x: counts } });
})();

// The counts page's chart: practices by field (x) and by the table's rows (one colour each). Data comes from the
// page through json_script (no inline code: the CSP allows scripts from 'self' only).
(() => {
  const canvas = document.getElementById("stats-chart");
  const source = document.getElementById("stats-chart-data");
  if (!canvas || !source || !window.Chart || !window.danvanCharts) return;
  const data = JSON.parse(source.textContent);
  const { colours, wrap, barOptions } = window.danvanCharts;
  // On a phone the bars lie down (fields on the vertical axis), so the long field names have room.
  const narrow = canvas.parentElement.clientWidth < 540;
  const fieldAxis = { stacked: data.stacked, ticks: { autoSkip: false, maxRotation: 0 } };
  const countAxis = { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0 } };
  new Chart(canvas, {
    type: "bar",
    data: {
      // Long field names are broken into lines of about 16 characters.
      labels: data.labels.map((label) => wrap(label, 16)),
      datasets: data.datasets.map((set, i) => ({
        label: set.label,
        data: set.data,
        backgroundColor: colours[i % colours.length],
      })),
    },
    options: barOptions({
      lying: narrow,
      tooltip: { title: (items) => (items.length ? data.labels[items[0].dataIndex] : "") },
      scales: narrow ? { x: countAxis, y: fieldAxis } : { x: fieldAxis, y: countAxis },
    }),
  });
})();

// The counts page's chart: practices by field (x) and by the table's rows (one colour each). Data comes from the
// page through json_script (no inline code: the CSP allows scripts from 'self' only).
(() => {
  const canvas = document.getElementById("stats-chart");
  const source = document.getElementById("stats-chart-data");
  if (!canvas || !source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const colours = ["#a31d24", "#0b5394", "#e69138", "#6aa84f", "#674ea7", "#45818e", "#cc4125", "#999999"];
  // On a phone the bars lie down (fields on the vertical axis), so the long field names have room.
  const narrow = canvas.parentElement.clientWidth < 540;
  // Long field names ("Xây dựng hệ thống chính trị") are broken into lines of about 16 characters.
  const wrap = (label) => {
    const lines = [];
    for (const word of String(label).split(" ")) {
      const last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= 16) lines[last] += " " + word;
      else lines.push(word);
    }
    return lines;
  };
  const locale = document.documentElement.lang || "vi";
  const fieldAxis = { stacked: data.stacked, ticks: { autoSkip: false, maxRotation: 0 } };
  const countAxis = { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0 } };
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels.map(wrap),
      datasets: data.datasets.map((set, i) => ({
        label: set.label,
        data: set.data,
        backgroundColor: colours[i % colours.length],
      })),
    },
    options: {
      animation: false, // the figures, not a show: printouts and screenshots get the final bars
      locale,
      indexAxis: narrow ? "y" : "x",
      maintainAspectRatio: false,
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: { title: (items) => (items.length ? data.labels[items[0].dataIndex] : "") },
        },
      },
      scales: narrow ? { x: countAxis, y: fieldAxis } : { x: fieldAxis, y: countAxis },
    },
  });
})();

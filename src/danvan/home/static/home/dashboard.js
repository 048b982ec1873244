(() => {
  const canvas = document.getElementById("units-by-kind");
  const source = document.getElementById("units-by-kind-data");
  if (!canvas || !source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  // Long labels ("Xã, phường, đặc khu, thị trấn") are cut on a phone: break them into lines of about 18 characters.
  const wrap = (label) => {
    const lines = [];
    for (const word of String(label).split(" ")) {
      const last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= 18) lines[last] += " " + word;
      else lines.push(word);
    }
    return lines;
  };
  const positive = data.values.filter((n) => n > 0);
  // A logarithmic axis only when the counts span orders of magnitude (a province); a commune's few units read better on a linear one.
  const wide = positive.length > 1 && Math.max(...positive) / Math.min(...positive) >= 100;
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels.map(wrap), datasets: [{ data: data.values, backgroundColor: "#a31d24" }] },
    options: {
      locale: document.documentElement.lang || "vi",
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false, // the figures, not a show: printouts and screenshots get the final bars
      plugins: { legend: { display: false } },
      scales: {
        x: wide ? { type: "logarithmic" } : { type: "linear", beginAtZero: true, ticks: { precision: 0 } },
        y: { ticks: { autoSkip: false } },
      },
    },
  });
})();

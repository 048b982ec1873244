(() => {
  const canvas = document.getElementById("units-by-kind");
  const source = document.getElementById("units-by-kind-data");
  if (!canvas || !source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ data: data.values, backgroundColor: "#a31d24" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { type: "logarithmic" } } },
  });
})();

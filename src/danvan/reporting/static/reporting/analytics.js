// The aggregation page's chart. Data comes from the page through json_script (the CSP allows scripts from 'self'
// only). Units layout: one indicator by child unit (bars lie down when there are many units). Periods layout: the
// chosen indicator and those with the same unit of measure, one bar per period. Picking another indicator redraws
// at once; without JavaScript the picker is part of the page's form and is sent with it.
(() => {
  const canvas = document.getElementById("analytics-chart");
  const source = document.getElementById("analytics-chart-data");
  const picker = document.getElementById("an-indicator");
  if (!canvas || !source || !window.Chart || !window.danvanCharts) return;
  const data = JSON.parse(source.textContent);
  const box = document.getElementById("analytics-chart-box");
  const { colours, locale, wrap, barOptions } = window.danvanCharts;
  const numberFormat = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 });
  let chart = null;

  const unitsConfig = (code) => {
    const series = data.series.find((s) => s.code === code) || data.series[0];
    // Highest first: the chart ranks the units (the table keeps their order).
    const order = data.labels
      .map((label, i) => ({ label, value: series.values[i] }))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
    // Standing bars with slanted names fit down to about 14 pixels a unit; past that (or on a phone) they lie down,
    // with about 1.3rem a unit.
    const lying = box.clientWidth < 540 || data.labels.length * 14 > box.clientWidth;
    box.style.height = lying ? `${Math.max(16, data.labels.length * 1.3 + 4)}rem` : "";
    return {
      type: "bar",
      data: {
        labels: order.map((o) => o.label),
        datasets: [
          {
            label: series.measure ? `${series.name} (${series.measure})` : series.name,
            data: order.map((o) => o.value),
            backgroundColor: colours[0],
          },
        ],
      },
      options: barOptions({
        lying,
        tooltip: { label: (item) => numberFormat.format(item.raw ?? 0) },
        scales: {
          [lying ? "x" : "y"]: { beginAtZero: true, ticks: { callback: (v) => numberFormat.format(v) } },
          [lying ? "y" : "x"]: { ticks: { autoSkip: false, maxRotation: 70, minRotation: lying ? 0 : 45 } },
        },
      }),
    };
  };

  const periodsConfig = (code) => {
    const chosen = data.series.find((s) => s.code === code) || data.series[0];
    // Indicators comparable on one axis: the same unit of measure, and rates only with rates.
    const shown = data.series.filter(
      (s) =>
        s.code === chosen.code ||
        (chosen.measure && s.measure === chosen.measure && s.percentage === chosen.percentage),
    );
    const narrow = box.clientWidth < 540;
    box.style.height = narrow ? `${Math.max(16, shown.length * data.periods.length * 1.4 + 6)}rem` : "";
    return {
      type: "bar",
      data: {
        labels: shown.map((s) => wrap(s.name, narrow ? 22 : 28)),
        datasets: data.periods.map((label, i) => ({
          label,
          data: shown.map((s) => s.values[i]),
          backgroundColor: colours[i % colours.length],
        })),
      },
      options: barOptions({
        lying: narrow,
        tooltip: {
          title: (items) => (items.length ? shown[items[0].dataIndex].name : ""),
          label: (item) => `${item.dataset.label}: ${numberFormat.format(item.raw ?? 0)}`,
        },
        scales: {
          [narrow ? "x" : "y"]: {
            beginAtZero: true,
            title: { display: Boolean(chosen.measure), text: chosen.measure },
            ticks: { callback: (v) => numberFormat.format(v) },
          },
          [narrow ? "y" : "x"]: { ticks: { autoSkip: false, maxRotation: 0 } },
        },
      }),
    };
  };

  const draw = (code) => {
    if (chart) chart.destroy();
    chart = new Chart(canvas, data.kind === "periods" ? periodsConfig(code) : unitsConfig(code));
  };
  draw(picker ? picker.value : data.chosen);
  if (picker) picker.addEventListener("change", () => draw(picker.value));
})();

// What every bar chart of the site shares (the register's counts, the reports' aggregation): the colours, labels
// broken into lines, and the options: drawn once without animation, legend below, sized by its box.
window.danvanCharts = (() => {
  const colours = ["#a31d24", "#0b5394", "#e69138", "#6aa84f", "#674ea7", "#45818e", "#cc4125", "#999999"];
  const locale = document.documentElement.lang || "vi";

  // A long label ("Xây dựng hệ thống chính trị") as lines of about `width` characters.
  const wrap = (label, width) => {
    const lines = [];
    for (const word of String(label).split(" ")) {
      const last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= width) lines[last] += " " + word;
      else lines.push(word);
    }
    return lines;
  };

  // `lying`: the bars lie down (labels on the vertical axis), for a phone or many bars.
  const barOptions = ({ lying, tooltip, scales }) => ({
    animation: false, // the figures, not a show: printouts and screenshots get the final bars
    locale,
    indexAxis: lying ? "y" : "x",
    maintainAspectRatio: false,
    plugins: {
      legend: { position: "bottom", labels: { boxWidth: 12 } },
      tooltip: { callbacks: tooltip },
    },
    scales,
  });

  return { colours, locale, wrap, barOptions };
})();

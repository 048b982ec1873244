// Searchable selects of the activities (people, units): a search box above a select keeps the options whose label
// holds every word typed, accents and case aside ("vu van minh" finds "Vũ Văn Minh"). The chosen options and the
// empty one always stay. Loaded by each widget; the first load installs one listener for the whole page (htmx
// fragments included). Without JavaScript the box stays hidden and the select works as usual.
(() => {
  if (window.dvPickerReady) return;
  window.dvPickerReady = true;
  const fold = (text) =>
    text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/\s+/g, " ").trim();
  const show = () => document.querySelectorAll("[data-picker-search][hidden]").forEach((box) => { box.hidden = false; });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
  document.addEventListener("htmx:afterSettle", show);
  document.addEventListener("input", (event) => {
    const box = event.target.closest("[data-picker-search]");
    if (!box) return;
    const select = document.getElementById(box.getAttribute("aria-controls"));
    if (!select) return;
    if (!select.dvOptions) select.dvOptions = Array.from(select.options).map((option) => [option, fold(option.text)]);
    const words = fold(box.value).split(" ").filter(Boolean);
    const kept = select.dvOptions
      .filter(([option, key]) => option.selected || !option.value || words.every((word) => key.includes(word)))
      .map(([option]) => option);
    select.replaceChildren(...kept);
    // A single select opens as a short list while searching, so the matches are seen without another click.
    if (!select.multiple) {
      if (words.length) select.size = Math.min(Math.max(kept.length, 2), 8);
      else select.removeAttribute("size");
    }
    const count = box.parentElement.querySelector("[data-picker-count]");
    if (count) {
      const shown = kept.filter((option) => option.value).length;
      const total = select.dvOptions.filter(([option]) => option.value).length;
      count.textContent = words.length ? `${shown} / ${total}` : "";
    }
  });
})();

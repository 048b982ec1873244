// Behaviours of the "Dân vận khéo" register forms (no inline scripts: the CSP forbids them).
(() => {
  // The person's name and position only matter for an individual exemplar.
  const syncKind = (form) => {
    const checked = form.querySelector("input[name$='kind']:checked");
    const exemplar = checked && checked.value === "exemplar";
    form.querySelectorAll("[data-exemplar-only]").forEach((element) => {
      element.hidden = !exemplar;
    });
  };
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-practice-form]").forEach(syncKind);
  });
  document.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-practice-form]");
    if (form && event.target.matches("input[name$='kind']")) syncKind(form);
  });

  // "Thêm dòng": a new empty row of results from the <template>, numbered after the last one.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-row]");
    if (!button) return;
    const prefix = button.getAttribute("data-add-row");
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const max = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
    const template = document.getElementById(`${prefix}-empty-row`);
    const body = document.getElementById(`${prefix}-rows`);
    if (!total || !template || !body) return;
    const index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) {
      button.disabled = true;
      return;
    }
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const first = body.lastElementChild && body.lastElementChild.querySelector("input");
    if (first) first.focus();
  });
})();

// Small behaviours shared by every page; loaded with the CSP nonce-free 'self' source.
document.addEventListener("DOMContentLoaded", () => {
  // Destructive actions ask first: <form data-confirm="...">.
  document.body.addEventListener("submit", (event) => {
    const message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // Selects that submit their form when changed (unit switcher, language).
  document.body.addEventListener("change", (event) => {
    if (event.target.matches("[data-autosubmit]")) event.target.form.requestSubmit();
  });
});
document.body && document.body.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("meta[name=csrf-token]");
  if (token) event.detail.headers["X-CSRFToken"] = token.content;
});
// Tree nodes: the first click loads the children (htmx), later clicks fold and unfold them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-toggle-tree]");
  if (!button) return;
  const list = button.parentElement.querySelector(":scope > ul");
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  button.querySelector("i").className = open ? "bi bi-caret-down-fill" : "bi bi-caret-right-fill";
  if (list) list.hidden = !open;
});

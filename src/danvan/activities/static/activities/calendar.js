// The work calendar: the print button of the print view, and the feed addresses selected whole when clicked.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
document.querySelectorAll("[data-select-all]").forEach((input) => {
  input.addEventListener("focus", () => input.select());
});

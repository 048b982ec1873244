// The data entry grid: keyboard moves between cells, system figures need a reason, the history dialog.
// Cells save themselves through htmx (hx-post on change); this file only adds behaviour around that.
(() => {
  const grid = document.querySelector("[data-entry-grid]");
  if (!grid) return;
  let lastField = null;
  // Under the strict CSP htmx must not copy style attributes while settling a swapped cell.
  if (window.htmx) window.htmx.config.attributesToSettle = ["class", "width", "height"];

  const fields = () => Array.from(grid.querySelectorAll("[data-row]:not([disabled])"));

  // Moves to the row above or below (direction -1 / +1), same column if that row has it, else the nearest one.
  function move(from, direction) {
    const all = fields();
    const row = Number(from.dataset.row);
    const col = Number(from.dataset.col);
    const rows = [...new Set(all.map((el) => Number(el.dataset.row)))].sort((a, b) => a - b);
    const target = rows[rows.indexOf(row) + direction];
    if (target === undefined) return false;
    const candidates = all.filter((el) => Number(el.dataset.row) === target);
    const next = candidates.reduce((best, el) =>
      Math.abs(Number(el.dataset.col) - col) < Math.abs(Number(best.dataset.col) - col) ? el : best);
    next.focus();
    if (next.select) next.select();
    return true;
  }

  function cellOf(el) {
    return el.closest(".dv-cell");
  }

  // A system figure being changed: show the reason box (so Tab reaches it) until the figure is back as it was.
  function needsReason(cell) {
    if (!cell || !cell.hasAttribute("data-bound")) return false;
    const value = cell.querySelector("[data-row]");
    const reason = cell.querySelector("[name=reason]");
    return value.value.trim() !== (value.dataset.original || "") && reason && !reason.value.trim();
  }

  function revealReason(cell, hint) {
    const box = cell.querySelector(".dv-reason");
    if (box) box.hidden = false;
    const message = cell.querySelector(".dv-reason-hint");
    if (message) message.hidden = !hint;
  }

  grid.addEventListener("input", (event) => {
    const cell = cellOf(event.target);
    if (cell && cell.hasAttribute("data-bound") && event.target.matches("[data-row]")) {
      const value = event.target;
      if (value.value.trim() !== (value.dataset.original || "")) revealReason(cell, false);
    }
  });

  grid.addEventListener("keydown", (event) => {
    const el = event.target;
    const cell = cellOf(el);
    if (!cell) return;
    if (event.altKey && (event.code === "KeyL" || event.key.toLowerCase() === "l")) {
      const button = el.closest("td") && el.closest("td").querySelector(".dv-history-button");
      if (button) {
        event.preventDefault();
        lastField = cell.querySelector("[data-row]");
        button.click();
      }
      return;
    }
    const value = cell.querySelector("[data-row]");
    if (el.matches("[name=reason]")) {
      if (event.key === "Enter") {
        event.preventDefault();
        move(value, 1) || el.blur();
      }
      return;
    }
    if (!el.matches("[data-row]") || el.tagName === "TEXTAREA") return;
    if (event.key === "Enter") {
      event.preventDefault();
      if (needsReason(cell)) {
        revealReason(cell, true);
        cell.querySelector("[name=reason]").focus();
      } else if (!move(el, 1)) {
        el.blur();
        el.focus();
      }
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && el.tagName === "INPUT") {
      event.preventDefault();
      move(el, event.key === "ArrowDown" ? 1 : -1);
    }
  });

  // A changed system figure without a reason is not sent: the reason box opens and says why.
  grid.addEventListener("htmx:confirm", (event) => {
    const cell = event.detail.elt;
    if (cell.matches && cell.matches(".dv-cell") && needsReason(cell)) {
      event.preventDefault();
      revealReason(cell, true);
    }
  });

  // Refused saves (no right, 403; changed meanwhile by someone else, 409) still show their message in the cell.
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    if ([403, 409, 422].includes(event.detail.xhr.status)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  grid.addEventListener("click", (event) => {
    const button = event.target.closest(".dv-history-button");
    if (button) lastField = button.closest("td").querySelector("[data-row]");
  });
  const modal = document.getElementById("history-modal");
  if (modal) {
    modal.addEventListener("hidden.bs.modal", () => {
      // After Bootstrap has given focus back to the (untabbable) history button: back to the cell.
      if (lastField) setTimeout(() => lastField.focus(), 0);
      document.getElementById("history-body").textContent = modal.dataset.loading || "";
    });
  }
})();

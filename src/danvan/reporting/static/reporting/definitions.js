// Behaviours of the indicator and form definition pages (no inline scripts: the CSP forbids them).
(() => {
  // Accent-insensitive matching, as the server's search: "ty le" finds "Tỷ lệ", "dan" finds "Dân".
  const fold = (text) =>
    (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  const matches = (element, words) => {
    const haystack = element.dataset.folded || (element.dataset.folded = fold(element.dataset.search));
    return words.every((word) => haystack.includes(word));
  };

  // Indicator form: filter the list of codes, and insert a code into the formula at the cursor.
  document.addEventListener("input", (event) => {
    if (!event.target.matches("[data-code-search]")) return;
    const box = event.target.closest("[data-code-help]");
    const words = fold(event.target.value).split(/\s+/).filter(Boolean);
    box.querySelectorAll("li[data-search]").forEach((item) => {
      item.hidden = !matches(item, words);
    });
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-insert-code]");
    if (!button) return;
    const box = button.closest("[data-code-help]");
    const input = document.getElementById(box.dataset.target);
    if (!input) return;
    const code = button.dataset.insertCode;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const before = input.value.slice(0, start);
    const after = input.value.slice(end);
    const left = before && !/[\s(]$/.test(before) ? " " : "";
    const right = after && !/^[\s)]/.test(after) ? " " : "";
    input.value = before + left + code + right + after;
    const caret = (before + left + code).length;
    input.focus();
    input.setSelectionRange(caret, caret);
  });

  // Section editor: search, "only chosen", positions kept in step with the rows' order, ↑ ↓ buttons.
  const editor = document.querySelector("form[data-section-editor]");
  if (!editor) return;
  const body = editor.querySelector("[data-rows]");
  const rows = () => Array.from(body.querySelectorAll("tr[data-row]"));
  const chosenRows = () => rows().filter((row) => row.querySelector("[data-choose]").checked);
  const counter = editor.querySelector("[data-chosen-count]");
  const search = editor.querySelector("[data-row-search]");
  const onlyChosen = editor.querySelector("[data-only-chosen]");
  const noMatch = editor.querySelector("[data-no-match]");

  const renumber = () => {
    chosenRows().forEach((row, index) => {
      row.querySelector("[data-position]").value = String(index + 1);
    });
    rows().forEach((row) => {
      if (!row.querySelector("[data-choose]").checked) row.querySelector("[data-position]").value = "";
    });
    if (counter) counter.textContent = counter.dataset.template.replace("%(n)s", String(chosenRows().length));
  };
  // Chosen rows first, in their position order; the others keep their order below them.
  const reorder = () => {
    const chosen = chosenRows();
    const keyed = chosen.map((row, index) => {
      const value = parseFloat(row.querySelector("[data-position]").value);
      return { row, key: Number.isFinite(value) ? value : 100000, index };
    });
    keyed.sort((a, b) => a.key - b.key || a.index - b.index);
    const others = rows().filter((row) => !chosen.includes(row));
    [...keyed.map((item) => item.row), ...others].forEach((row) => body.appendChild(row));
    renumber();
  };
  const filter = () => {
    const words = fold(search ? search.value : "").split(/\s+/).filter(Boolean);
    let shown = 0;
    rows().forEach((row) => {
      const visible = matches(row, words) && (!onlyChosen || !onlyChosen.checked || row.querySelector("[data-choose]").checked);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    if (noMatch) noMatch.hidden = shown > 0 || rows().length === 0;
  };

  editor.addEventListener("change", (event) => {
    if (event.target.matches("[data-choose]")) {
      const row = event.target.closest("tr");
      if (event.target.checked) {
        // A newly chosen indicator goes to the end of the chosen ones.
        row.querySelector("[data-position]").value = String(chosenRows().length + 1000);
      }
      reorder();
      filter();
      event.target.focus();
    } else if (event.target.matches("[data-position]")) {
      const row = event.target.closest("tr");
      const box = row.querySelector("[data-choose]");
      if (event.target.value.trim() && !box.checked && !box.disabled) box.checked = true;
      // "3" puts the row third: it goes just before (moving up) or just after (moving down) the row there now.
      const was = chosenRows().indexOf(row) + 1;
      const value = parseInt(event.target.value, 10);
      if (Number.isFinite(value)) event.target.value = String(was && value > was ? value + 0.5 : value - 0.5);
      reorder();
      event.target.focus();
    } else if (event.target.matches("[data-only-chosen]")) {
      filter();
    }
  });
  editor.addEventListener("input", (event) => {
    if (event.target.matches("[data-row-search]")) filter();
  });
  // Enter in the search box filters instead of submitting the form.
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("[data-row-search]")) event.preventDefault();
  });
  editor.addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    const row = button.closest("tr");
    const box = row.querySelector("[data-choose]");
    if (!box.checked) {
      box.checked = true;
      reorder();
    }
    const chosen = chosenRows();
    const index = chosen.indexOf(row);
    const target = index + parseInt(button.dataset.move, 10);
    if (target < 0 || target >= chosen.length) return;
    const other = chosen[target];
    if (target < index) body.insertBefore(row, other);
    else body.insertBefore(row, other.nextSibling);
    renumber();
    button.focus();
  });
  reorder();
  filter();
})();

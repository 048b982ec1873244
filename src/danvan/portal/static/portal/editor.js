// The stories' rich-text editor: a toolbar over an editable area standing in for the form's textarea, whose HTML
// it keeps in step (the server sanitises it: portal.richtext). Bold, italic, headings, lists, quote, link, and an
// image from the site's library (fetched from data-images-url, inserted as <figure><img><figcaption>). Without
// JavaScript the textarea stays and takes HTML as typed.
(() => {
  // The block of the editable area holding the caret (its direct child), or null at its end.
  function blockAt(area, range) {
    let node = range ? range.startContainer : null;
    while (node && node.parentNode !== area) node = node.parentNode;
    return node && node.parentNode === area ? node : null;
  }

  // A figure after the caret's block, then an empty paragraph where the caret goes: built as nodes, so the browser
  // neither splits it nor adds inline styles (which the CSP refuses).
  function insertFigure(area, range, item) {
    const figure = document.createElement("figure");
    const image = document.createElement("img");
    image.src = item.url;
    image.alt = item.alt;
    figure.append(image);
    if (item.caption) {
      const caption = document.createElement("figcaption");
      caption.textContent = item.caption;
      figure.append(caption);
    }
    const after = document.createElement("p");
    after.append(document.createElement("br"));
    const block = blockAt(area, range);
    if (block) block.after(figure, after);
    else area.append(figure, after);
    const caret = document.createRange();
    caret.setStart(after, 0);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(caret);
    area.focus();
    area.dispatchEvent(new Event("input"));
  }

  function imagePanel(editor, panel, area, button) {
    if (!panel.hidden) {
      panel.hidden = true;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const selection = window.getSelection();
    const range = selection.rangeCount && area.contains(selection.anchorNode) ? selection.getRangeAt(0).cloneRange() : null;
    fetch(editor.dataset.imagesUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((answer) => answer.json())
      .then((data) => {
        panel.replaceChildren();
        if (!data.items.length) panel.textContent = editor.dataset.imagesEmpty;
        data.items.forEach((item) => {
          const pick = document.createElement("button");
          pick.type = "button";
          pick.className = "dv-editor-pick btn btn-light p-1";
          const thumb = document.createElement("img");
          thumb.src = item.thumb;
          thumb.alt = item.alt;
          pick.append(thumb);
          pick.addEventListener("click", () => {
            insertFigure(area, range, item);
            panel.hidden = true;
            button.setAttribute("aria-expanded", "false");
          });
          panel.append(pick);
        });
        panel.hidden = false;
        button.setAttribute("aria-expanded", "true");
      });
  }

  function install(editor) {
    const textarea = document.getElementById(editor.dataset.editorFor);
    if (!textarea) return;
    const area = editor.querySelector(".dv-editor-area");
    const panel = editor.querySelector(".dv-editor-images");
    // Typing starts in a paragraph, and Enter makes paragraphs (not divs).
    area.innerHTML = textarea.value.trim() || "<p><br></p>";
    document.execCommand("defaultParagraphSeparator", false, "p");
    document.execCommand("styleWithCSS", false, false);
    textarea.hidden = true;
    editor.hidden = false;
    const sync = () => {
      textarea.value = area.innerHTML;
    };
    area.addEventListener("input", sync);
    textarea.form.addEventListener("submit", sync);
    editor.querySelectorAll("[data-command]").forEach((button) => {
      button.addEventListener("click", () => {
        const command = button.dataset.command;
        if (command === "image") {
          imagePanel(editor, panel, area, button);
          return;
        }
        area.focus();
        document.execCommand("styleWithCSS", false, false);
        if (command === "createLink") {
          const url = window.prompt(editor.dataset.linkPrompt, "https://");
          if (url && /^(https?:|mailto:|tel:|\/)/i.test(url.trim())) document.execCommand("createLink", false, url.trim());
        } else {
          document.execCommand(command, false, button.dataset.value ? `<${button.dataset.value}>` : null);
        }
        sync();
      });
    });
  }

  const start = () => document.querySelectorAll("[data-editor-for]").forEach(install);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

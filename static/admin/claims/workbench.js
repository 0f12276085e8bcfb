/* The workbench: turns a selection in the article into offsets, for a new claim or an adjusted proposal.

The offsets are counted in characters of the article's text, which the page shows character for
character (in the text and in the read-only box); the server checks them against the stored text.
*/
"use strict";

(function () {
  const text = document.getElementById("wb-text");
  const editor = document.getElementById("wb-editor");
  if (!text || !editor) {
    return;
  }
  const toolbar = document.getElementById("wb-toolbar");
  const newClaim = document.getElementById("wb-new-claim");
  const title = document.getElementById("wb-editor-title");
  const source = document.getElementById("wb-source");
  const form = document.getElementById("wb-editor-form");
  const selected = document.getElementById("wb-selected");
  const offsets = document.getElementById("wb-offsets");
  const error = document.getElementById("wb-editor-error");
  const field = (name) => document.getElementById("wb-editor-" + name);
  let opener = null;
  let lastSelection = null; // clicking the button may clear the selection made just before

  // The server counts characters (code points), JavaScript UTF-16 units: they differ past an emoji.
  function toCharacters(units) {
    return Array.from(source.value.slice(0, units)).length;
  }

  function toUnits(characters) {
    return Array.from(source.value).slice(0, characters).join("").length;
  }

  function offsetIn(node, offset) {
    const range = document.createRange();
    range.selectNodeContents(text);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function selectionInText() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return null;
    }
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) {
      return null;
    }
    const start = offsetIn(range.startContainer, range.startOffset);
    const end = offsetIn(range.endContainer, range.endOffset);
    return start < end ? { start: start, end: end } : null;
  }

  function trimmed() {
    let start = source.selectionStart;
    let end = source.selectionEnd;
    const value = source.value;
    while (start < end && /\s/.test(value[start])) {
      start += 1;
    }
    while (end > start && /\s/.test(value[end - 1])) {
      end -= 1;
    }
    return { start: start, end: end };
  }

  function showSelection() {
    const span = trimmed();
    selected.textContent = source.value.slice(span.start, span.end);
    offsets.textContent =
      span.start < span.end ? "[" + toCharacters(span.start) + "–" + toCharacters(span.end) + "]" : "";
    if (span.start < span.end) {
      error.hidden = true;
    }
  }

  // Bring the line where the selection starts into the box's view: the text before it is measured.
  function scrollTo(start) {
    const full = source.value;
    source.value = full.slice(0, start);
    const before = source.scrollHeight;
    source.value = full;
    source.scrollTop = Math.max(0, before - source.clientHeight / 3);
  }

  function open(start, end, proposal, heading, trigger) {
    opener = trigger;
    editor.hidden = false;
    title.textContent = heading;
    field("proposal").value = proposal || "";
    error.hidden = true;
    scrollTo(start);
    source.focus();
    source.setSelectionRange(start, end);
    showSelection();
    editor.scrollIntoView({ block: "nearest" });
  }

  function close() {
    editor.hidden = true;
    if (opener) {
      opener.focus();
    }
  }

  if (toolbar) {
    toolbar.hidden = false;
  }
  if (newClaim) {
    newClaim.addEventListener("click", function () {
      const span = selectionInText() || lastSelection || { start: 0, end: 0 };
      open(span.start, span.end, "", editor.dataset.titleNew, newClaim);
    });
  }
  document.querySelectorAll(".wb-adjust").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      const start = toUnits(Number(button.dataset.start));
      const end = toUnits(Number(button.dataset.end));
      open(start, end, button.dataset.proposal, editor.dataset.titleAdjust, button);
    });
  });
  text.addEventListener("click", function (event) {
    const mark = event.target.closest("mark[data-proposal]");
    if (!mark || selectionInText()) {
      return;
    }
    const item = document.getElementById("proposal-" + mark.dataset.proposal);
    const details = item && item.closest("details");
    if (details) {
      details.open = true;
    }
    if (item) {
      item.scrollIntoView({ block: "nearest" });
      const first = item.querySelector("button");
      if (first) {
        first.focus();
      }
    }
  });
  ["select", "keyup", "mouseup", "input"].forEach(function (type) {
    source.addEventListener(type, showSelection);
  });
  document.addEventListener("selectionchange", function () {
    if (document.activeElement === source) {
      showSelection();
      return;
    }
    const span = selectionInText();
    if (span) {
      lastSelection = span;
    }
  });
  document.getElementById("wb-cancel").addEventListener("click", close);
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      close();
    }
  });
  form.addEventListener("submit", function (event) {
    const span = trimmed();
    if (span.start >= span.end) {
      event.preventDefault();
      error.textContent = editor.dataset.empty;
      error.hidden = false;
      source.focus();
      return;
    }
    field("start").value = toCharacters(span.start);
    field("end").value = toCharacters(span.end);
    field("quote").value = source.value.slice(span.start, span.end);
  });
})();

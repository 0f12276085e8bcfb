// Each autocomplete box is named after its field's label for screen readers (select2 names it
// after its current value alone, which is empty on a new form).
(function () {
  "use strict";
  function nameBoxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var container = select.nextElementSibling;
      var box = container && container.querySelector(".select2-selection");
      if (!label || !box) {
        return;
      }
      if (!label.id) {
        label.id = select.id + "-label";
      }
      var current = box.getAttribute("aria-labelledby") || "";
      if (current.split(" ").indexOf(label.id) === -1) {
        box.setAttribute("aria-labelledby", (label.id + " " + current).trim());
      }
      container.querySelectorAll(".select2-search__field, .select2-selection__rendered[role=textbox]").forEach(
        function (element) {
          if (element.getAttribute("aria-labelledby") !== label.id) {
            element.setAttribute("aria-labelledby", label.id);
          }
        }
      );
    });
  }
  // Select2 draws its boxes when jQuery is ready, and again for each inline row added: name them
  // whenever the page changes.
  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      setTimeout(function () {
        pending = false;
        nameBoxes(document);
      }, 0);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  nameBoxes(document);
})();

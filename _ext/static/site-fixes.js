// Small fixes for the static site (see _ext/site_fixes.py).
(function () {
  // Names for screen readers, for what the theme and the widget manager leave unnamed.
  //    A widget's figure: its text description (the Image widget's title) becomes its alt text,
  //    so the alt text changes with the slider, as the figure does. A slider's handle: the
  //    slider's label ("learning rate", "α") as its name and the shown value as its value text.
  //    The search button: a name that holds its visible text ("Search Ctrl+K"); the theme
  //    switch: its icons are decoration; a folded cell: named by what it shows.
  function nameThings(root) {
    root.querySelectorAll("img.widget-image:not([alt])").forEach(function (img) {
      img.setAttribute("alt", img.getAttribute("title") || "figure · 그림");
    });
    root.querySelectorAll(".noUi-handle[role=slider]").forEach(function (handle) {
      var box = handle.closest(".widget-slider, .widget-hslider, .widget-inline-hbox");
      var label = box && box.querySelector(".widget-label");
      if (label && label.textContent.trim() && !handle.hasAttribute("aria-label")) {
        handle.setAttribute("aria-label", label.textContent.trim());
      }
      var readout = box && box.querySelector(".widget-readout");
      if (readout && readout.textContent.trim()) { handle.setAttribute("aria-valuetext", readout.textContent.trim()); }
    });
    root.querySelectorAll("button.search-button__button[aria-label]").forEach(function (button) {
      button.setAttribute("aria-label", button.textContent.replace(/\s+/g, " ").trim() + " · 검색");
    });
    root.querySelectorAll(".theme-switch-button :is(i, svg), .search-button__button :is(i, svg)").forEach(function (icon) {
      icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("title");
      icon.querySelectorAll("title").forEach(function (title) { title.remove(); });
    });
    // A folded code cell: its name is the visible "Show code cell content", not "Toggle hidden content".
    root.querySelectorAll("summary[aria-label]").forEach(function (summary) { summary.removeAttribute("aria-label"); });
  }
  // A formula wider than the page scrolls in its own block (site.css); keyboard users reach it with Tab
  // and scroll it with the arrow keys. Only blocks that really scroll become tab stops, re-measured on resize.
  function reachableFormulas() {
    document.querySelectorAll("div.math").forEach(function (block) {
      var scrolls = block.scrollWidth > block.clientWidth + 1;
      if (scrolls && !block.hasAttribute("tabindex")) {
        block.setAttribute("tabindex", "0");
        block.setAttribute("role", "group");
        block.setAttribute("aria-label", "formula, scrolls sideways · 수식, 옆으로 스크롤");
      } else if (!scrolls && block.getAttribute("tabindex") === "0") {
        ["tabindex", "role", "aria-label"].forEach(function (name) { block.removeAttribute(name); });
      }
    });
  }
  window.addEventListener("resize", reachableFormulas);

  function watch() {
    reachableFormulas();
    nameThings(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === "attributes") {  // a new figure's title, or a moved slider's readout
          var img = change.target;
          if (img.matches && img.matches("img.widget-image")) { img.setAttribute("alt", img.getAttribute("title") || ""); }
        }
      });
      nameThings(document);
    }).observe(document.body, {childList: true, subtree: true, characterData: true,
                               attributes: true, attributeFilter: ["title"]});
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watch); } else { watch(); }
})();

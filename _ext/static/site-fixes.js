// Small fixes for the static site (see _ext/site_fixes.py).
(function () {
  // 1. The ipywidgets HTML manager loads its fonts next to its own module, which
  //    require.js would place beside each page. Point it at the vendored copy
  //    (a global `require` object before require.js loads is its configuration).
  var here = document.currentScript && document.currentScript.src;
  if (here && typeof window.require === "undefined") {
    window.require = {paths: {"@jupyter-widgets/html-manager/dist": new URL("../assets/html-manager", here).href}};
  }
  // 2. The widget manager typesets labels with MathJax 2's API (MathJax.Hub.Queue);
  //    the site runs MathJax 3. Translate the one call it makes.
  function shimMathJax2() {
    var mj = window.MathJax;
    if (mj && !mj.Hub) {
      mj.Hub = {Queue: function (job) {
        var m = window.MathJax, el = job && job[2];
        if (m && m.typesetPromise) { m.typesetPromise(el ? [el] : undefined).catch(function () {}); }
      }};
    }
  }
  document.addEventListener("DOMContentLoaded", shimMathJax2);
  window.addEventListener("load", shimMathJax2);

  // 3. Names for screen readers, for what the theme and the widget manager leave unnamed.
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
  function watch() {
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

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
})();

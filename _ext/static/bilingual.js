// Language view: English only, Korean only, or both (default); remembered across pages.
// Paragraphs were marked lang-en / lang-ko at build time (_ext/bilingual.py).
(function () {
  var KEY = "d2l-notes-lang";
  var VIEWS = [["en", "EN", "English only"], ["ko", "한", "한국어만"], ["both", "EN+한", "English + 한국어"]];

  function stored() {
    try { return localStorage.getItem(KEY) || "both"; } catch (e) { return "both"; }
  }

  function apply(view) {
    document.documentElement.setAttribute("data-lang-view", view);
    // The page's own language is the one the reader reads; in the both-languages view each block says its own.
    document.documentElement.setAttribute("lang", view === "ko" ? "ko" : "en");
    var buttons = document.querySelectorAll(".lang-switch button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].value === view));
    }
  }

  function choose(view) {
    try { localStorage.setItem(KEY, view); } catch (e) { /* private mode: this page only */ }
    apply(view);
  }

  apply(stored()); // before the page is painted: no flash of the hidden language

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.createElement("div");
    group.className = "lang-switch";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Language view · 언어 보기");
    VIEWS.forEach(function (v) {
      var b = document.createElement("button");
      b.type = "button";
      b.value = v[0];
      b.textContent = v[1];
      b.title = v[2];
      b.className = "btn btn-sm lang-" + v[0] + "-button";
      if (v[0] === "ko") b.setAttribute("lang", "ko");
      b.addEventListener("click", function () { choose(v[0]); });
      group.appendChild(b);
    });
    var place = document.querySelector(".article-header-buttons") || document.querySelector(".bd-header-article") || document.body;
    place.insertBefore(group, place.firstChild);
    apply(stored());
  });
})();

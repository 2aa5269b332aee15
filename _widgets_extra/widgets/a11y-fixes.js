// Municipal Partnership Lab: accessibility fixes for the built book, on every page
// (_config.yml: sphinx.config.html_js_files). No network, no dependencies; each fix is
// idempotent and does nothing where its element is absent. tests/e2e/test_accessibility.py
// runs axe-core on every page with these fixes in place.
//  1. Widgets shown from their saved state: the widget manager's blue (#2196f3) under white
//     button text is 3.1:1 (axe color-contrast, serious). JupyterLab's light theme uses
//     #1976d2 (4.6:1): the book uses it too.
//  2. The contents sidebar: the toggles that open a part (<summary>, an icon only) have no
//     name (axe summary-name): name each after the page it belongs to.
//  3. The search buttons: their aria-label "Search" leaves out their visible text (the key
//     shortcut; axe label-content-name-mismatch): their visible text becomes their name.
//  4. The colour-mode button: its icon's title ("Light", "Dark") is visible text missing from
//     the button's name "Color mode": the icon becomes decoration; the button keeps its name.
(function () {
  "use strict";

  var style = document.createElement("style");
  style.setAttribute("data-mpl", "a11y-fixes");
  style.textContent = "body { --jp-brand-color1: #1976d2; }";
  (document.head || document.documentElement).appendChild(style);

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function quietIcons(button) {
    Array.prototype.forEach.call(button.querySelectorAll(".theme-switch"), function (icon) {
      icon.removeAttribute("title");
      icon.removeAttribute("aria-labelledby");
      icon.removeAttribute("role");
      icon.setAttribute("aria-hidden", "true");
      var title = icon.querySelector && icon.querySelector("title");
      if (title) {
        title.parentNode.removeChild(title);
      }
    });
  }

  function fix() {
    each("li.has-children > details > summary", function (summary) {
      if (summary.hasAttribute("aria-label")) {
        return;
      }
      var link = summary.parentNode.parentNode.querySelector("a");
      var name = link ? link.textContent.trim() : "";
      summary.setAttribute("aria-label", name ? "Show or hide the pages of " + name : "Show or hide the pages");
    });
    each(".search-button__button[aria-label]", function (button) {
      if (button.textContent.trim()) {
        button.removeAttribute("aria-label");
      }
    });
    each(".theme-switch-button", function (button) {
      quietIcons(button);
      if (!button.mplWatched && window.MutationObserver) {
        // the icon font script turns each <i> into an <svg> (with the title) a moment later
        button.mplWatched = true;
        new MutationObserver(function () { quietIcons(button); })
          .observe(button, { childList: true, subtree: true, attributes: true, attributeFilter: ["title", "role"] });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
  window.addEventListener("load", fix);
})();

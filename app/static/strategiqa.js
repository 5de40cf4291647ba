// The web app's behaviour, in one static file: every element says what it does with a data-sq
// attribute, and one listener per event type acts on it (no inline handlers in the HTML).
(function () {
  "use strict";

  function copy(button) {
    var text = button.getAttribute("data-ref") || "";
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    var done = function () {
      button.textContent = button.getAttribute("data-copied") || label;
      window.setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, done);
    } else {
      done();
    }
  }

  function showCitation(link) {
    var card = document.getElementById(link.getAttribute("data-target"));
    if (!card) return;
    card.scrollIntoView({ behavior: "smooth" });
    card.classList.add("flash");
    window.setTimeout(function () { card.classList.remove("flash"); }, 1200);
  }

  function showEvidence(cell) {
    document.querySelectorAll(".sq-ev").forEach(function (panel) { panel.style.display = "none"; });
    var panel = document.getElementById(cell.getAttribute("data-target"));
    if (!panel) return;
    panel.style.display = "block";
    // The evidence sits below the table and the objectives' list: bring it up when it opens out of view.
    var box = panel.getBoundingClientRect();
    if (box.top > window.innerHeight || box.bottom < 0) panel.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  // The chosen file travels to the server as a data URL in a hidden text box (read in memory only).
  function uploadBox() {
    return document.querySelector("#sq-upload-data textarea");
  }

  function setUpload(value) {
    var box = uploadBox();
    if (!box) return;
    box.value = value;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function readFile(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > Number(input.getAttribute("data-max-bytes") || 10485760)) {
      window.alert(input.getAttribute("data-too-big") || "");
      input.value = "";
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      setUpload(String(reader.result).replace(";base64,", ";name=" + encodeURIComponent(file.name) + ";base64,"));
    };
    reader.readAsDataURL(file);
  }

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("[data-sq]") : null;
    if (!target) return;
    var action = target.getAttribute("data-sq");
    if (action === "copy") {
      copy(target);
    } else if (action === "cite") {
      event.preventDefault();
      showCitation(target);
    } else if (action === "evidence") {
      showEvidence(target);
    } else if (action === "clear-file") {
      var input = document.getElementById("sq-file");
      if (input) input.value = "";
      setUpload("");
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target && event.target.getAttribute && event.target.getAttribute("data-sq") === "file") {
      readFile(event.target);
    }
  });

  // Enter asks, Shift+Enter adds a line. Gradio's text box submits on Shift+Enter (its keypress
  // handler); listening in the capture phase, before it, its handler never sees Enter: Enter clicks the
  // ask button, and Shift+Enter keeps the browser's default, a new line.
  function inQuestion(event) {
    var box = event.target;
    return event.key === "Enter" && !event.isComposing && box && box.closest && box.closest("#sq-question");
  }

  document.addEventListener("keydown", function (event) {
    if (!inQuestion(event)) return;
    event.stopPropagation();
    if (event.shiftKey) return;
    event.preventDefault();
    var ask = document.getElementById("sq-ask");
    if (ask) ask.click();
  }, true);

  document.addEventListener("keypress", function (event) {
    if (inQuestion(event)) event.stopPropagation();
  }, true);

  // The question's length against the limit, under the box (the limit itself is checked by the server).
  function count(box) {
    var counter = document.getElementById("sq-count");
    if (!counter) return;
    var max = Number(counter.getAttribute("data-max") || 0);
    var n = box ? box.value.length : 0;
    counter.textContent = n + " / " + max + " " + (counter.getAttribute("data-unit") || "");
    counter.classList.toggle("sq-over", max > 0 && n > max);
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.closest && box.closest("#sq-question")) count(box);
  });

  // The hint is re-rendered when the language changes: count again what the box holds, and name Gradio's
  // overflow button for screen readers in the page's language (Gradio names it in the browser's).
  new MutationObserver(function () {
    var counter = document.getElementById("sq-count");
    if (!counter) return;
    if (!counter.hasAttribute("data-counted")) {
      counter.setAttribute("data-counted", "");
      count(document.querySelector("#sq-question textarea"));
    }
    var more = counter.getAttribute("data-more-tabs");
    document.querySelectorAll(".overflow-menu > button").forEach(function (button) {
      if (more && button.getAttribute("aria-label") !== more) button.setAttribute("aria-label", more);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();

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
    if (panel) panel.style.display = "block";
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
})();

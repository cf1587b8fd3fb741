// Signalling form, progressive enhancement only: everything works without this file.
// - "Is er acuut gevaar?": answering "ja" shows the call-112 instruction at once.
// - An error summary takes focus so screen-reader users hear what to fix.
(function () {
  "use strict";

  function bindAcute(radioName, panelId) {
    var panel = document.getElementById(panelId);
    var radios = document.querySelectorAll('input[type="radio"][name="' + radioName + '"]');
    if (!panel || !radios.length) {
      return;
    }
    function update() {
      var chosen = document.querySelector('input[type="radio"][name="' + radioName + '"]:checked');
      panel.hidden = !(chosen && chosen.value === "ja");
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  function init() {
    bindAcute("acuut", "acute-now");
    bindAcute("acute", "acute-call");
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

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

  // "Back" to a sent form: the browser fetches the page again (with a new one-time token) and restores what was
  // typed. Sending it again must repeat the first send's token, so the server shows the signal already registered
  // instead of registering a second one. The token is remembered per page on submit, and put back only when the page
  // was reached with back/forward (a fresh "Signaal melden" gets a fresh token).
  function keepFormToken() {
    var form = document.getElementById("signal-form");
    var input = form && form.querySelector('input[name="form_token"]');
    if (!input || !window.sessionStorage) {
      return;
    }
    var key = "ks-form-token:" + location.pathname + location.search;
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    try {
      var sent = sessionStorage.getItem(key);
      if (sent && nav && nav.type === "back_forward") {
        input.value = sent;
      }
      form.addEventListener("submit", function () {
        sessionStorage.setItem(key, input.value);
      });
    } catch (e) {
      // Storage refused (private mode): the server still refuses nothing twice for the same token.
    }
  }

  function init() {
    bindAcute("acuut", "acute-now");
    bindAcute("acute", "acute-call");
    keepFormToken();
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

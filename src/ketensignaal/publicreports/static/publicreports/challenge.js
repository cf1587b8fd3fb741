// Proof of work for the public form (publicreports/challenge.py): before sending, find a nonce so that
// sha256(challenge + ":" + nonce) starts with `difficulty` zero bits. No outside service; served by us (CSP: self).
(function () {
  "use strict";

  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      var b = bytes[i];
      while ((b & 0x80) === 0) { bits += 1; b <<= 1; }
      return bits;
    }
    return bits;
  }

  async function solve(challenge, difficulty) {
    var encoder = new TextEncoder();
    var batch = 256;
    for (var start = 0; ; start += batch) {
      var tries = [];
      for (var n = start; n < start + batch; n++) {
        tries.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + n)));
      }
      var digests = await Promise.all(tries);
      for (var k = 0; k < digests.length; k++) {
        if (zeroBits(new Uint8Array(digests[k])) >= difficulty) { return String(start + k); }
      }
    }
  }

  function attach(form) {
    var busy = false;
    form.addEventListener("submit", function (event) {
      var nonce = form.querySelector('input[name="nonce"]');
      if (!nonce || nonce.value || !(window.crypto && crypto.subtle)) { return; } // no support: the server explains
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      var status = form.querySelector("[data-challenge-status]");
      if (status) { status.textContent = form.getAttribute("data-working") || ""; }
      var button = form.querySelector('button[type="submit"]');
      if (button) { button.disabled = true; }
      var challenge = form.querySelector('input[name="challenge"]').value;
      solve(challenge, parseInt(form.getAttribute("data-difficulty"), 10) || 0).then(function (value) {
        nonce.value = value;
        form.submit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-challenge-form]");
    for (var i = 0; i < forms.length; i++) { attach(forms[i]); }
  });
})();

// AC-11: warn two minutes before the idle limit; "Stay signed in" pings the server.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.dataset.sessionIdle, 10) * 1000;
  var warning = parseInt(body.dataset.sessionWarning, 10) * 1000;
  if (!idle) { return; }
  var warnTimer, endTimer;
  // The page carries the CSRF token: in production the cookie is HttpOnly, out of reach here.
  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }
  function schedule() {
    clearTimeout(warnTimer); clearTimeout(endTimer);
    warnTimer = setTimeout(function () {
      var opener = document.getElementById("session-timeout-open");
      if (opener) { opener.click(); }
    }, idle - warning);
    endTimer = setTimeout(function () {
      window.location.href = body.dataset.loginUrl + "?next=" + encodeURIComponent(window.location.pathname);
    }, idle);
  }
  function stay() {
    fetch(body.dataset.sessionPing, {
      method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrf()}
    }).then(function (response) {
      if (response.ok) { schedule(); } else { window.location.href = body.dataset.loginUrl; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var stayButton = document.getElementById("session-stay");
    var leaveButton = document.getElementById("session-leave");
    if (stayButton) { stayButton.addEventListener("click", stay); }
    if (leaveButton) {
      leaveButton.addEventListener("click", function () {
        var form = document.querySelector("form.portal-logout");
        if (form) { form.submit(); }
      });
    }
  });
  document.body.addEventListener("htmx:afterRequest", schedule);
  window.portalSessionActivity = schedule;
  schedule();
})();

// Staff pages only (public pages carry no script). Parts marked data-live (a campaign's counters while it sends, a bulk
// job's progress) refresh themselves from the same address every few seconds, so nobody has to press reload. The
// server marks a part live only while its work runs; when a fresh copy carries no live part, the refreshing stops.
(function () {
  "use strict";
  var every = 4000;
  if (!document.querySelector("[data-live][id]")) return;
  function schedule() { window.setTimeout(refresh, every); }
  function refresh() {
    if (document.hidden) { schedule(); return; }
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { schedule(); return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live][id]").forEach(function (part) {
          var next = fresh.getElementById(part.id);
          if (next && next.innerHTML !== part.innerHTML) part.innerHTML = next.innerHTML;
        });
        if (fresh.querySelector("[data-live][id]")) schedule();
      })
      .catch(schedule);
  }
  schedule();
})();

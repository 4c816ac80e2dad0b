// The exercise session room: live updates, a gentle timer, and calm focus handling.
// Loaded with the page's CSP nonce; no inline scripts, everything comes from data- attributes.
(function () {
    "use strict";

    function currentEtag(room) {
        var state = room.querySelector("[data-etag]");
        return state ? state.dataset.etag : null;
    }

    // Each poll says which version this screen already shows; the server answers 304 until
    // the session changes. The page is never cached (no-store), so the header is set here.
    document.addEventListener("htmx:configRequest", function (event) {
        var room = event.detail.elt;
        if (!room.hasAttribute || !room.hasAttribute("data-room-live")) { return; }
        var etag = currentEtag(room);
        if (etag) { event.detail.headers["If-None-Match"] = etag; }
    });

    // htmx 2 would swap a 304's empty body into the room; nothing changed, so keep the screen.
    document.addEventListener("htmx:beforeSwap", function (event) {
        if (event.detail.xhr && event.detail.xhr.status === 304) {
            event.detail.shouldSwap = false;
        }
    });

    // After the room changes, tell screen readers what happened; after a button press, keep
    // focus on the room's headline instead of losing it with the button that was replaced.
    document.addEventListener("htmx:afterSwap", function (event) {
        var room = event.detail.target;
        if (!room || room.id !== "room-live") { return; }
        var state = room.querySelector("[data-announce]");
        var announcer = document.getElementById("room-announce");
        if (state && announcer) { announcer.textContent = state.dataset.announce; }
        var fromButton = event.detail.requestConfig && event.detail.requestConfig.verb === "post";
        var headline = room.querySelector("[data-room-focus]");
        if (fromButton && headline) { headline.focus(); }
    });

    function minutesText(n) { return n === 1 ? "1 minute" : n + " minutes"; }

    // A gentle timer: time spent, never a countdown, and a soft note once the planned time passes.
    // The server says how long the session had run when it drew the room; this phone only adds
    // the time since, on its monotonic clock, so a phone whose clock is wrong still counts right.
    function tick() {
        document.querySelectorAll("[data-timer]").forEach(function (timer) {
            var elapsed = parseInt(timer.dataset.elapsedSeconds, 10);
            var planned = parseInt(timer.dataset.minutes, 10) || 0;
            var out = timer.querySelector("[data-timer-elapsed]");
            if (!out || isNaN(elapsed)) { return; }
            if (!timer.dataset.shownAt) { timer.dataset.shownAt = String(performance.now()); }
            var seconds = elapsed + (performance.now() - parseFloat(timer.dataset.shownAt)) / 1000;
            var minutes = Math.max(0, Math.floor(seconds / 60));
            var text = minutes < 1 ? "Just begun." : minutesText(minutes) + " so far.";
            if (planned && minutes >= planned) {
                text += " That's about the time you planned. You can finish whenever you like.";
            }
            if (out.textContent !== text) { out.textContent = text; }
        });
    }
    setInterval(tick, 1000);
    document.addEventListener("htmx:afterSwap", tick);
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", tick);
    } else {
        tick();
    }
})();

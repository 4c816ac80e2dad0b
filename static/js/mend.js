// The little JavaScript Mend needs. Loaded with the page's CSP nonce; no inline handlers.
(function () {
    "use strict";

    // Quick exit: leave for a neutral page at once, without leaving this one in the Back history.
    //
    // Nothing may hold the person here: while leaving, every beforeunload handler is stopped
    // before it can ask "Leave site?". Pages with unsaved writing hear "mend:quick-exit" first
    // and add it to the sign-out beacon, so the server saves it and then ends the session in one
    // request (two beacons could arrive in either order).
    var leaving = false;
    var COME_BACK_AFTER_MS = 5000;
    var comeBackTimer = null;

    window.addEventListener("beforeunload", function (event) {
        if (leaving) { event.stopImmediatePropagation(); }
    }, true);

    function csrfToken() {
        var field = document.querySelector("input[name=csrfmiddlewaretoken]");
        if (field && field.value) { return field.value; }
        // Pages without a form (the error pages) still carry the cookie.
        var cookie = document.cookie.match(/(?:^|;\s*)(?:__Host-)?csrftoken=([^;]+)/);
        return cookie ? decodeURIComponent(cookie[1]) : "";
    }

    function forgetThisTab() {
        try {
            sessionStorage.clear();
            localStorage.removeItem("htmx-history-cache");
        } catch (e) { /* storage switched off: nothing was kept */ }
        forgetOffline();
    }

    // The service worker (reach/) keeps only static files and the offline page, but leaving still
    // drops all of it and the worker too, so the device holds nothing of Mend's. The sign-out
    // answer's Clear-Site-Data does the same; this also works when the network is gone.
    function forgetOffline() {
        try {
            var workers = navigator.serviceWorker;
            if (workers && workers.controller) { workers.controller.postMessage({ type: "forget" }); }
            if (window.caches) {
                caches.keys().then(function (names) { names.forEach(function (name) { caches.delete(name); }); });
            }
            if (workers) {
                workers.getRegistrations().then(function (all) { all.forEach(function (r) { r.unregister(); }); });
            }
        } catch (e) { /* no service worker here: nothing was kept */ }
    }

    function quickExit(event) {
        var link = document.getElementById("quick-exit");
        if (!link) { return; }
        if (event) { event.preventDefault(); }
        leaving = true;
        document.body.style.visibility = "hidden";

        var beacon = new FormData();
        document.dispatchEvent(new CustomEvent("mend:quick-exit", { detail: { beacon: beacon } }));
        var endpoint = link.dataset.logoutUrl;
        var token = csrfToken();
        if (endpoint && token && navigator.sendBeacon) {
            beacon.set("csrfmiddlewaretoken", token);
            if (!navigator.sendBeacon(endpoint, beacon)) {
                // Too much writing for one beacon (about 64 kB): signing out comes first.
                var bare = new FormData();
                bare.set("csrfmiddlewaretoken", token);
                navigator.sendBeacon(endpoint, bare);
            }
        }
        forgetThisTab();

        window.location.replace(link.dataset.exitUrl || link.href);

        // Should the browser stay after all (the exit address answered with nothing to show, or a
        // download), show the page again rather than a blank tab. No browser says when a
        // navigation is cancelled, so this waits long enough for a slow network to leave first.
        window.clearTimeout(comeBackTimer);
        comeBackTimer = window.setTimeout(comeBack, COME_BACK_AFTER_MS);
    }

    function comeBack() {
        leaving = false;
        document.body.style.visibility = "";
    }
    window.addEventListener("pagehide", function () { window.clearTimeout(comeBackTimer); });
    // Back to a page the browser kept: it is shown as it was before leaving, so show it whole.
    window.addEventListener("pageshow", function (event) { if (event.persisted) { comeBack(); } });

    // Three presses of Shift in a row, with no other key between them, within a second. Typing
    // capitals ("Alex And Bo") puts a letter between the presses, so it never counts; holding
    // Shift down (key repeat) adds nothing.
    var SHIFT_WINDOW_MS = 1000;
    var shiftPresses = [];
    window.addEventListener("keydown", function (event) {
        if (event.key !== "Shift") {
            shiftPresses = [];
            return;
        }
        if (event.repeat) { return; }
        var now = event.timeStamp;
        shiftPresses = shiftPresses.filter(function (t) { return now - t < SHIFT_WINDOW_MS; });
        shiftPresses.push(now);
        if (shiftPresses.length >= 3) {
            shiftPresses = [];
            quickExit();
        }
    }, true);

    function onReady() {
        var exit = document.getElementById("quick-exit");
        if (exit) { exit.addEventListener("click", quickExit); }

        // Installable: the service worker lives at the root so its scope is the whole site
        // (reach/urls.py). Secure pages only; it is simply absent elsewhere.
        if (navigator.serviceWorker && window.isSecureContext) {
            navigator.serviceWorker.register("/sw.js").catch(function () { /* the app still works */ });
        }
        document.querySelectorAll("form[data-signs-out]").forEach(function (form) {
            form.addEventListener("submit", forgetOffline);
        });

        // Prefill the time zone at sign-up from the device, unless the person already chose one.
        document.querySelectorAll("select[data-timezone-autofill]").forEach(function (select) {
            var zone;
            try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
            if (!zone || select.dataset.touched) { return; }
            var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
            if (option && (select.value === "UTC" || select.value === "")) { select.value = zone; }
            select.addEventListener("change", function () { select.dataset.touched = "1"; });
        });
    }

    // Copy buttons work for content htmx swaps in later, too.
    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-copy-target]");
        if (!button) { return; }
        var field = document.getElementById(button.dataset.copyTarget);
        if (!field) { return; }
        field.select();
        var done = function () { button.textContent = "Copied"; };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
        } else {
            document.execCommand("copy");
            done();
        }
    });

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", onReady);
    } else {
        onReady();
    }
})();

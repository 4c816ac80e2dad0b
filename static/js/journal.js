// Journal autosave. htmx posts the form to the draft endpoint two seconds after typing stops;
// this file shows how that is going, keeps retrying when a save fails, and sends what is on the
// page with a beacon when the tab is hidden or closed. Nothing is kept in browser storage.
(function () {
    "use strict";

    var RETRY_DELAYS = [2000, 4000, 8000, 15000, 30000];

    function setUp(form) {
        var region = document.getElementById("autosave");
        var endpoint = form.dataset.autosaveUrl;
        var dirty = false;      // typed since the last save the server confirmed
        var submitting = false; // the person pressed Save: the entry itself is on its way
        var saving = false;     // an autosave is on its way and not yet answered
        var leaving = false;    // quick exit took the writing with it: send nothing more
        var failures = 0;
        var retryTimer = null;

        function show(state, text, detail) {
            region.querySelectorAll(".autosave__state, .autosave__detail").forEach(function (node) {
                node.remove();
            });
            var line = document.createElement("p");
            line.className = "autosave__state";
            line.dataset.state = state;
            line.textContent = text;
            region.appendChild(line);
            if (detail) {
                var more = document.createElement("p");
                more.className = "autosave__detail";
                more.textContent = detail;
                region.appendChild(more);
            }
        }

        function retryLater() {
            if (leaving) { return; }
            dirty = true;
            var delay = RETRY_DELAYS[Math.min(failures, RETRY_DELAYS.length - 1)];
            failures += 1;
            show("retrying", "Not saved — retrying", "Your writing is still here on this page. We'll keep trying.");
            window.clearTimeout(retryTimer);
            retryTimer = window.setTimeout(function () {
                htmx.trigger(form, "journal:retry");
            }, delay);
        }

        function stopRetrying() {
            window.clearTimeout(retryTimer);
            retryTimer = null;
        }

        form.addEventListener("input", function () { dirty = true; });
        form.addEventListener("change", function () { dirty = true; });
        form.addEventListener("submit", function () {
            submitting = true;
            stopRetrying();
        });

        form.addEventListener("htmx:beforeRequest", function (event) {
            if (event.detail.elt !== form) { return; }
            if (submitting || leaving) { event.preventDefault(); return; }
            stopRetrying();
            dirty = false;
            saving = true;
            show("saving", "Saving…");
        });

        form.addEventListener("htmx:afterRequest", function (event) {
            if (event.detail.elt === form) { saving = false; }
        });

        form.addEventListener("htmx:beforeSwap", function (event) {
            if (event.detail.elt !== form) { return; }
            var xhr = event.detail.xhr;
            var landed = xhr.responseURL ? new URL(xhr.responseURL).pathname : endpoint;
            if (landed !== new URL(endpoint, window.location.href).pathname) {
                // The session ended and the save was sent to the sign-in page instead.
                event.detail.shouldSwap = false;
                event.detail.isError = false;
                dirty = true;
                show("signed-out", "Not saved — you've been signed out",
                    "Copy your writing somewhere safe, sign in again in another tab, then come back and press Save.");
            }
        });

        form.addEventListener("htmx:afterSwap", function (event) {
            if (event.detail.elt !== form) { return; }
            failures = 0;
        });

        form.addEventListener("htmx:responseError", function (event) {
            if (event.detail.elt !== form) { return; }
            var status = event.detail.xhr.status;
            if (status >= 400 && status < 500) {
                dirty = true;
                show("stale", "Not saved — this page is out of date",
                    "Copy your writing somewhere safe, then reload the page and paste it back.");
                return;
            }
            retryLater();
        });
        ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
            form.addEventListener(name, function (event) {
                if (event.detail.elt === form) { retryLater(); }
            });
        });

        window.addEventListener("online", function () {
            if (dirty && retryTimer) {
                stopRetrying();
                htmx.trigger(form, "journal:retry");
            }
        });

        // Belt and braces: when the page is hidden or closed, send what is on it.
        function sendBeacon() {
            if (leaving || !dirty || submitting || !navigator.sendBeacon) { return; }
            if (navigator.sendBeacon(endpoint, new FormData(form))) { dirty = false; }
        }
        document.addEventListener("visibilitychange", function () {
            if (document.visibilityState === "hidden") { sendBeacon(); }
        });
        window.addEventListener("pagehide", sendBeacon);
        // mend.js stops this during a quick exit, so it can never hold the person here.
        window.addEventListener("beforeunload", function (event) {
            sendBeacon();
            if (failures > 0 && !submitting) {
                event.preventDefault(); // the last saves failed: ask before leaving
            }
        });

        // Quick exit signs out with one beacon; the unsaved writing rides on it, to be saved just
        // before the session ends. A save already on its way may arrive too late; this copy won't.
        document.addEventListener("mend:quick-exit", function (event) {
            leaving = true; // a second copy racing this one could be kept as a conflict copy
            stopRetrying();
            if (!(dirty || saving) || submitting) { return; }
            new FormData(form).forEach(function (value, name) {
                event.detail.beacon.append(name, value);
            });
            event.detail.beacon.set("autosave", endpoint);
            dirty = false;
        });
    }

    function onReady() {
        document.querySelectorAll("form[data-autosave-url]").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", onReady);
    } else {
        onReady();
    }
})();

// Autosave for every long piece of writing: <form data-autosave-url data-autosave-fields
// data-autosave-revision> with a [data-autosave-status] region inside. The server side is
// core/autosave.py. Nothing is kept in browser storage.
//
// It saves a second after typing pauses and at least every few seconds while typing goes on;
// sends what is on the page with a beacon when the page is hidden or closed; keeps retrying a
// failed save and says so honestly; asks before leaving only when the writing may be lost; and
// when the same writing was saved from somewhere else meanwhile, keeps both in front of the
// person. Quick exit (mend.js) disarms it at once: window.MendAutosave.disarm().
(function () {
    "use strict";

    var IDLE_MS = 1000;
    var EVERY_MS = 4000;
    var RETRY_MS = [1000, 2000, 4000, 8000, 15000];
    var WAIT_COOKIE = "mend_autosave_wait";
    var WAIT_COOKIE_SECONDS = 120; // renewed while typing goes on; core/autosave.py keeps "landed" longer
    var all = [];
    var disarmed = false;
    var announced = null;   // the nonce the leaving beacon will carry, told to the server early
    var announcedAt = 0;
    var announcedPath = "";

    // cyrb53: the same hash core/autosave.py computes, over the same text.
    function revision(values) {
        var text = values.join("\u001f").replace(/\r\n?/g, "\n");
        var h1 = 0xdeadbeef, h2 = 0x41c6ce57;
        for (var i = 0; i < text.length; i++) {
            var ch = text.charCodeAt(i);
            h1 = Math.imul(h1 ^ ch, 2654435761);
            h2 = Math.imul(h2 ^ ch, 1597334677);
        }
        h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
        h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
        return String(4294967296 * (2097151 & h2) + (h1 >>> 0));
    }

    function Autosave(form) {
        this.form = form;
        this.url = form.dataset.autosaveUrl;
        this.fields = form.dataset.autosaveFields.split(/\s+/).filter(Boolean);
        this.confirmed = form.dataset.autosaveRevision; // what the server has, as far as we know
        this.unanswered = [];   // revisions sent but not answered (beacons never are)
        this.inFlight = false;
        this.again = false;
        this.failing = false;
        this.held = false;      // the same writing changed elsewhere: the person chooses first
        this.failures = 0;
        this.timers = {};
        this.status = form.querySelector("[data-autosave-status]");
        this.submitting = false;
        var self = this;
        form.addEventListener("input", function () { self.typed(); });
        form.addEventListener("submit", function () {
            self.submitting = true; // the form itself carries the writing now
            self.clear();
            if (!anyUnsaved()) { unannounce(); } // no beacon follows: nothing to wait for
        });
    }

    Autosave.prototype.values = function () {
        var form = this.form;
        return this.fields.map(function (name) {
            var field = form.elements.namedItem(name);
            return field ? field.value : "";
        });
    };
    Autosave.prototype.unsaved = function () {
        return revision(this.values()) !== this.confirmed;
    };
    Autosave.prototype.clear = function () {
        var timers = this.timers;
        Object.keys(timers).forEach(function (k) { window.clearTimeout(timers[k]); });
        this.timers = {};
    };
    Autosave.prototype.later = function (name, ms) {
        var self = this;
        window.clearTimeout(this.timers[name]);
        this.timers[name] = window.setTimeout(function () {
            delete self.timers[name];
            self.save();
        }, ms);
    };
    // A reload asks the server to wait for the beacon this page sends as it goes (the cookie
    // names it). The cookie is written while the writing is unsaved, not only as the page goes:
    // a cookie written in beforeunload can reach the browser's cookie store after the reload's
    // request has left without it, and the reloaded page would show the words before the beacon.
    function announce(again) {
        var now = Date.now();
        var path = window.location.pathname; // a new entry's address changes once it is saved
        if (announced && !again && path === announcedPath &&
                now - announcedAt < (WAIT_COOKIE_SECONDS / 2) * 1000) { return; }
        if (announced && path !== announcedPath) { writeCookie(announcedPath, "", 0); }
        announced = announced || Math.random().toString(36).slice(2) + now.toString(36);
        announcedAt = now;
        announcedPath = path;
        writeCookie(path, announced, WAIT_COOKIE_SECONDS);
    }
    function unannounce() {
        if (!announced) { return; }
        writeCookie(announcedPath, "", 0);
        announced = null;
    }
    // Only this page's address (and what lies below it) hears of it: other pages never wait.
    function writeCookie(path, value, seconds) {
        var secure = window.location.protocol === "https:" ? "; secure" : "";
        document.cookie = WAIT_COOKIE + "=" + value + "; path=" + path + "; max-age=" +
            seconds + "; samesite=strict" + secure;
    }

    Autosave.prototype.typed = function () {
        if (this.held || disarmed) { return; }
        announce();
        this.later("idle", IDLE_MS);
        if (!this.timers.every) { this.later("every", EVERY_MS); }
        if (!this.failing) { this.show("typing", "Not saved yet"); }
    };

    Autosave.prototype.show = function (state, text, detail) {
        if (!this.status) { return; }
        var current = this.status.querySelector(".autosave__state");
        if (current && current.dataset.state === state && current.textContent === text) { return; }
        this.status.textContent = "";
        var line = document.createElement("p");
        line.className = "autosave__state";
        line.dataset.state = state;
        line.textContent = text;
        this.status.appendChild(line);
        if (detail) {
            var more = document.createElement("p");
            more.className = "autosave__detail";
            more.textContent = detail;
            this.status.appendChild(more);
        }
    };

    Autosave.prototype.body = function () {
        var data = new FormData(this.form);
        [this.confirmed].concat(this.unanswered).forEach(function (base) {
            data.append("autosave_base", base);
        });
        return data;
    };

    Autosave.prototype.save = function () {
        if (disarmed || this.held || this.submitting) { return; }
        if (this.inFlight) { this.again = true; return; }
        this.clear();
        var sent = revision(this.values());
        if (sent === this.confirmed && !this.failing) { this.show("saved", "Saved"); return; }
        var self = this;
        this.inFlight = true;
        this.unanswered.push(sent);
        if (!this.failing) { this.show("saving", "Saving…"); }
        fetch(this.url, {
            method: "POST",
            body: this.body(),
            credentials: "same-origin",
            redirect: "manual",
            headers: { "Accept": "application/json" }
        }).then(function (response) {
            return self.answered(response, sent);
        }, function () {
            self.failed();
        }).then(function () {
            self.inFlight = false;
            if (self.again) {
                self.again = false;
                self.save();
            }
        });
    };

    Autosave.prototype.answered = function (response, sent) {
        var self = this;
        if (response.type === "opaqueredirect" || response.status === 401) {
            this.show("signed-out", "Not saved — you've been signed out",
                "Copy your writing somewhere safe, sign in again in another tab, then come back and save it.");
            return null;
        }
        if (response.status >= 500 || response.status === 0) { this.failed(); return null; }
        return response.json().then(function (data) {
            if (response.status === 409) { self.conflict(data); return; }
            if (!response.ok) {
                self.failing = false;
                self.show("invalid", "Not saved yet", data.problem ||
                    "This page is out of date. Copy your writing somewhere safe, then reload the page.");
                return;
            }
            self.confirmed = data.revision;
            var at = self.unanswered.indexOf(sent);
            self.unanswered = self.unanswered.slice(at + 1);
            Object.keys(data.set || {}).forEach(function (name) {
                var field = self.form.elements.namedItem(name);
                if (field) { field.value = data.set[name]; }
            });
            if (data.url) { window.history.replaceState(window.history.state, "", data.url); }
            self.failing = false;
            self.failures = 0;
            if (self.unsaved()) {
                self.later("idle", IDLE_MS);
                self.show("typing", "Not saved yet");
            } else {
                self.show(data.state || "saved", data.message || "Saved", data.detail);
                if (!anyUnsaved()) { unannounce(); }
            }
        }, function () { self.failed(); });
    };

    Autosave.prototype.failed = function () {
        if (disarmed) { return; }
        this.failing = true;
        this.show("retrying", "Not saved — retrying",
            "Your writing is still here on this page. We'll keep trying.");
        this.later("retry", RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]);
        this.failures += 1;
    };

    // Someone saved this writing from another window or device since this page last did.
    // Both versions stay in front of the person until they choose.
    Autosave.prototype.conflict = function (data) {
        var self = this;
        this.held = true;
        this.failing = false;
        this.clear();
        this.show("conflict", "Not saved — this changed in another window",
            "What you wrote here is still here. The other version is below: keep either one.");
        var panel = document.createElement("div");
        panel.className = "autosave__other";
        var heading = document.createElement("p");
        heading.textContent = "The version saved from another window:";
        panel.appendChild(heading);
        this.fields.forEach(function (name) {
            var text = (data.fields || {})[name];
            if (!text) { return; }
            var block = document.createElement("textarea");
            block.readOnly = true;
            block.rows = 4;
            block.value = text;
            block.setAttribute("aria-label", "The other version");
            panel.appendChild(block);
        });
        function choose(useOther) {
            if (useOther) {
                self.fields.forEach(function (name) {
                    var field = self.form.elements.namedItem(name);
                    if (field && data.fields) { field.value = data.fields[name] || ""; }
                });
            }
            self.confirmed = data.revision;
            self.unanswered = [];
            self.held = false;
            panel.remove();
            self.save();
        }
        [["Keep what's here", false], ["Use the other version", true]].forEach(function (pair) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "button button--quiet";
            button.textContent = pair[0];
            button.addEventListener("click", function () { choose(pair[1]); });
            panel.appendChild(button);
        });
        this.status.insertAdjacentElement("afterend", panel);
    };

    // Sends what is on the page with a beacon; says whether the browser took it.
    Autosave.prototype.beacon = function (nonce) {
        if (disarmed || this.submitting || !this.unsaved() || !navigator.sendBeacon) { return true; }
        var data = this.body();
        if (nonce) { data.append("autosave_nonce", nonce); }
        var sent = revision(this.values());
        var taken = navigator.sendBeacon(this.url, data);
        if (taken) { this.unanswered.push(sent); }
        return taken;
    };

    function beaconAll(nonce) {
        var taken = true;
        all.forEach(function (autosave) { taken = autosave.beacon(nonce) && taken; });
        return taken;
    }

    function anyUnsaved() {
        return all.some(function (a) { return !a.submitting && a.unsaved(); });
    }

    // Leaving or reloading: the reloaded page waits for this beacon, so it shows these words.
    window.addEventListener("beforeunload", function (event) {
        if (disarmed || !anyUnsaved()) { unannounce(); return; }
        announce(true);
        var risky = all.some(function (a) { return a.failing && a.unsaved(); });
        var taken = beaconAll(announced);
        if (risky || !taken) {
            event.preventDefault(); // the last saves failed: this writing may be lost
            event.returnValue = "";
        }
    });
    window.addEventListener("pagehide", function () { beaconAll(); });
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") { beaconAll(); }
    });
    window.addEventListener("online", function () {
        all.forEach(function (a) { if (a.failing) { a.save(); } });
    });
    // Back from the browser's page cache: whatever was sent as it went may not be confirmed yet.
    window.addEventListener("pageshow", function (event) {
        if (event.persisted) { all.forEach(function (a) { if (a.unsaved()) { a.save(); } }); }
    });

    // Quick exit: the first unsaved writing rides on the sign-out beacon, saved before the
    // session ends; then nothing more is sent and nothing asks the person to stay.
    document.addEventListener("mend:quick-exit", function (event) {
        var beacon = event.detail && event.detail.beacon;
        var carried = false;
        unannounce();
        all.forEach(function (a) {
            a.clear();
            if (!beacon || carried || a.submitting || !a.unsaved()) { return; }
            a.body().forEach(function (value, name) { beacon.append(name, value); });
            beacon.set("autosave", a.url);
            carried = true;
        });
        disarmed = true;
    });

    window.MendAutosave = {
        disarm: function () { disarmed = true; all.forEach(function (a) { a.clear(); }); },
        unsaved: anyUnsaved
    };

    function setUp(root) {
        root.querySelectorAll("form[data-autosave-url]").forEach(function (form) {
            if (form.dataset.autosaveReady) { return; }
            form.dataset.autosaveReady = "1";
            all.push(new Autosave(form));
        });
    }
    document.addEventListener("htmx:load", function (event) { setUp(event.detail.elt.parentNode || document); });
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () { setUp(document); });
    } else {
        setUp(document);
    }
})();

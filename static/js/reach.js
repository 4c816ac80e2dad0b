// The Reminders page's "Send notifications to this device": asks the browser, subscribes through
// the service worker, and tells Mend the subscription (reach/views.add_device).
(function () {
    "use strict";

    function keyBytes(base64url) {
        var base64 = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
        var raw = window.atob(base64);
        var bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
        return bytes;
    }

    function csrfToken() {
        var field = document.querySelector("input[name=csrfmiddlewaretoken]");
        return field ? field.value : "";
    }

    function onReady() {
        var box = document.querySelector("[data-push]");
        if (!box) { return; }
        var button = box.querySelector("[data-push-on]");
        var status = box.querySelector("[data-push-status]");
        if (!window.isSecureContext || !navigator.serviceWorker || !window.PushManager || !window.Notification) {
            status.textContent = "This browser can't show notifications from Mend.";
            return;
        }
        button.hidden = false;

        function failed(message) {
            status.textContent = message || "That didn't work just now. Please try again in a moment.";
            button.disabled = false;
        }

        button.addEventListener("click", function () {
            button.disabled = true;
            status.textContent = "";
            Notification.requestPermission().then(function (permission) {
                if (permission !== "granted") {
                    failed("Notifications stay off on this device. The browser's own settings can change that.");
                    return null;
                }
                return navigator.serviceWorker.register("/sw.js")
                    .then(function () { return navigator.serviceWorker.ready; })
                    .then(function (registration) {
                        return registration.pushManager.getSubscription().then(function (existing) {
                            return existing || registration.pushManager.subscribe({
                                userVisibleOnly: true,
                                applicationServerKey: keyBytes(box.dataset.key)
                            });
                        });
                    })
                    .then(function (subscription) {
                        return fetch(box.dataset.subscribeUrl, {
                            method: "POST",
                            credentials: "same-origin",
                            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
                            body: JSON.stringify(subscription)
                        });
                    })
                    .then(function (response) {
                        if (response.ok) { window.location.reload(); return; }
                        // Mend's own words when it has some (too many devices), else the plain apology.
                        return response.json().then(function (data) { failed(data.error); }, function () { failed(); });
                    });
            }).catch(function () { failed(); });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", onReady);
    } else {
        onReady();
    }
})();

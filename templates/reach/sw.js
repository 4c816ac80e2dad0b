// Mend's service worker (reach/views.py renders it). It keeps two things: the static files that
// give the app its look, and one offline page that is the same for everyone. Pages, fragments and
// anything else with a person's data always come from the network and are never stored.
"use strict";

var CACHE = "static-{{ version }}";
var PRECACHE = {{ precache|safe }};
var OFFLINE_URL = "{{ offline_url }}";
var STATIC_PREFIX = "{{ static_prefix }}";
var IMMUTABLE = {{ immutable|safe }};
// Whatever a push carries, a lock screen shows only these words and the plain icon.
var TITLE = {{ title|safe }};
var BODY = {{ body|safe }};
var ICON = "{{ icon }}";

self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
        // Fetched without cookies: the offline page can't carry anything of a signed-in person.
        var offline = new Request(OFFLINE_URL, { credentials: "omit", cache: "reload" });
        return Promise.all([
            cache.addAll(PRECACHE),
            fetch(offline).then(function (response) {
                if (!response.ok) { throw new Error("offline page: " + response.status); }
                return cache.put(OFFLINE_URL, response);
            })
        ]);
    }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) { return name !== CACHE; })
            .map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); }));
});

function fromCacheFirst(request) {
    return caches.open(CACHE).then(function (cache) {
        return cache.match(request).then(function (hit) {
            return hit || fetch(request).then(function (response) {
                if (response.ok && response.type === "basic") { cache.put(request, response.clone()); }
                return response;
            });
        });
    });
}

function fromNetworkFirst(request) {
    return caches.open(CACHE).then(function (cache) {
        return fetch(request).then(function (response) {
            if (response.ok && response.type === "basic") { cache.put(request, response.clone()); }
            return response;
        }, function () {
            return cache.match(request).then(function (hit) { return hit || Response.error(); });
        });
    });
}

self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") { return; }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) { return; }
    if (request.mode === "navigate") {
        // Pages come from the network only; without one, the offline page stands in.
        event.respondWith(fetch(request).catch(function () {
            return caches.match(OFFLINE_URL, { cacheName: CACHE }).then(function (page) {
                return page || Response.error();
            });
        }));
        return;
    }
    if (url.pathname.indexOf(STATIC_PREFIX) === 0 && !url.search) {
        event.respondWith(IMMUTABLE ? fromCacheFirst(request) : fromNetworkFirst(request));
    }
    // Anything else (htmx fragments, polls, forms) passes by untouched and unstored.
});

self.addEventListener("message", function (event) {
    // Quick exit and signing out: drop everything kept, and step down.
    if (event.data && event.data.type === "forget") {
        event.waitUntil(caches.keys().then(function (names) {
            return Promise.all(names.map(function (name) { return caches.delete(name); }));
        }).then(function () { return self.registration.unregister(); }));
    }
});

self.addEventListener("push", function (event) {
    var url = "/";
    try {
        var data = event.data ? event.data.json() : {};
        if (typeof data.url === "string" && /^\/go\/[0-9a-f-]+\/$/.test(data.url)) { url = data.url; }
    } catch (e) { /* not ours, or empty: still just a gentle note */ }
    event.waitUntil(self.registration.showNotification(TITLE, {
        body: BODY,
        icon: ICON,
        badge: ICON,
        tag: "notes",
        data: { url: url }
    }));
});

self.addEventListener("notificationclick", function (event) {
    event.notification.close();
    var url = (event.notification.data && event.notification.data.url) || "/";
    event.waitUntil(self.clients.openWindow(url));
});

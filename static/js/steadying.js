// The grounding screen's pace in words: "Breathe in… 2… 3… 4", then out for six. Shown instead of
// the moving circle to people who ask for less motion; everything runs here, with no requests.
(function () {
    "use strict";
    function start() {
        var pace = document.querySelector("[data-pace]");
        if (!pace || !window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
            return;
        }
        var steps = [];
        var i;
        for (i = 1; i <= 4; i += 1) {
            steps.push(i === 1 ? "Breathe in… 1" : "In… " + i);
        }
        for (i = 1; i <= 6; i += 1) {
            steps.push(i === 1 ? "And out… 1" : "Out… " + i);
        }
        var at = 0;
        pace.textContent = steps[0];
        window.setInterval(function () {
            at = (at + 1) % steps.length;
            pace.textContent = steps[at];
        }, 1000);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();

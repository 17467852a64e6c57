/*
 * View counts (GoatCounter) and comments (giscus) for this blog.
 *
 * Reads its settings from <script id="blog-services"> (prepared at build time by
 * blog_extras/content/services.py) and, on every page Material shows, including pages
 * reached through instant navigation:
 *   - records the view with GoatCounter's count.js (never on localhost, never
 *     under `make serve`);
 *   - raises each view count on the page to carried-over + counted-since, as
 *     GoatCounter's public counter JSON reports it, and never lowers it;
 *   - loads giscus when the reader nears the comments, in the palette's theme,
 *     and shows the discussion's comment count once giscus reports it.
 * Any failure leaves the numbers the page was built with and logs one warning.
 * Numbers are written with textContent only, worded only as the settings say
 * (blog_extras/content/counts.py decides it for the build and this script alike).
 */
(function () {
  "use strict";

  var settingsElement = document.getElementById("blog-services");
  if (!settingsElement) return;
  var settings = JSON.parse(settingsElement.textContent);
  var counterCache = new Map();
  var warned = false;

  function warnOnce(message) {
    if (warned) return;
    warned = true;
    console.warn("Blog counts: " + message + "; showing the counts the page was built with.");
  }

  // Counts are worded only as the build says (settings.counts, from
  // blog_extras/content/counts.py), so that a live count reads exactly as the
  // built page words the same number: "1 view", "1,234 views".
  var wording = settings.counts;

  // 1234 as "1,234": the same steps as counts.py's grouped().
  function grouped(count) {
    var digits = String(Math.abs(count));
    var size = wording.groupSize;
    var lead = (digits.length - 1) % size + 1; // the first group: 1 to size digits
    var groups = [digits.slice(0, lead)];
    for (var at = lead; at < digits.length; at += size) groups.push(digits.slice(at, at + size));
    return (count < 0 ? "-" : "") + groups.join(wording.separator);
  }

  // words: {one, other}, each with wording.number where the number goes.
  function phrase(count, words) {
    return (count === 1 ? words.one : words.other).split(wording.number).join(grouped(count));
  }

  function isLocalHost(hostname) {
    return (
      hostname === "localhost" ||
      hostname.endsWith(".localhost") ||
      /^127\./.test(hostname) ||
      hostname === "[::1]" ||
      hostname === "0.0.0.0" ||
      location.protocol === "file:"
    );
  }

  /* Views ---------------------------------------------------------------- */

  var countScript = null;

  function recordView() {
    if (!settings.recordViews || isLocalHost(location.hostname)) return;
    var vars = { path: location.pathname, title: document.title };
    if (window.goatcounter && typeof window.goatcounter.count === "function") {
      window.goatcounter.count(vars);
      return;
    }
    if (countScript) return; // count.js is loading; it counts this page when it arrives
    // count.js alone counts only the page it was loaded on; with no_onload it
    // counts nothing by itself, and every page, first or instant, is counted here.
    window.goatcounter = { no_onload: true };
    countScript = document.createElement("script");
    countScript.async = true;
    countScript.src = settings.goatcounterScript;
    countScript.setAttribute("data-goatcounter", settings.goatcounter + "/count");
    countScript.addEventListener("load", function () {
      if (window.goatcounter && typeof window.goatcounter.count === "function") {
        window.goatcounter.count({ path: location.pathname, title: document.title });
      }
    });
    document.head.appendChild(countScript);
  }

  // Views counted by GoatCounter since the move, or null when it cannot say.
  function countedSince(path) {
    if (counterCache.has(path)) return counterCache.get(path);
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, settings.timeoutMs);
    var url = settings.goatcounter + "/counter/" + encodeURIComponent(path) + ".json";
    var answer = fetch(url, { signal: controller.signal, credentials: "omit" })
      .then(function (response) {
        // GoatCounter answers 404 for a path it has never seen: no views yet.
        if (response.status === 404) return 0;
        if (!response.ok) {
          warnOnce("the counter answered " + response.status);
          return null;
        }
        return response.json().then(function (data) {
          var digits = data && typeof data.count === "string" ? data.count.replace(/\D/g, "") : "";
          if (!digits) {
            warnOnce("the counter's answer has no count");
            return null;
          }
          return parseInt(digits, 10);
        });
      })
      .catch(function (error) {
        warnOnce(error && error.name === "AbortError" ? "the counter did not answer in time"
                                                      : "the counter could not be read");
        return null;
      })
      .finally(function () { clearTimeout(timer); });
    counterCache.set(path, answer);
    return answer;
  }

  function showLiveViews(root) {
    root.querySelectorAll("[data-blog-views-href]").forEach(function (element) {
      var path = new URL(element.getAttribute("data-blog-views-href"), location.href).pathname;
      var carried = parseInt(element.getAttribute("data-blog-views-carried"), 10) || 0;
      var built = parseInt(element.getAttribute("data-blog-views-built"), 10) || 0;
      countedSince(path).then(function (counted) {
        if (counted === null) return;
        var total = Math.max(built, carried + counted);
        element.textContent = phrase(total, wording.views);
        // A count the page was built without is shown now that it is known.
        element.hidden = false;
        var separator = element.nextElementSibling;
        if (separator && separator.hasAttribute("data-blog-views-separator")) {
          separator.hidden = false;
        }
      });
    });
  }

  /* Comments ------------------------------------------------------------- */

  function giscusTheme() {
    var scheme = document.body.getAttribute("data-md-color-scheme");
    return scheme === "slate" ? "dark" : "light";
  }

  function loadGiscus(container) {
    var giscus = settings.giscus;
    var script = document.createElement("script");
    script.src = giscus.script;
    script.async = true;
    script.crossOrigin = "anonymous";
    var attributes = {
      "data-repo": giscus.repo,
      "data-repo-id": giscus.repoId,
      "data-category": giscus.category,
      "data-category-id": giscus.categoryId,
      "data-mapping": giscus.mapping,
      "data-strict": "1",
      "data-reactions-enabled": "1",
      "data-emit-metadata": "1",
      "data-input-position": "top",
      "data-theme": giscusTheme(),
      "data-lang": giscus.lang,
      "data-loading": "lazy",
    };
    Object.keys(attributes).forEach(function (name) { script.setAttribute(name, attributes[name]); });
    container.appendChild(script);
  }

  function watchComments(root) {
    var container = root.querySelector("[data-blog-comments]");
    if (!settings.giscus || !container || container.hasAttribute("data-blog-comments-loaded")) return;
    container.setAttribute("data-blog-comments-loaded", "");
    if (!("IntersectionObserver" in window)) {
      loadGiscus(container);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        loadGiscus(container);
      }
    }, { rootMargin: "300px 0px" });
    observer.observe(container);
  }

  function tellGiscus(message) {
    var frame = document.querySelector("iframe.giscus-frame");
    if (frame && frame.contentWindow) {
      frame.contentWindow.postMessage({ giscus: message }, settings.giscus.origin);
    }
  }

  if (settings.giscus) {
    window.addEventListener("message", function (event) {
      if (event.origin !== settings.giscus.origin) return;
      var data = event.data && event.data.giscus;
      var discussion = data && data.discussion;
      if (!discussion) return;
      var comments = Number(discussion.totalCommentCount) + Number(discussion.totalReplyCount || 0);
      var element = document.querySelector(".blog-post-header .blog-counts__comments");
      if (element && Number.isInteger(comments) && comments >= 0) {
        element.textContent = phrase(comments, wording.comments);
      }
    });
    // Material switches palettes by changing this attribute; giscus follows.
    new MutationObserver(function () {
      tellGiscus({ setConfig: { theme: giscusTheme() } });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  /* Every page ----------------------------------------------------------- */

  function onPage() {
    counterCache.clear(); // each page asks afresh, so a view just recorded can show
    if (settings.goatcounter) {
      recordView();
      showLiveViews(document);
    }
    watchComments(document);
  }

  // Material's instant navigation announces each new page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
})();

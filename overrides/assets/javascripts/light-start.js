/*
 * Keep the first visit light: load search only when the reader starts a search,
 * and skip the sitemap nothing needs.
 *
 * Material's bundle starts its search worker and requests
 * search/search_index.json (with XMLHttpRequest) on every first page load: for
 * a blog of a thousand posts over a megabyte that most readers never use. This
 * holds both back until the search field gets the focus or the search overlay
 * opens, then lets them go; the search works as before, its first results a
 * moment later.
 *
 * Material also reads every <link rel="alternate"> as another language version
 * of the site and downloads sitemap.xml for it. The feed's link is not one, and
 * without instant navigation (off in mkdocs.yml) nothing else uses the sitemap,
 * so that request is dropped; with instant navigation on, it goes through.
 *
 * Inlined before the bundle by overrides/main.html.
 */
(function () {
  "use strict";
  var held = [];
  var released = false;
  var settings = document.getElementById("__config");
  var instant = settings && JSON.parse(settings.textContent).features.indexOf("navigation.instant") >= 0;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.blogSearchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    this.blogSitemap = !instant && /\/sitemap\.xml(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.blogSitemap) return; // never answered: Material gives up on it quietly
    if (this.blogSearchIndex && !released) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };

  // A stand-in for the search worker that records what Material asks of it and
  // replays that on the real worker once search starts.
  var RealWorker = window.Worker;
  var startWorkers = [];
  function LazyWorker(url, options) {
    if (released || !/\/workers\/search\.[^/]*\.js/.test(String(url))) {
      return new RealWorker(url, options);
    }
    var real = null;
    var listeners = [];
    var messages = [];
    this.addEventListener = function (type, listener, flags) {
      if (real) real.addEventListener(type, listener, flags);
      else listeners.push([type, listener, flags]);
    };
    this.removeEventListener = function (type, listener, flags) {
      if (real) real.removeEventListener(type, listener, flags);
      else listeners = listeners.filter(function (entry) { return entry[1] !== listener; });
    };
    this.postMessage = function (message, transfer) {
      if (real) real.postMessage(message, transfer);
      else messages.push([message, transfer]);
    };
    this.terminate = function () { if (real) real.terminate(); };
    startWorkers.push(function () {
      real = new RealWorker(url, options);
      listeners.forEach(function (entry) { real.addEventListener(entry[0], entry[1], entry[2]); });
      messages.forEach(function (entry) { real.postMessage(entry[0], entry[1]); });
    });
  }
  if (RealWorker) window.Worker = LazyWorker;

  function release() {
    if (released) return;
    released = true;
    startWorkers.splice(0).forEach(function (start) { start(); });
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });
})();

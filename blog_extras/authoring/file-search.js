/*
 * Search in the review copy, opened from disk (file://). Never published: only
 * `blog review-copy` (blog_extras/authoring/review_copy.py) adds it, before the
 * first script of each page.
 *
 * Material runs its search in a Web Worker, and a page opened from disk may not
 * start one ("cannot be accessed from origin 'null'"). Material's offline plugin
 * loads the iframe-worker shim from unpkg.com for that, a request to another site
 * that the blog's Content-Security-Policy refuses. This is the same idea, from
 * this site: the worker's script runs in a hidden, empty iframe of the page,
 * whose postMessage and importScripts stand in for a worker's. The index comes
 * from search/search_index.js, which Material's bundle loads itself on file://.
 * Over http(s) it does nothing.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || !window.Worker) return;
  var RealWorker = window.Worker;

  function FrameWorker(url) {
    var worker = this;
    var listeners = [];
    var queue = []; // messages for the worker's script, delivered one task at a time
    var started = false; // the worker's script has run
    var loading = 0; // importScripts calls not finished yet
    var address = new URL(String(url), document.baseURI).href;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "Search";
    document.body.appendChild(frame);
    var inner = frame.contentWindow;

    function load(src) {
      return new Promise(function (resolve, reject) {
        var script = inner.document.createElement("script");
        script.src = src;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("Search could not load " + src)); };
        inner.document.head.appendChild(script);
      });
    }
    // A worker's importScripts blocks, so no message reaches the worker's script
    // while it loads: here the messages wait until the scripts have loaded and
    // the code awaiting them has run.
    function deliver() {
      while (started && !loading && queue.length) {
        inner.dispatchEvent(new inner.MessageEvent("message", { data: queue.shift() }));
      }
    }
    function later() { setTimeout(deliver); }
    function toPage(data) {
      var event = new MessageEvent("message", { data: data });
      listeners.slice().forEach(function (listener) { listener.call(worker, event); });
      if (typeof worker.onmessage === "function") worker.onmessage(event);
    }

    // What the worker's script calls: postMessage answers the page, and
    // importScripts (languages other than English) loads scripts in order,
    // relative to the worker's script, returning a promise Material awaits.
    inner.postMessage = function (data) { setTimeout(function () { toPage(data); }); };
    inner.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      loading += 1;
      var done = urls.reduce(function (previous, each) {
        return previous.then(function () { return load(new URL(each, address).href); });
      }, Promise.resolve());
      done.then(function () { loading -= 1; later(); }, function () { loading -= 1; later(); });
      return done;
    };

    this.onmessage = null;
    this.addEventListener = function (type, listener) {
      if (type === "message") listeners.push(listener);
    };
    this.removeEventListener = function (type, listener) {
      listeners = listeners.filter(function (each) { return each !== listener; });
    };
    this.postMessage = function (data) {
      queue.push(data);
      later();
    };
    this.terminate = function () { frame.remove(); };

    load(address).then(function () {
      started = true;
      later();
    }, function (error) { console.error(error.message); });
  }

  window.Worker = function (url, options) {
    if (/\/workers\/search\.[^/]*\.js$/.test(String(url))) return new FrameWorker(url);
    return new RealWorker(url, options);
  };
})();

// Small browser helpers the Go UI calls: downloads, SVG → PNG, clipboard.
// No network access; everything stays in the page.
(function () {
  "use strict";
  function save(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  // overparamDownload saves text as a file named name with MIME type mime.
  window.overparamDownload = function (name, mime, text) {
    save(name, new Blob([text], { type: mime }));
  };
  // overparamDownloadPNG rasterises an SVG document at scale× its size on a
  // white background and saves it as PNG.
  window.overparamDownloadPNG = function (name, svg, scale) {
    var url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    var img = new Image();
    img.onload = function () {
      var c = document.createElement("canvas");
      c.width = Math.round(img.width * scale);
      c.height = Math.round(img.height * scale);
      var g = c.getContext("2d");
      g.fillStyle = "#ffffff";
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      c.toBlob(function (b) { if (b) { save(name, b); } }, "image/png");
    };
    img.onerror = function () { URL.revokeObjectURL(url); console.warn("overparam: could not rasterise " + name); };
    img.src = url;
  };
  // overparamCopy copies text to the clipboard; it resolves to true when
  // the browser allowed it.
  window.overparamCopy = function (text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  };
})();

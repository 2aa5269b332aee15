// Municipal Partnership Lab: tell require.js to load modules from the folder this
// script is served from, so book pages at any depth find the vendored widget files
// (and nothing is ever fetched from a CDN).
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (here && window.require && window.require.config) {
    window.require.config({ baseUrl: here.replace(/[^\/]*$/, "") });
  }
})();

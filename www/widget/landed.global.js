// Landed for a plain <script src=".../widget/landed.global.js"> tag: loads the ES module next to
// this file and exposes its API as window.Landed (window.Landed.loaded resolves when ready).
(function () {
  'use strict';
  var script = document.currentScript;
  var base = script && script.src ? script.src : document.baseURI;
  var api = (window.Landed = window.Landed || {});
  api.loaded = import(new URL('landed.js', base).href).then(function (module) {
    Object.keys(module).forEach(function (name) {
      api[name] = module[name];
    });
    return module;
  });
})();

'use strict';
// Stands in for `readable-stream` inside JSZip in the extension build (see scripts/vite/jszip-for-extension.ts):
// the extension has no Node streams, and JSZip's feature test treats this empty module as "not available".
module.exports = {};

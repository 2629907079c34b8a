// TeX to MathML at build time, with MathJax 3's TeX reader (npm's mathjax-full, the version the
// site used to load in the browser); run by _ext/static_math.py, which explains why.
//
// Reads one JSON request per line on stdin: {"formulas": [[tex, display], ...]}, writes one JSON
// line per request: {"mathml": [...], "errors": [...]} (null where a formula cannot be read).
"use strict";

const readline = require("readline");
const {mathjax} = require("mathjax-full/js/mathjax.js");
const {TeX} = require("mathjax-full/js/input/tex.js");
const {liteAdaptor} = require("mathjax-full/js/adaptors/liteAdaptor.js");
const {RegisterHTMLHandler} = require("mathjax-full/js/handlers/html.js");
const {AllPackages} = require("mathjax-full/js/input/tex/AllPackages.js");
const {SerializedMmlVisitor} = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");
const {STATE} = require("mathjax-full/js/core/MathItem.js");

RegisterHTMLHandler(liteAdaptor());
const PACKAGES = AllPackages.filter((name) => !["bussproofs", "require", "autoload"].includes(name));
const tex = new TeX({packages: PACKAGES, formatError: (jax, err) => { throw err; }});
const doc = mathjax.document("", {InputJax: tex});
const serializer = new SerializedMmlVisitor();

function render(request) {
  const mathml = [], errors = [];
  for (const [source, display] of request.formulas) {
    try {
      mathml.push(serializer.visitTree(doc.convert(source, {display: display, end: STATE.CONVERT})));
    } catch (err) {
      errors.push(`${source}: ${err.message}`);
      mathml.push(null);
    }
  }
  return {mathml: mathml, errors: errors};
}

const lines = readline.createInterface({input: process.stdin, terminal: false});
lines.on("line", (line) => {
  if (line.trim()) process.stdout.write(JSON.stringify(render(JSON.parse(line))) + "\n");
});

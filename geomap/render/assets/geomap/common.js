/* geomap incident timeline: shared helpers (DOM, colours, data columns, marker drawing).
 *
 * The timeline is split into small scripts inlined in order: common.js, points.js,
 * histogram.js, filters.js, panels.js, timeline.js. They share the `geomapKit` object.
 * Text from sources is only ever placed with textContent, never as HTML.
 */
(function () {
  "use strict";

  var K = window.geomapKit = window.geomapKit || {};

  K.DAY_MS = 86400000;
  K.TYPE_COLORS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#fc8d59",
    "Violence against civilians": "#7a0177",
    "Protests": "#2b8cbe",
    "Riots": "#41ab5d",
    "Strategic developments": "#b8860b"
  };
  K.OTHER_COLOR = "#17becf";

  K.el = function (tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  };

  K.button = function (cls, text, title, parent) {
    var b = K.el("button", cls, text, parent);
    b.type = "button";
    if (title) { b.title = title; b.setAttribute("aria-label", title); }
    return b;
  };

  /* 24039 -> "24,039", the same in every browser locale. */
  K.num = function (n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  };

  K.isoDay = function (t0, offset) {
    return new Date(t0 + offset * K.DAY_MS).toISOString().slice(0, 10);
  };

  K.typeColor = function (name) {
    return K.TYPE_COLORS[name] || K.OTHER_COLOR;
  };

  var TYPED = {u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array, u32: Uint32Array, i32: Int32Array};

  function decodeTyped(col) {
    var bin = atob(col.b), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return new TYPED[col.t](bytes.buffer);
  }

  /* Unpack the columns written by geomap/render/timeline.py: typed arrays and string dictionaries.
   * Every text column comes out as {dict, idx} (code 0 = none), so that filters work on codes. */
  K.unpack = function (raw) {
    var d = {t0: raw.t0, ndays: raw.ndays, n: raw.n, admins: raw.admins, admin_names: raw.admin_names,
             country_names: raw.country_names || {}, text: {}};
    Object.keys(raw.num).forEach(function (k) { d[k] = decodeTyped(raw.num[k]); });
    Object.keys(raw.text).forEach(function (k) {
      var col = raw.text[k];
      if (col.values) {
        var idx = new Int32Array(col.values.length);
        for (var i = 0; i < idx.length; i++) { idx[i] = col.values[i] ? i + 1 : 0; }
        d.text[k] = {dict: col.values, idx: idx};
      } else {
        d.text[k] = {dict: col.dict, idx: decodeTyped(col.idx)};
      }
    });
    return d;
  };

  /* Marker size by fatalities: the key draws the same circles. */
  K.radius = function (fatalities) {
    return Math.min(4 + 2 * Math.sqrt(fatalities), 18);
  };
  K.RADIUS_CAP = 49;  // radius(49) reaches the largest size

  K.clusterRadius = function (count) {
    return Math.min(10 + 3 * Math.log2(count), 26);
  };

  /* A point: filled for an exact place, a ring for "near a place". */
  K.paintPoint = function (ctx, x, y, r, color, near) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    if (near) {
      if (r >= 8) { ctx.setLineDash([4, 3]); }  // on small rings dashes would read as a star
      ctx.lineWidth = 2;
      ctx.strokeStyle = color;
      ctx.fillStyle = "rgba(255,255,255,0.55)";
      ctx.fill();
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = color;
      ctx.globalAlpha = 0.85;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#ffffff";
      ctx.stroke();
    }
  };

  /* A cluster: a dark disc with its count, ringed in the colour of its most frequent type. */
  K.paintCluster = function (ctx, x, y, count, color) {
    var r = K.clusterRadius(count);
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = "rgba(50,50,50,0.8)";
    ctx.fill();
    ctx.lineWidth = 4;
    ctx.strokeStyle = color;
    ctx.stroke();
    ctx.fillStyle = "#ffffff";
    ctx.font = "bold 11px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(String(count), x, y);
    return r;
  };

  /* A canvas sized in CSS pixels, drawn at the screen's resolution. */
  K.canvas = function (cls, width, height, parent) {
    var c = K.el("canvas", cls, null, parent), ratio = window.devicePixelRatio || 1;
    K.sizeCanvas(c, width, height, ratio);
    return c;
  };

  K.sizeCanvas = function (c, width, height, ratio) {
    ratio = ratio || window.devicePixelRatio || 1;
    c.width = Math.max(1, Math.round(width * ratio));
    c.height = Math.max(1, Math.round(height * ratio));
    c.style.width = width + "px";
    c.style.height = height + "px";
    var ctx = c.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  };

  /* Does rectangle a overlap rectangle b (DOMRect-like)? */
  K.overlaps = function (a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  };
})();

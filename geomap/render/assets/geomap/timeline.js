/* geomap incident timeline: one clock for incident points and the governorate choropleth.
 *
 * Data arrive columnar (one array per field, strings stored once in `S`), so a map of
 * 100,000 incidents stays small and loads fast. Points are drawn on one canvas with
 * screen-space clustering; the choropleth is a Leaflet GeoJSON layer restyled on each
 * tick. Text from sources is only ever placed with textContent, never as HTML.
 */
(function () {
  "use strict";

  var TYPE_COLORS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#fc8d59",
    "Violence against civilians": "#7a0177",
    "Protests": "#2b8cbe",
    "Riots": "#41ab5d",
    "Strategic developments": "#b8860b"
  };
  var OTHER_COLOR = "#17becf";
  // A muted grey scale for the governorates, so that the coloured points stay readable on top.
  var SCALE = ["#fbfbfa", "#e4e4e2", "#cacac7", "#aeaeaa", "#8d8d89", "#6b6b67"];
  var DAY_MS = 86400000;
  var TIME_PRECISION = {1: "", 2: " (approximate: within a week)", 3: " (approximate: month)"};

  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function isoDay(t0, offset) {
    return new Date(t0 + offset * DAY_MS).toISOString().slice(0, 10);
  }

  function typeColor(name) {
    return TYPE_COLORS[name] || OTHER_COLOR;
  }

  var TYPED = {u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array, u32: Uint32Array, i32: Int32Array};

  function decodeTyped(col) {
    var bin = atob(col.b), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return new TYPED[col.t](bytes.buffer);
  }

  /* Unpack the columns written by geomap/render/timeline.py: typed arrays and string dictionaries. */
  function unpack(raw) {
    var d = {t0: raw.t0, ndays: raw.ndays, n: raw.n, admins: raw.admins, admin_names: raw.admin_names, text: {}};
    Object.keys(raw.num).forEach(function (k) { d[k] = decodeTyped(raw.num[k]); });
    Object.keys(raw.text).forEach(function (k) {
      var col = raw.text[k];
      d.text[k] = col.values ? {values: col.values} : {dict: col.dict, idx: decodeTyped(col.idx)};
    });
    return d;
  }

  function radius(fatalities) {
    return Math.min(4 + 2 * Math.sqrt(fatalities), 18);
  }

  /* ---------------------------------------------------------------- points on a canvas */
  var PointsLayer = L.Layer.extend({
    initialize: function (timeline) {
      this._tl = timeline;
      this._visible = [];
      this.cluster = true;
    },
    onAdd: function (map) {
      this._map = map;
      // Our own pane above the choropleth's SVG (Leaflet puts canvases below SVG in a pane).
      var pane = map.getPane("geomapPoints") || map.createPane("geomapPoints");
      pane.style.zIndex = 450;
      pane.style.pointerEvents = "none";
      this._canvas = el("canvas", "geomap-points leaflet-layer", null, pane);
      map.on("moveend zoomend resize viewreset", this._reset, this);
      map.on("zoomstart", this._hide, this);
      map.on("click", this._click, this);
      this._reset();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._reset, this);
      map.off("zoomstart", this._hide, this);
      map.off("click", this._click, this);
    },
    setVisible: function (indices) {
      this._visible = indices;
      if (this._map) { this._draw(); }
    },
    _hide: function () { this._canvas.style.visibility = "hidden"; },
    _project: function () {
      var zoom = this._map.getZoom();
      if (this._zoom === zoom) { return; }
      var d = this._tl.data, n = d.n;
      this._px = new Float64Array(n);
      this._py = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var p = this._map.project([d.lat[i] / 1e4, d.lon[i] / 1e4], zoom);
        this._px[i] = p.x; this._py[i] = p.y;
      }
      this._zoom = zoom;
    },
    _reset: function () {
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(this._canvas, map.containerPointToLayerPoint([0, 0]));
      this._canvas.width = size.x * ratio;
      this._canvas.height = size.y * ratio;
      this._canvas.style.width = size.x + "px";
      this._canvas.style.height = size.y + "px";
      this._canvas.style.visibility = "visible";
      this._ratio = ratio;
      this._draw();
    },
    _offset: function () {
      var origin = this._map.getPixelOrigin(), pane = this._map._getMapPanePos();
      return [pane.x - origin.x, pane.y - origin.y];
    },
    _draw: function () {
      if (!this._map) { return; }
      this._project();
      var ctx = this._canvas.getContext("2d"), d = this._tl.data, size = this._map.getSize();
      var off = this._offset(), vis = this._visible;
      ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      this._marks = [];
      var cells = {}, singles = [], cell = 44;
      for (var k = 0; k < vis.length; k++) {
        var i = vis[k];
        var x = this._px[i] + off[0], y = this._py[i] + off[1];
        if (x < -40 || y < -40 || x > size.x + 40 || y > size.y + 40) { continue; }
        if (!this.cluster) { singles.push([i, x, y]); continue; }
        // The grid is fixed to the world, not the screen, so panning does not regroup the points.
        var key = Math.floor(this._px[i] / cell) + ":" + Math.floor(this._py[i] / cell);
        (cells[key] = cells[key] || []).push([i, x, y]);
      }
      var clusters = [];
      Object.keys(cells).forEach(function (key) {
        var members = cells[key];
        if (members.length < 4) { singles.push.apply(singles, members); } else { clusters.push(members); }
      });
      singles.sort(function (a, b) { return d.fat[b[0]] - d.fat[a[0]]; });
      for (var s = 0; s < singles.length; s++) { this._drawPoint(ctx, singles[s]); }
      // Clusters last: their counts stay readable over neighbouring points.
      for (var c = 0; c < clusters.length; c++) { this._drawCluster(ctx, clusters[c]); }
    },
    _drawPoint: function (ctx, item) {
      var d = this._tl.data, i = item[0], r = radius(d.fat[i]);
      var color = typeColor(this._tl.str("type", i));
      ctx.beginPath();
      ctx.arc(item[1], item[2], r, 0, 2 * Math.PI);
      if (d.prec[i] >= 2) {          // "near X": a ring, not a dot
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
      this._marks.push({x: item[1], y: item[2], r: r, items: [i]});
    },
    _drawCluster: function (ctx, members) {
      var x = 0, y = 0, items = [], byType = {}, top = null;
      for (var m = 0; m < members.length; m++) {
        x += members[m][1]; y += members[m][2];
        items.push(members[m][0]);
        var t = this._tl.str("type", members[m][0]);
        byType[t] = (byType[t] || 0) + 1;
        if (top === null || byType[t] > byType[top]) { top = t; }
      }
      x /= members.length; y /= members.length;
      var r = Math.min(10 + 3 * Math.log2(members.length), 26);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(50,50,50,0.8)";
      ctx.fill();
      ctx.lineWidth = 4;
      ctx.strokeStyle = typeColor(top);  // the ring shows the most frequent event type in the cluster
      ctx.stroke();
      ctx.fillStyle = "#ffffff";
      ctx.font = "bold 11px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(String(members.length), x, y);
      this._marks.push({x: x, y: y, r: r, items: items, cluster: true});
    },
    _click: function (e) {
      if (!this._marks) { return; }
      var p = e.containerPoint, best = null, bestD = Infinity;
      for (var k = 0; k < this._marks.length; k++) {
        var mk = this._marks[k], dx = mk.x - p.x, dy = mk.y - p.y, dist = Math.sqrt(dx * dx + dy * dy);
        if (dist <= mk.r + 3 && dist < bestD) { best = mk; bestD = dist; }
      }
      if (!best) { return; }
      if (best.cluster && this._map.getZoom() < this._map.getMaxZoom() - 1) {
        this._map.setView(this._map.containerPointToLatLng([best.x, best.y]), this._map.getZoom() + 2);
        return;
      }
      this._tl.openPopup(this._map.containerPointToLatLng([best.x, best.y]), best.items);
    }
  });

  /* Leaflet's controls sit above its popups: how far down the top-left panels (zoom, title) reach. */
  function topPanelsHeight(map) {
    var size = 10;
    map.getContainer().querySelectorAll(".leaflet-top.leaflet-left .leaflet-control").forEach(function (c) {
      size = Math.max(size, c.offsetTop + c.offsetHeight + 10);
    });
    return size;
  }

  /* ---------------------------------------------------------------- the timeline */
  function Timeline(map, data, options) {
    this.map = map;
    this.data = unpack(data);
    data = this.data;
    this.options = options;
    this.t0 = Date.parse(data.t0 + "T00:00:00Z");
    this.nDays = data.ndays;
    this.windowDays = options.window;       // 0 = cumulative
    this.metric = "events";
    this.day = options.start === null ? this.nDays - 1 : options.start;
    this.playing = null;
    this.speed = 1;
    this.fixedScale = true;
    this.narrow = map.getSize().x < 640;    // a phone or a small embed: panels fold away
    if (this.narrow) { map.getContainer().classList.add("geomap-narrow"); }
    if (options.bounds) {
      // Leave room for the title (top left), the clock (bottom left) and the legend (right).
      var padding = this.narrow ? {paddingTopLeft: [10, 60], paddingBottomRight: [10, 160]}
        : {paddingTopLeft: [20, 90], paddingBottomRight: [220, 110]};
      map.fitBounds(options.bounds, L.extend(padding, {animate: false}));
    }
    this._prepareCounts();
    this._buildLayers();
    this._buildControls();
    this.setDay(this.day);
  }

  /* The text of column `k` for incident `i` ("" when it has none). */
  Timeline.prototype.str = function (k, i) {
    var col = this.data.text[k];
    if (col.values) { return col.values[i]; }
    var code = col.idx[i];
    return code ? col.dict[code - 1] : "";
  };

  Timeline.prototype._prepareCounts = function () {
    // Per-day counts per governorate, then prefix sums: any window's total in O(governorates).
    var d = this.data, nA = d.admins.length, nD = this.nDays;
    this.prefix = {events: new Float64Array((nD + 1) * nA), fatalities: new Float64Array((nD + 1) * nA)};
    for (var i = 0; i < d.n; i++) {
      var a = d.adm[i];
      if (a < 0) { continue; }
      this.prefix.events[(d.day[i] + 1) * nA + a] += 1;
      this.prefix.fatalities[(d.day[i] + 1) * nA + a] += d.fat[i];
    }
    var self = this;
    ["events", "fatalities"].forEach(function (m) {
      var p = self.prefix[m];
      for (var t = 1; t <= nD; t++) {
        for (var k = 0; k < nA; k++) { p[t * nA + k] += p[(t - 1) * nA + k]; }
      }
    });
    // Order incidents by day once; a window is then a contiguous slice.
    var order = new Int32Array(d.n);
    for (var j = 0; j < order.length; j++) { order[j] = j; }
    order.sort(function (x, y) { return d.day[x] - d.day[y]; });
    this.order = order;
    this.dayStart = new Int32Array(nD + 1);
    var pos = 0;
    for (var t2 = 0; t2 <= nD; t2++) {
      while (pos < order.length && d.day[order[pos]] < t2) { pos++; }
      this.dayStart[t2] = pos;
    }
  };

  Timeline.prototype.range = function () {
    var end = this.day + 1;
    var start = this.windowDays > 0 ? Math.max(0, end - this.windowDays) : 0;
    return [start, end];
  };

  Timeline.prototype.totals = function (metric) {
    var nA = this.data.admins.length, r = this.range(), p = this.prefix[metric], out = new Float64Array(nA);
    for (var k = 0; k < nA; k++) { out[k] = p[r[1] * nA + k] - p[r[0] * nA + k]; }
    return out;
  };

  Timeline.prototype.maxTotal = function (metric) {
    // The largest value any governorate reaches in any window of the current width: a stable scale.
    var key = metric + ":" + this.windowDays;
    this._max = this._max || {};
    if (this._max[key] !== undefined) { return this._max[key]; }
    var nA = this.data.admins.length, nD = this.nDays, p = this.prefix[metric], best = 0;
    var w = this.windowDays > 0 ? this.windowDays : nD;
    for (var end = 1; end <= nD; end++) {
      var start = Math.max(0, end - w);
      for (var k = 0; k < nA; k++) {
        var v = p[end * nA + k] - p[start * nA + k];
        if (v > best) { best = v; }
      }
    }
    this._max[key] = best;
    return best;
  };

  Timeline.prototype._buildLayers = function () {
    var self = this, d = this.data, map = this.map;
    this.admIndex = {};
    d.admins.forEach(function (code, k) { self.admIndex[code] = k; });
    this.choropleth = L.geoJSON(this.options.polygons, {
      noClip: true,
      style: function () { return {weight: 1, color: "#555", fillOpacity: 0.65, fillColor: SCALE[0]}; },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () { return self.tooltipFor(feature.properties.iso, feature.properties.name); },
                          {sticky: true});
        // Reports placed only to the governorate have no point: the governorate opens their popup.
        layer.on("click", function (e) {
          var items = self._approxItems && self._approxItems[self.admIndex[feature.properties.iso]];
          if (items && items.length) { self.openPopup(e.latlng, items); }
        });
      }
    });
    this.approximate = L.layerGroup();
    this.labels = this._buildLabels();
    this.points = new PointsLayer(this);
    this.choropleth.addTo(map);
    this.labels.addTo(map);
    this.approximate.addTo(map);
    this.points.addTo(map);
  };

  /* Country and governorate names for the outline basemap, which has no tiles to carry them. */
  Timeline.prototype._buildLabels = function () {
    var map = this.map, group = L.layerGroup();
    var pane = map.getPane("geomapLabels") || map.createPane("geomapLabels");
    pane.style.zIndex = 420;                 // over the choropleth, under the points
    pane.style.pointerEvents = "none";
    (this.options.labels || []).forEach(function (item) {
      var text = el("span", null, item[2]);
      var icon = L.divIcon({className: "geomap-label geomap-label-" + item[3], html: text, iconSize: null});
      L.marker([item[0], item[1]], {icon: icon, interactive: false, keyboard: false, pane: "geomapLabels"})
        .addTo(group);
    });
    var container = map.getContainer();
    var zoomClass = function () {
      container.classList.toggle("geomap-zoom-low", map.getZoom() < 6);
      container.classList.toggle("geomap-zoom-world", map.getZoom() < 5);
    };
    map.on("zoomend", zoomClass);
    zoomClass();
    return group;
  };

  Timeline.prototype.tooltipFor = function (iso, name) {
    var k = this.admIndex[iso], div = el("div", "geomap-tip");
    el("strong", null, name, div);
    if (k === undefined) { el("div", null, "no incidents", div); return div; }
    var ev = this.totals("events")[k], fat = this.totals("fatalities")[k];
    el("div", null, ev + " incident" + (ev === 1 ? "" : "s") + ", " + fat + " killed", div);
    var approx = this._approxItems && this._approxItems[k] ? this._approxItems[k].length : 0;
    if (approx) { el("div", "geomap-approx", approx + " located only to the governorate: click to read", div); }
    el("div", "geomap-when", this.rangeLabel(), div);
    return div;
  };

  Timeline.prototype.rangeLabel = function () {
    var r = this.range();
    var a = isoDay(this.t0, r[0]), b = isoDay(this.t0, r[1] - 1);
    return a === b ? a : a + " – " + b;
  };

  Timeline.prototype.setDay = function (day) {
    this.day = Math.max(0, Math.min(this.nDays - 1, day));
    var r = this.range(), d = this.data, visible = [], approx = {};
    for (var pos = this.dayStart[r[0]]; pos < this.dayStart[r[1]]; pos++) {
      var i = this.order[pos];
      if (d.prec[i] >= 3) { (approx[d.adm[i]] = approx[d.adm[i]] || []).push(i); } else { visible.push(i); }
    }
    this._approxItems = approx;
    this.points.setVisible(visible);
    this._styleChoropleth();
    this._styleApproximate(approx);
    this._updateControls(visible.length, r[1] > r[0] ? this.dayStart[r[1]] - this.dayStart[r[0]] : 0);
  };

  Timeline.prototype._styleChoropleth = function () {
    var totals = this.totals(this.metric), self = this;
    // A fixed scale compares periods; "this window" shows the spread within a quiet period too.
    var top = this.fixedScale ? this.maxTotal(this.metric) : Math.max.apply(null, [0].concat(Array.from(totals)));
    this.choropleth.eachLayer(function (layer) {
      var k = self.admIndex[layer.feature.properties.iso];
      var v = k === undefined ? 0 : totals[k];
      var cls = v <= 0 || top <= 0 ? 0 : Math.min(SCALE.length - 1, 1 + Math.floor((SCALE.length - 1) * Math.sqrt(v / top) - 1e-9));
      layer.setStyle({fillColor: SCALE[cls]});
      if (layer._path) { layer._path.setAttribute("data-value", String(v)); }
    });
    this._legendScale(top);
  };

  Timeline.prototype._styleApproximate = function (approx) {
    var self = this;
    this.approximate.clearLayers();
    this.choropleth.eachLayer(function (layer) {
      var k = self.admIndex[layer.feature.properties.iso];
      if (k !== undefined && approx[k]) {
        L.geoJSON(layer.feature, {
          interactive: false,
          noClip: true,  // no stroke along the edges where Leaflet clips the polygon to the view
          style: {weight: 3, color: "#222", dashArray: "6 5", fill: false}
        }).addTo(self.approximate);
      }
    });
  };

  Timeline.prototype.openPopup = function (latlng, items) {
    var map = this.map, h = map.getSize().y;
    L.popup({
      maxWidth: 360,
      className: "geomap-popup",
      autoPanPaddingTopLeft: L.point(10, Math.min(topPanelsHeight(map), h / 3)),
      autoPanPaddingBottomRight: L.point(10, 10)
    }).setLatLng(latlng).setContent(this.popupFor(items)).openOn(map);
  };

  Timeline.prototype.popupFor = function (items) {
    var d = this.data, root = el("div", "geomap-pop"), self = this;
    var str = function (k, i) { return self.str(k, i); };
    var shown = items.slice().sort(function (a, b) { return d.day[b] - d.day[a]; }).slice(0, 5);
    shown.forEach(function (i, n) {
      var box = el("div", "geomap-item", null, root);
      if (n > 0) { box.style.borderTop = "1px solid #ddd"; }
      var head = el("div", "geomap-head", null, box);
      var sw = el("span", "geomap-swatch", null, head);
      sw.style.background = typeColor(str("type", i));
      el("strong", null, str("type", i) + (str("sub", i) ? " / " + str("sub", i) : ""), head);
      el("div", "geomap-date", isoDay(self.t0, d.day[i]) + TIME_PRECISION[d.tprec[i]], box);
      var place = str("loc", i), adm = d.adm[i] >= 0 ? d.admin_names[d.adm[i]] : "";
      var where = d.prec[i] === 1 ? place + (adm && adm !== place ? ", " + adm : "")
        : d.prec[i] === 2 ? "near " + place + (adm ? ", " + adm : "")
          : (adm || place) + " — location approximate (governorate or region only)";
      el("div", "geomap-place", where, box);
      if (d.fat[i] > 0) { el("div", "geomap-fat", d.fat[i] + " killed", box); }
      var a1 = str("a1", i), a2 = str("a2", i);
      if (a1 || a2) { el("div", "geomap-actors", a1 + (a1 && a2 ? " vs " : "") + a2, box); }
      if (str("note", i)) {
        var note = str("note", i), q = el("blockquote", "geomap-note", null, box);
        var ps = d.ps[i], pe = d.pe[i];
        if (ps >= 0 && pe > ps && pe <= note.length) {
          q.appendChild(document.createTextNode(note.slice(0, ps)));
          el("mark", null, note.slice(ps, pe), q);
          q.appendChild(document.createTextNode(note.slice(pe)));
        } else {
          q.textContent = note;
        }
      }
      if (str("src", i)) { el("div", "geomap-src", "Source: " + str("src", i), box); }
    });
    if (items.length > shown.length) {
      el("div", "geomap-more", "+ " + (items.length - shown.length) + " more here: zoom in to separate them", root);
    }
    return root;
  };

  /* ---------------------------------------------------------------- controls */
  Timeline.prototype._buildControls = function () {
    var self = this, map = this.map, opts = this.options;
    var Panel = L.Control.extend({
      onAdd: function () {
        var box = el("div", "geomap-panel leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });

    var head = new Panel({position: "topleft"}).addTo(map).getContainer();
    head.classList.add("geomap-title");
    el("div", "geomap-title-main", opts.title, head);
    if (opts.subtitle) { el("div", "geomap-subtitle", opts.subtitle, head); }

    var bar = new Panel({position: "bottomleft"}).addTo(map).getContainer();
    bar.classList.add("geomap-clock");
    var row = el("div", "geomap-row", null, bar);
    this.playButton = el("button", "geomap-play", "▶ Play", row);
    this.playButton.type = "button";
    this.playButton.setAttribute("aria-label", "Play");
    var back = el("button", "geomap-step", "◀", row);
    back.type = "button"; back.title = "One day back";
    var fwd = el("button", "geomap-step", "▶", row);
    fwd.type = "button"; fwd.title = "One day forward";
    this.slider = el("input", "geomap-slider", null, row);
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.max = String(this.nDays - 1);
    this.slider.step = "1";
    this.slider.setAttribute("aria-label", "Date");
    this.dateLabel = el("span", "geomap-datelabel", "", row);
    var row2 = el("div", "geomap-row", null, bar);
    el("label", null, "Window ", row2);
    this.windowSelect = el("select", "geomap-window", null, row2);
    var windows = [[1, "1 day"], [7, "7 days"], [30, "30 days"], [91, "3 months"], [365, "1 year"], [0, "cumulative"]];
    if (!windows.some(function (w) { return w[0] === self.windowDays; })) {
      windows.push([self.windowDays, self.windowDays + " days"]);
      windows.sort(function (a, b) { return (a[0] || Infinity) - (b[0] || Infinity); });
    }
    windows.forEach(function (w) {
      var o = el("option", null, w[1], self.windowSelect);
      o.value = String(w[0]);
      if (w[0] === self.windowDays) { o.selected = true; }
    });
    el("label", null, " Speed ", row2);
    this.speedSelect = el("select", "geomap-speed", null, row2);
    [1, 2, 4, 8, 16, 32].forEach(function (s) { var o = el("option", null, s + "×", self.speedSelect); o.value = String(s); });
    el("label", null, " Colour by ", row2);
    this.metricSelect = el("select", "geomap-metric", null, row2);
    [["events", "incidents"], ["fatalities", "fatalities"]].forEach(function (m) {
      var o = el("option", null, m[1], self.metricSelect); o.value = m[0];
    });
    var clusterLabel = el("label", "geomap-cluster", null, row2);
    this.clusterBox = el("input", null, null, clusterLabel);
    this.clusterBox.type = "checkbox";
    this.clusterBox.checked = true;
    clusterLabel.appendChild(document.createTextNode(" cluster"));
    el("label", null, " Scale ", row2);
    this.scaleSelect = el("select", "geomap-scale-mode", null, row2);
    [["fixed", "whole period"], ["window", "this window"]].forEach(function (m) {
      var o = el("option", null, m[1], self.scaleSelect); o.value = m[0];
    });
    this.countLabel = el("div", "geomap-count", "", bar);

    L.DomEvent.on(this.slider, "input change", function () { self.stop(); self.setDay(parseInt(self.slider.value, 10)); });
    L.DomEvent.on(back, "click", function () { self.stop(); self.setDay(self.day - 1); });
    L.DomEvent.on(fwd, "click", function () { self.stop(); self.setDay(self.day + 1); });
    L.DomEvent.on(this.playButton, "click", function () { if (self.playing) { self.stop(); } else { self.play(); } });
    L.DomEvent.on(this.windowSelect, "change", function () {
      self.windowDays = parseInt(self.windowSelect.value, 10); self.setDay(self.day);
    });
    L.DomEvent.on(this.speedSelect, "change", function () {
      self.speed = parseInt(self.speedSelect.value, 10); if (self.playing) { self.stop(); self.play(); }
    });
    L.DomEvent.on(this.metricSelect, "change", function () { self.metric = self.metricSelect.value; self.setDay(self.day); });
    L.DomEvent.on(this.scaleSelect, "change", function () {
      self.fixedScale = self.scaleSelect.value === "fixed"; self.setDay(self.day);
    });
    L.DomEvent.on(this.clusterBox, "change", function () { self.points.cluster = self.clusterBox.checked; self.points._draw(); });

    if (opts.attribution && map.attributionControl) { map.attributionControl.addAttribution(opts.attribution); }
    var overlays = {};
    overlays["Incidents"] = this.points;
    overlays["Governorates (choropleth)"] = this.choropleth;
    overlays["Located to governorate only"] = this.approximate;
    overlays["Place names"] = this.labels;
    L.control.layers(opts.baseLayers || {}, overlays, {collapsed: this.narrow, position: "topright"}).addTo(map);
    this._buildLegend();  // after the layer list: on a narrow map both sit top right, the list first
  };

  Timeline.prototype._buildLegend = function () {
    var Legend = L.Control.extend({
      onAdd: function () { var box = el("div", "geomap-legend leaflet-bar"); L.DomEvent.disableClickPropagation(box); return box; }
    });
    var position = this.narrow ? "topright" : "bottomright";  // narrow: the clock needs the whole bottom edge
    var box = new Legend({position: position}).addTo(this.map).getContainer(), d = this.data;
    el("div", "geomap-legend-title", "Event type", box);
    var present = {};
    for (var i = 0; i < d.n; i++) { present[this.str("type", i)] = true; }
    Object.keys(present).sort().forEach(function (name) {
      var item = el("div", "geomap-legend-item", null, box);
      el("span", "geomap-swatch", null, item).style.background = typeColor(name);
      item.appendChild(document.createTextNode(" " + name));
    });
    var markers = el("div", "geomap-legend-markers", null, box);
    el("div", "geomap-legend-title", "Marker", markers);
    el("div", "geomap-legend-item", "● exact place · ◌ near a place · size: fatalities", markers);
    el("div", "geomap-legend-item", "▭ dashed outline: governorate-level reports", markers);
    this.scaleTitle = el("div", "geomap-legend-title", "", box);
    this.scaleBox = el("div", "geomap-scale", null, box);
  };

  Timeline.prototype._legendScale = function (top) {
    if (!this.scaleBox) { return; }
    this.scaleTitle.textContent = (this.metric === "events" ? "Incidents" : "Fatalities") + " per governorate in window";
    this.scaleBox.textContent = "";
    var previous = 0;
    for (var c = 0; c < SCALE.length; c++) {
      // Class c holds values v with sqrt(v / top) in ((c-1)/(n-1), c/(n-1)]: see _styleChoropleth.
      var hi = c === 0 ? 0 : Math.floor(top * Math.pow(c / (SCALE.length - 1), 2) + 1e-9);
      if (c > 0 && hi <= previous) { continue; }
      var item = el("div", "geomap-legend-item", null, this.scaleBox);
      el("span", "geomap-swatch geomap-square", null, item).style.background = SCALE[c];
      var label = c === 0 ? "0" : (previous + 1 === hi ? String(hi) : (previous + 1) + "–" + hi);
      item.appendChild(document.createTextNode(" " + label));
      previous = hi;
    }
  };

  Timeline.prototype._updateControls = function (shown, total) {
    if (!this.slider) { return; }
    this.slider.value = String(this.day);
    this.dateLabel.textContent = isoDay(this.t0, this.day);
    this.countLabel.textContent = total + " incident" + (total === 1 ? "" : "s") + " in " + this.rangeLabel() +
      " (" + shown + " mapped as points)";
    // Reports placed only to a country have no point and no governorate: a link opens them.
    var national = this._approxItems && this._approxItems[-1], self = this;
    if (national && national.length) {
      this.countLabel.appendChild(document.createTextNode(" · "));
      var link = el("a", "geomap-national", national.length + " located only to a country", this.countLabel);
      link.href = "#";
      L.DomEvent.on(link, "click", function (e) {
        L.DomEvent.preventDefault(e);
        self.openPopup(self.map.getCenter(), national);
      });
    }
    this.map.getContainer().setAttribute("data-geomap-day", isoDay(this.t0, this.day));
    this.map.getContainer().setAttribute("data-geomap-visible", String(shown));
  };

  Timeline.prototype.play = function () {
    var self = this;
    if (this.day >= this.nDays - 1) { this.setDay(0); }
    this.playButton.textContent = "❚❚ Pause";
    this.playButton.setAttribute("aria-label", "Pause");
    // About 120 ticks over the whole period, but never a step longer than the window: no day is skipped.
    var stepDays = Math.max(1, Math.round(this.nDays / 120));
    if (this.windowDays > 0) { stepDays = Math.min(stepDays, this.windowDays); }
    this.playing = setInterval(function () {
      if (self.day >= self.nDays - 1) { self.stop(); return; }
      self.setDay(self.day + stepDays);
    }, 400 / this.speed);
  };

  Timeline.prototype.stop = function () {
    if (this.playing) { clearInterval(this.playing); }
    this.playing = null;
    if (this.playButton) {
      this.playButton.textContent = "▶ Play";
      this.playButton.setAttribute("aria-label", "Play");
    }
  };

  window.geomapTimeline = function (map, data, options) {
    var tl = new Timeline(map, data, options);
    window.geomapTimelines = window.geomapTimelines || [];
    window.geomapTimelines.push(tl);
    map.getContainer().setAttribute("data-geomap-ready", "1");
    return tl;
  };
})();

/* geomap: the timeline, one clock for incident points and the governorate choropleth.
 *
 * Data arrive columnar (one array per field, strings stored once), so a map of 100,000
 * incidents stays small and loads fast. A filter mask, the slider's window and the
 * histogram all work on the same arrays; points are drawn on one canvas (points.js) and
 * the choropleth is a Leaflet GeoJSON layer restyled on each tick.
 */
(function () {
  "use strict";

  var K = window.geomapKit;
  var TIME_PRECISION = {1: "", 2: " (approximate: within a week)", 3: " (approximate: month)"};
  var WINDOWS = [[1, "1 day"], [7, "7 days"], [30, "30 days"], [91, "3 months"], [365, "1 year"], [0, "cumulative"]];
  var serial = 0;

  function plural(n, word) { return K.num(n) + " " + word + (n === 1 ? "" : "s"); }

  /* Leaflet's controls sit above its popups: where a popup may go and not be hidden ([top left, bottom right]
   * insets for its auto-pan). On a wide map the right-hand panels keep their column; on a small one the top
   * buttons span the width. */
  function popupPadding(map, narrow) {
    var container = map.getContainer(), origin = container.getBoundingClientRect(), top = 10, right = 10;
    var corners = narrow ? ".leaflet-top .leaflet-control" : ".leaflet-top.leaflet-left .leaflet-control";
    container.querySelectorAll(corners).forEach(function (c) {
      top = Math.max(top, c.getBoundingClientRect().bottom - origin.top + 10);
    });
    if (!narrow) {
      container.querySelectorAll(".leaflet-right .geomap-panel").forEach(function (c) {
        right = Math.max(right, origin.right - c.getBoundingClientRect().left + 10);
      });
    }
    return [L.point(10, Math.min(top, map.getSize().y / 3)), L.point(right, 10)];
  }

  function Timeline(map, data, options) {
    this.map = map;
    this.uid = "geomap-tl" + (++serial);
    this.data = K.unpack(data);
    this.options = options;
    this.t0 = Date.parse(this.data.t0 + "T00:00:00Z");
    this.nDays = this.data.ndays;
    this.windowDays = options.window;       // 0 = cumulative
    this.metric = "events";
    this.day = options.start === null ? this.nDays - 1 : options.start;
    this.playing = null;
    this.speed = 1;
    this.fixedScale = true;
    this.filter = K.emptyFilter();
    this.keep = new Uint8Array(this.data.n).fill(1);
    this.keptCount = this.data.n;
    this._popup = null;
    this._fit();
    this._order();
    this._prepareCounts();
    this._buildLayers();
    this._buildControls();
    this._bindPointer();
    this.histogram.counts = this.dayCounts;
    this.setDay(this.day);
    this.layout.update();
  }

  Timeline.prototype._fit = function () {
    if (!this.options.bounds) { return; }
    // Leave room for the title (top left), the clock (bottom left) and the panels (right).
    var padding = K.isNarrow(this.map) ? {paddingTopLeft: [10, 50], paddingBottomRight: [10, 150]}
      : {paddingTopLeft: [20, 90], paddingBottomRight: [280, 170]};
    this.map.fitBounds(this.options.bounds, L.extend(padding, {animate: false}));
  };

  /* The text of column `k` for incident `i` ("" when it has none). */
  Timeline.prototype.str = function (k, i) {
    var col = this.data.text[k], code = col.idx[i];
    return code ? col.dict[code - 1] : "";
  };

  /* [[event type, count], ...] of some incidents, the most frequent first. */
  Timeline.prototype.typeCounts = function (items) {
    var counts = {}, self = this;
    items.forEach(function (i) { var t = self.str("type", i); counts[t] = (counts[t] || 0) + 1; });
    return Object.keys(counts).map(function (t) { return [t, counts[t]]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  };

  Timeline.prototype._order = function () {
    // Order incidents by day once; a window is then a contiguous slice.
    var d = this.data, nD = this.nDays, order = new Int32Array(d.n);
    for (var j = 0; j < order.length; j++) { order[j] = j; }
    order.sort(function (x, y) { return d.day[x] - d.day[y] || x - y; });
    this.order = order;
    this.dayStart = new Int32Array(nD + 1);
    var pos = 0;
    for (var t = 0; t <= nD; t++) {
      while (pos < order.length && d.day[order[pos]] < t) { pos++; }
      this.dayStart[t] = pos;
    }
  };

  /* Per-day counts of the kept incidents, and prefix sums per governorate: any window's total in O(governorates). */
  Timeline.prototype._prepareCounts = function () {
    var d = this.data, nA = d.admins.length, nD = this.nDays, keep = this.keep;
    this.prefix = {events: new Float64Array((nD + 1) * nA), fatalities: new Float64Array((nD + 1) * nA)};
    this.dayCounts = new Float64Array(nD);
    for (var i = 0; i < d.n; i++) {
      if (!keep[i]) { continue; }
      this.dayCounts[d.day[i]] += 1;
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
    this._max = {};
  };

  Timeline.prototype.range = function () {
    var end = this.day + 1;
    var start = this.windowDays > 0 ? Math.max(0, end - this.windowDays) : 0;
    return [start, end];
  };

  /* Whether incident i is on the map now: kept by the filter and inside the window. */
  Timeline.prototype.isShown = function (i) {
    var r = this.range(), day = this.data.day[i];
    return Boolean(this.keep[i]) && day >= r[0] && day < r[1];
  };

  Timeline.prototype.totals = function (metric) {
    var nA = this.data.admins.length, r = this.range(), p = this.prefix[metric], out = new Float64Array(nA);
    for (var k = 0; k < nA; k++) { out[k] = p[r[1] * nA + k] - p[r[0] * nA + k]; }
    return out;
  };

  Timeline.prototype.maxTotal = function (metric) {
    // The largest value any governorate reaches in any window of the current width: a stable scale.
    var key = metric + ":" + this.windowDays;
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

  /* ---------------------------------------------------------------- layers */
  Timeline.prototype._buildLayers = function () {
    var self = this, d = this.data, map = this.map;
    this.admIndex = {};
    d.admins.forEach(function (code, k) { self.admIndex[code] = k; });
    this._hoverIso = null;
    this.choropleth = L.geoJSON(this.options.polygons, {
      noClip: true,
      style: function () { return {weight: 1, color: "#555", fillOpacity: 0.65, fillColor: K.SCALE[0]}; },
      onEachFeature: function (feature, layer) {
        layer.on("mouseover", function () { self._hoverIso = feature.properties.iso; });
        layer.on("mouseout", function () { if (self._hoverIso === feature.properties.iso) { self._hoverIso = null; } });
        // Reports placed only to the governorate have no point: the governorate opens their popup.
        layer.on("click", function (e) {
          if (self.points.hit(e.containerPoint)) { return; }  // the point's own popup opens instead
          var items = self._approxItems && self._approxItems[self.admIndex[feature.properties.iso]];
          if (items && items.length) { self.openPopup(e.latlng, items); }
        });
      }
    });
    this.approximate = L.layerGroup();
    this.labels = this._buildLabels();
    this.points = new K.PointsLayer(this);
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
      var text = K.el("span", null, item[2]);
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

  /* ---------------------------------------------------------------- hover and click */
  Timeline.prototype._bindPointer = function () {
    var self = this, map = this.map;
    this.tip = L.tooltip({direction: "top", className: "geomap-tooltip", opacity: 1});
    this._tipKey = null;
    this._pointer = null;
    map.on("mousemove", function (e) { self._pointer = e.containerPoint; self._hover(); });
    map.on("mouseout zoomstart movestart", function () { self._pointer = null; self._hover(); });
    map.on("click", function (e) { self._click(e.containerPoint); });
  };

  /* One tooltip: the point's (or cluster's) under the pointer, else the governorate's. */
  Timeline.prototype._hover = function () {
    var map = this.map, p = this._pointer, key = null, latlng = null, offset = [0, -8], make = null, self = this;
    var mark = p && map.hasLayer(this.points) ? this.points.hit(p) : null;
    map.getContainer().classList.toggle("geomap-over-point", Boolean(mark));
    var below = p && p.y < map.getSize().y / 3;  // near the top edge the tooltip opens downwards
    if (mark) {
      key = "p" + mark.items.join(",");
      latlng = map.containerPointToLatLng([mark.x, mark.y]);
      below = mark.y < map.getSize().y / 3;
      offset = [0, below ? mark.r : -mark.r];
      make = function () { return self.pointTip(mark); };
    } else if (p && this._hoverIso && map.hasLayer(this.choropleth)) {
      var iso = this._hoverIso, name = "";
      this.choropleth.eachLayer(function (l) { if (l.feature.properties.iso === iso) { name = l.feature.properties.name; } });
      key = "g" + iso;
      latlng = map.containerPointToLatLng(p);
      make = function () { return self.tooltipFor(iso, name); };
    }
    if (!key) {
      this._tipKey = null;
      if (map.hasLayer(this.tip)) { map.closeTooltip(this.tip); }
      return;
    }
    if (!mark && below) { offset = [0, 8]; }
    this.tip.options.offset = offset;
    this.tip.options.direction = below ? "bottom" : "top";
    if (key !== this._tipKey) { this.tip.setContent(make()); this._tipKey = key; }
    this.tip.setLatLng(latlng);
    if (!map.hasLayer(this.tip)) { map.openTooltip(this.tip); }
  };

  Timeline.prototype._click = function (p) {
    var mark = this.map.hasLayer(this.points) ? this.points.hit(p) : null, map = this.map;
    if (!mark) { return; }
    if (mark.cluster && map.getZoom() < map.getMaxZoom() - 1) {
      map.setView(map.containerPointToLatLng([mark.x, mark.y]), map.getZoom() + 2);
      return;
    }
    this.openPopup(map.containerPointToLatLng([mark.x, mark.y]), mark.items);
  };

  Timeline.prototype.pointTip = function (mark) {
    var div = K.el("div", "geomap-tip"), d = this.data;
    if (mark.cluster) {
      K.el("strong", null, plural(mark.items.length, "incident") + " here", div);
      var counts = this.typeCounts(mark.items).map(function (tc) { return tc[0] + " " + tc[1]; });
      K.el("div", null, counts.slice(0, 3).join(" · ") + (counts.length > 3 ? " · …" : ""), div);
      var zoomable = this.map.getZoom() < this.map.getMaxZoom() - 1;
      K.el("div", "geomap-when", zoomable ? "click to zoom in" : "click to read them", div);
      return div;
    }
    var i = mark.items[0];
    K.el("strong", null, this.str("type", i) + (this.str("sub", i) ? " / " + this.str("sub", i) : ""), div);
    K.el("div", null, K.isoDay(this.t0, d.day[i]) + " · " + this.placeText(i), div);
    if (d.fat[i] > 0) { K.el("div", "geomap-fat", d.fat[i] + " killed", div); }
    K.el("div", "geomap-when", "click to read the report", div);
    return div;
  };

  Timeline.prototype.tooltipFor = function (iso, name) {
    var k = this.admIndex[iso], div = K.el("div", "geomap-tip");
    K.el("strong", null, name, div);
    if (k === undefined) { K.el("div", null, "no incidents", div); return div; }
    var ev = this.totals("events")[k], fat = this.totals("fatalities")[k];
    K.el("div", null, plural(ev, "incident") + ", " + K.num(fat) + " killed", div);
    var approx = this._approxItems && this._approxItems[k] ? this._approxItems[k].length : 0;
    if (approx) { K.el("div", "geomap-approx", approx + " located only to the governorate: click to read", div); }
    K.el("div", "geomap-when", this.rangeLabel() + (K.filterActive(this.filter) ? " · filtered" : ""), div);
    return div;
  };

  Timeline.prototype.rangeLabel = function () {
    var r = this.range();
    var a = K.isoDay(this.t0, r[0]), b = K.isoDay(this.t0, r[1] - 1);
    return a === b ? a : a + " – " + b;
  };

  /* ---------------------------------------------------------------- the clock */
  Timeline.prototype.setDay = function (day) {
    this.day = Math.max(0, Math.min(this.nDays - 1, day));
    var r = this.range(), d = this.data, visible = [], approx = {}, total = 0;
    for (var pos = this.dayStart[r[0]]; pos < this.dayStart[r[1]]; pos++) {
      var i = this.order[pos];
      if (!this.keep[i]) { continue; }
      total++;
      if (d.prec[i] >= 3) { (approx[d.adm[i]] = approx[d.adm[i]] || []).push(i); } else { visible.push(i); }
    }
    this._approxItems = approx;
    this.points.setVisible(visible);
    this._styleChoropleth();
    this._styleApproximate(approx);
    this._updateControls(visible.length, total);
    if (this.layout && this.clock.offsetHeight !== this._clockHeight) {
      this._clockHeight = this.clock.offsetHeight;  // the counts wrapped onto another line: room changed
      this.layout.update();
    }
    this.histogram.draw();
    this._refreshPopup();
    this._tipKey = null;
    this._hover();
  };

  /* Keep only what the filter `f` matches ({hidden: {type: true}, country: code, actor: text}). */
  Timeline.prototype.setFilter = function (f) {
    this.filter = {hidden: L.extend({}, f.hidden), country: f.country || "", actor: f.actor || ""};
    this.keep = K.filterMask(this.data, this.filter);
    var kept = 0;
    for (var i = 0; i < this.keep.length; i++) { kept += this.keep[i]; }
    this.keptCount = kept;
    this._prepareCounts();
    this.histogram.setCounts(this.dayCounts);
    this.setDay(this.day);
  };

  Timeline.prototype._styleChoropleth = function () {
    var totals = this.totals(this.metric), self = this;
    // A fixed scale compares periods; "this window" shows the spread within a quiet period too.
    var top = this.fixedScale ? this.maxTotal(this.metric) : Math.max.apply(null, [0].concat(Array.from(totals)));
    this.choropleth.eachLayer(function (layer) {
      var k = self.admIndex[layer.feature.properties.iso];
      var v = k === undefined ? 0 : totals[k];
      layer.setStyle({fillColor: K.SCALE[K.scaleClass(v, top)]});
      if (layer._path) { layer._path.setAttribute("data-value", String(v)); }
    });
    if (this.key) { this.key.setScale(this.metric, top); }
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

  /* ---------------------------------------------------------------- popups */
  Timeline.prototype.openPopup = function (latlng, items) {
    var map = this.map, size = map.getSize(), self = this, padding = popupPadding(map, this.layout.narrow);
    var popup = L.popup({
      maxWidth: Math.min(360, size.x - 70),  // a phone's screen holds the whole popup
      minWidth: Math.min(200, size.x - 70),
      className: "geomap-popup",
      autoPanPaddingTopLeft: padding[0],
      autoPanPaddingBottomRight: padding[1]
    }).setLatLng(latlng).setContent(this.popupFor(items));
    this._popup = {popup: popup, items: items.slice(), shown: items.length};
    popup.on("remove", function () { if (self._popup && self._popup.popup === popup) { self._popup = null; } });
    popup.openOn(map);
    if (map.hasLayer(this.tip)) { map.closeTooltip(this.tip); }
  };

  /* A popup lives as long as its incidents are on the map: it closes when they leave the window (or the
   * filter), and lists only those still shown. */
  Timeline.prototype._refreshPopup = function () {
    var state = this._popup, self = this;
    if (!state) { return; }
    var shown = state.items.filter(function (i) { return self.isShown(i); });
    if (!shown.length) {
      this._popup = null;
      this.map.closePopup(state.popup);
    } else if (shown.length !== state.shown) {
      state.shown = shown.length;
      state.popup.setContent(this.popupFor(shown));
    }
  };

  Timeline.prototype.placeText = function (i) {
    var d = this.data, place = this.str("loc", i), adm = d.adm[i] >= 0 ? d.admin_names[d.adm[i]] : "";
    if (d.prec[i] === 1) { return place + (adm && adm !== place ? ", " + adm : ""); }
    if (d.prec[i] === 2) { return "near " + place + (adm ? ", " + adm : ""); }
    return (adm || place) + " — location approximate (governorate or region only)";
  };

  Timeline.prototype.popupFor = function (items) {
    var d = this.data, root = K.el("div", "geomap-pop"), self = this;
    var str = function (k, i) { return self.str(k, i); };
    var shown = items.slice().sort(function (a, b) { return d.day[b] - d.day[a] || a - b; }).slice(0, 5);
    shown.forEach(function (i, n) {
      var box = K.el("div", "geomap-item", null, root);
      if (n > 0) { box.style.borderTop = "1px solid #ddd"; }
      var head = K.el("div", "geomap-head", null, box);
      K.el("span", "geomap-swatch", null, head).style.background = K.typeColor(str("type", i));
      K.el("strong", null, str("type", i) + (str("sub", i) ? " / " + str("sub", i) : ""), head);
      K.el("div", "geomap-date", K.isoDay(self.t0, d.day[i]) + TIME_PRECISION[d.tprec[i]], box);
      K.el("div", "geomap-place", self.placeText(i), box);
      if (d.fat[i] > 0) { K.el("div", "geomap-fat", d.fat[i] + " killed", box); }
      var a1 = str("a1", i), a2 = str("a2", i);
      if (a1 || a2) { K.el("div", "geomap-actors", a1 + (a1 && a2 ? " vs " : "") + a2, box); }
      if (str("note", i)) {
        var note = str("note", i), q = K.el("blockquote", "geomap-note", null, box);
        var ps = d.ps[i], pe = d.pe[i];
        if (ps >= 0 && pe > ps && pe <= note.length) {
          q.appendChild(document.createTextNode(note.slice(0, ps)));
          K.el("mark", null, note.slice(ps, pe), q);
          q.appendChild(document.createTextNode(note.slice(pe)));
        } else {
          q.textContent = note;
        }
      }
      if (str("src", i)) { K.el("div", "geomap-src", "Source: " + str("src", i), box); }
    });
    if (items.length > shown.length) {
      K.el("div", "geomap-more", "+ " + (items.length - shown.length) + " more here: zoom in to separate them", root);
    }
    return root;
  };

  /* ---------------------------------------------------------------- controls */
  Timeline.prototype._buildControls = function () {
    var map = this.map, opts = this.options;
    var head = this.head = K.panel(map, "topleft", "geomap-title");
    K.el("div", "geomap-title-main", opts.title, head);
    if (opts.subtitle) { K.el("div", "geomap-subtitle", opts.subtitle, head); }
    this._buildClock();
    if (opts.attribution && map.attributionControl) { map.attributionControl.addAttribution(opts.attribution); }
    var overlays = {};
    overlays["Incidents"] = this.points;
    overlays["Governorates (choropleth)"] = this.choropleth;
    overlays["Located to governorate only"] = this.approximate;
    overlays["Place names"] = this.labels;
    // The layer list opens from its button (hover or tap): the filter below it matters more to a reader.
    var narrow = K.isNarrow(map);
    this.layers = L.control.layers(opts.baseLayers || {}, overlays, {collapsed: true, position: "topright"}).addTo(map);
    var filter = K.foldable(map, "topright", "geomap-filter", "Filter");
    this.filterPanel = new K.FilterPanel(this, filter.body);
    var key = K.foldable(map, narrow ? "topright" : "bottomright", "geomap-legend", "Key");
    this.key = new K.Key(this, key.body);
    this.layout = new K.Layout(this, {filter: filter, key: key, options: this.optionsFold});
  };

  Timeline.prototype._buildClock = function () {
    var self = this, bar = K.panel(this.map, "bottomleft", "geomap-clock");
    this.clock = bar;
    var row = K.el("div", "geomap-row", null, bar);
    this.playButton = K.button("geomap-play", "▶ Play", "Play", row);
    var back = K.button("geomap-step", "◀", "One day back", row);
    var fwd = K.button("geomap-step", "▶", "One day forward", row);
    this.dateLabel = K.el("span", "geomap-datelabel", "", row);
    var optionsToggle = K.button("geomap-options-toggle", "Options", "Window, speed, colours", row);
    this.slider = K.el("input", "geomap-slider", null, bar);
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.max = String(this.nDays - 1);
    this.slider.step = "1";
    this.slider.setAttribute("aria-label", "Date");
    this.histogram = new K.Histogram(this, bar);
    var options = K.el("div", "geomap-row geomap-options", null, bar);
    this.optionsFold = K.fold(bar, optionsToggle, options);
    this._buildOptions(options);
    this.countLabel = K.el("div", "geomap-count", "", bar);

    L.DomEvent.on(this.slider, "input change", function () { self.stop(); self.setDay(parseInt(self.slider.value, 10)); });
    L.DomEvent.on(back, "click", function () { self.stop(); self.setDay(self.day - 1); });
    L.DomEvent.on(fwd, "click", function () { self.stop(); self.setDay(self.day + 1); });
    L.DomEvent.on(this.playButton, "click", function () { if (self.playing) { self.stop(); } else { self.play(); } });
  };

  function select(cls, label, choices, parent) {
    K.el("label", null, label, parent);
    var s = K.el("select", cls, null, parent);
    choices.forEach(function (c) { K.el("option", null, c[1], s).value = String(c[0]); });
    return s;
  }

  Timeline.prototype._buildOptions = function (row) {
    var self = this, windows = WINDOWS.slice();
    if (!windows.some(function (w) { return w[0] === self.windowDays; })) {
      windows.push([self.windowDays, self.windowDays + " days"]);
      windows.sort(function (a, b) { return (a[0] || Infinity) - (b[0] || Infinity); });
    }
    this.windowSelect = select("geomap-window", "Window", windows, row);
    this.windowSelect.value = String(this.windowDays);
    this.speedSelect = select("geomap-speed", "Speed", [1, 2, 4, 8, 16, 32].map(function (s) { return [s, s + "×"]; }), row);
    this.metricSelect = select("geomap-metric", "Colour by", [["events", "incidents"], ["fatalities", "fatalities"]], row);
    var clusterLabel = K.el("label", "geomap-cluster", null, row);
    this.clusterBox = K.el("input", null, null, clusterLabel);
    this.clusterBox.type = "checkbox";
    this.clusterBox.checked = true;
    clusterLabel.appendChild(document.createTextNode(" cluster"));
    this.scaleSelect = select("geomap-scale-mode", "Scale", [["fixed", "whole period"], ["window", "this window"]], row);

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
    L.DomEvent.on(this.clusterBox, "change", function () { self.points.setCluster(self.clusterBox.checked); });
  };

  Timeline.prototype._updateControls = function (shown, total) {
    var self = this, container = this.map.getContainer();
    this.slider.value = String(this.day);
    this.dateLabel.textContent = K.isoDay(this.t0, this.day);
    var filtered = K.filterActive(this.filter);
    this.countLabel.textContent = (filtered ? "Filtered: " : "") + plural(total, "incident") + " in " +
      this.rangeLabel() + " (" + K.num(shown) + " mapped as points)";
    // Reports placed only to a country have no point and no governorate: a link opens them.
    var national = this._approxItems && this._approxItems[-1];
    if (national && national.length) {
      this.countLabel.appendChild(document.createTextNode(" · "));
      var link = K.el("a", "geomap-national", K.num(national.length) + " located only to a country", this.countLabel);
      link.href = "#";
      L.DomEvent.on(link, "click", function (e) {
        L.DomEvent.preventDefault(e);
        self.openPopup(self.map.getCenter(), national);
      });
    }
    container.setAttribute("data-geomap-day", K.isoDay(this.t0, this.day));
    container.setAttribute("data-geomap-visible", String(shown));
    container.setAttribute("data-geomap-kept", String(this.keptCount));
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

/* geomap: the panels around the map (foldable filter and key panels, the key's contents) and the
 * layout rules that keep them off each other and off most of the map on small screens. */
(function () {
  "use strict";

  var K = window.geomapKit;
  var NARROW = 900;        // at this width and below (embeds, notebook cells, phones) panels fold away
  var SIZE_KEY = [0, 1, 10, K.RADIUS_CAP];
  var SCALE = ["#fbfbfa", "#e4e4e2", "#cacac7", "#aeaeaa", "#8d8d89", "#6b6b67"];
  K.SCALE = SCALE;         // a muted grey scale for the governorates: coloured points stay readable on top

  K.isNarrow = function (map) { return map.getSize().x <= NARROW; };

  var Control = L.Control.extend({
    onAdd: function () {
      // The same box every time: moving the control to another corner keeps its contents.
      if (!this._box) {
        this._box = K.el("div", "geomap-panel " + (this.options.className || ""));
        L.DomEvent.disableClickPropagation(this._box);
        L.DomEvent.disableScrollPropagation(this._box);
        // On touch screens Leaflet reads two quick taps anywhere in the map as a double tap and zooms: taps
        // on a panel's buttons stay in the panel.
        L.DomEvent.on(this._box, "click", L.DomEvent.stopPropagation);
      }
      return this._box;
    }
  });

  K.panel = function (map, position, className) {
    return new Control({position: position, className: className}).addTo(map).getContainer();
  };

  /* Fold `body` of `box` behind `toggle`; returns {box, body, toggle, setOpen(open), onToggle}. */
  K.fold = function (box, toggle, body) {
    var fold = {box: box, body: body, toggle: toggle, onToggle: null};
    fold.setOpen = function (open) {
      box.classList.toggle("geomap-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (fold.onToggle) { fold.onToggle(fold, open); }
    };
    L.DomEvent.on(toggle, "click", function () { fold.setOpen(!box.classList.contains("geomap-open")); });
    return fold;
  };

  /* A panel of its own that folds behind its title button; `control` can move to another corner. */
  K.foldable = function (map, position, className, title) {
    var control = new Control({position: position, className: "geomap-fold " + className}).addTo(map);
    var box = control.getContainer();
    var toggle = K.button("geomap-fold-toggle", title, null, box);
    var fold = K.fold(box, toggle, K.el("div", "geomap-fold-body", null, box));
    fold.control = control;
    return fold;
  };

  /* ---------------------------------------------------------------- the key */
  function keyCanvas(parent, width, height, paint) {
    var c = K.el("canvas", "geomap-key-mark", null, parent);
    paint(K.sizeCanvas(c, width, height), width, height);
    return c;
  }

  K.Key = function (tl, body) {
    this.tl = tl;
    var maxFat = 0, d = tl.data;
    for (var i = 0; i < d.n; i++) { maxFat = Math.max(maxFat, d.fat[i]); }
    K.el("div", "geomap-legend-title", "Size: people killed", body);
    var sizes = K.el("div", "geomap-key-sizes", null, body);
    SIZE_KEY.forEach(function (value, k) {
      if (k > 1 && value > maxFat && SIZE_KEY[k - 1] >= maxFat) { return; }  // larger than anything on this map
      var item = K.el("div", "geomap-key-size", null, sizes), r = K.radius(value), side = 2 * K.radius(K.RADIUS_CAP) + 4;
      keyCanvas(item, side, side, function (ctx) { K.paintPoint(ctx, side / 2, side / 2, r, "#777", false); });
      K.el("span", null, value === K.RADIUS_CAP ? value + "+" : String(value), item);
    });
    K.el("div", "geomap-legend-title", "Clusters", body);
    var cluster = K.el("div", "geomap-key-row", null, body);
    keyCanvas(cluster, 44, 44, function (ctx) { K.paintCluster(ctx, 22, 22, 12, "#999"); });
    K.el("span", null, "12 incidents close together; the ring: their most frequent type. Click to zoom in.",
      cluster);
    K.el("div", "geomap-legend-title", "Where", body);
    var shapes = [
      ["exact place", function (ctx) { K.paintPoint(ctx, 10, 10, 6, "#777", false); }],
      ["near a place", function (ctx) { K.paintPoint(ctx, 10, 10, 6, "#777", true); }],
      ["governorate only", function (ctx) {
        ctx.setLineDash([4, 3]); ctx.lineWidth = 2; ctx.strokeStyle = "#222"; ctx.strokeRect(2, 4, 16, 12);
      }]
    ];
    var row = K.el("div", "geomap-key-shapes", null, body);
    shapes.forEach(function (s) {
      var item = K.el("div", "geomap-key-row", null, row);
      keyCanvas(item, 20, 20, s[1]);
      K.el("span", null, s[0], item);
    });
    this.scaleTitle = K.el("div", "geomap-legend-title", "", body);
    this.scaleBox = K.el("div", "geomap-scale", null, body);
  };

  /* The choropleth classes: class c holds values v with sqrt(v / top) in ((c-1)/(n-1), c/(n-1)]. */
  K.scaleClass = function (v, top) {
    if (v <= 0 || top <= 0) { return 0; }
    return Math.min(SCALE.length - 1, 1 + Math.floor((SCALE.length - 1) * Math.sqrt(v / top) - 1e-9));
  };

  K.Key.prototype.setScale = function (metric, top) {
    this.scaleTitle.textContent = (metric === "events" ? "Incidents" : "Killed") + " per governorate";
    this.scaleBox.textContent = "";
    var previous = 0;
    for (var c = 0; c < SCALE.length; c++) {
      var hi = c === 0 ? 0 : Math.floor(top * Math.pow(c / (SCALE.length - 1), 2) + 1e-9);
      if (c > 0 && hi <= previous) { continue; }
      var item = K.el("div", "geomap-legend-item", null, this.scaleBox);
      K.el("span", "geomap-swatch geomap-square", null, item).style.background = SCALE[c];
      var label = c === 0 ? "0" : (previous + 1 === hi ? String(hi) : (previous + 1) + "–" + hi);
      item.appendChild(document.createTextNode(" " + label));
      previous = hi;
    }
  };

  /* ---------------------------------------------------------------- layout */
  K.Layout = function (tl, folds) {
    var self = this;
    this.tl = tl;
    this.folds = folds;      // {filter, key, options}
    this.narrow = null;
    folds.filter.onToggle = folds.key.onToggle = function (fold, open) { self._toggled(fold, open); };
    folds.options.onToggle = function () { self.update(); };
    tl.map.on("resize", function () { self.update(); });
  };

  K.Layout.prototype._toggled = function (fold, open) {
    if (open && this.narrow) {
      // One panel at a time on a small map.
      var folds = this.folds;
      [folds.filter, folds.key].forEach(function (other) {
        if (other !== fold && other.box.classList.contains("geomap-open")) { other.setOpen(false); }
      });
      if (this.tl.layers) { this.tl.layers.collapse(); }
    }
    this.update();
  };

  /* Fold or unfold for the map's size, then keep every panel clear of the clock and the others. */
  K.Layout.prototype.update = function () {
    var map = this.tl.map, size = map.getSize(), container = map.getContainer(), folds = this.folds;
    var narrow = K.isNarrow(map);
    if (narrow !== this.narrow) {
      this.narrow = narrow;
      container.classList.toggle("geomap-narrow", narrow);
      folds.key.control.setPosition(narrow ? "topright" : "bottomright");  // narrow: the clock takes the bottom
      folds.filter.setOpen(!narrow);
      folds.key.setOpen(!narrow);
      folds.options.setOpen(!narrow);
    }
    container.classList.toggle("geomap-phone", size.x < 500);
    var right = container.querySelector(".leaflet-top.leaflet-right");
    this.tl.head.style.maxWidth = narrow ? Math.max(120, size.x - right.offsetWidth - 30) + "px" : "";
    this._placeClock(size);
    this._limit(size);
    this.tl.histogram.draw();
  };

  function rect(node, origin) {
    var r = node.getBoundingClientRect();
    return {left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left,
            bottom: r.bottom - origin.top, width: r.width, height: r.height};
  }

  /* The clock keeps to the bottom left, beside the key and above the credits when they would meet. */
  K.Layout.prototype._placeClock = function (size) {
    var map = this.tl.map, origin = map.getContainer().getBoundingClientRect(), clock = this.tl.clock;
    var corner = clock.parentNode, key = this.folds.key.box;
    var room = this.narrow ? size.x - 20 : size.x - rect(key, origin).width - 40;
    clock.style.maxWidth = Math.max(200, Math.min(640, room)) + "px";
    corner.style.bottom = "0px";
    var attribution = map.attributionControl && map.attributionControl.getContainer();
    if (attribution && attribution.offsetParent) {
      var a = rect(attribution, origin), c = rect(clock, origin);
      var scale = corner.querySelector(".leaflet-control-scale");
      var right = Math.max(c.right, scale ? rect(scale, origin).right : 0);
      if (right > a.left) { corner.style.bottom = Math.ceil(a.height) + "px"; }
    }
  };

  /* Open panels scroll instead of reaching the clock (or, on a wide map, the key below the filter); on a
   * small map an open panel covers at most a quarter of it. */
  K.Layout.prototype._limit = function (size) {
    var map = this.tl.map, origin = map.getContainer().getBoundingClientRect(), folds = this.folds, self = this;
    var clockTop = rect(this.tl.clock, origin).top;
    [folds.key, folds.filter].forEach(function (fold) {  // the key first: the filter stops above it
      fold.body.style.maxHeight = "";
      if (!fold.box.classList.contains("geomap-open")) { return; }
      var limit;
      if (!self.narrow && fold === folds.key) {
        limit = size.y * 0.5;
      } else {
        var floor = self.narrow ? clockTop : rect(folds.key.box, origin).top;
        limit = floor - 10 - rect(fold.body, origin).top;
        if (self.narrow) {
          var box = rect(fold.box, origin), header = rect(fold.body, origin).top - box.top;
          limit = Math.min(limit, size.x * size.y * 0.25 / Math.max(1, box.width) - header - 12);
        }
      }
      fold.body.style.maxHeight = Math.max(40, Math.floor(limit)) + "px";
    });
  };
})();

/* geomap: incident points on one canvas, clustered in screen space, with hit testing for hover and click. */
(function () {
  "use strict";

  var K = window.geomapKit;
  var CELL = 44;          // cluster grid, in screen pixels
  var CLUSTER_MIN = 4;    // fewer points in a cell are drawn one by one

  K.PointsLayer = L.Layer.extend({
    initialize: function (timeline) {
      this._tl = timeline;
      this._visible = [];
      this._marks = [];
      this.cluster = true;
    },
    onAdd: function (map) {
      this._map = map;
      // Our own pane above the choropleth's SVG (Leaflet puts canvases below SVG in a pane).
      var pane = map.getPane("geomapPoints") || map.createPane("geomapPoints");
      pane.style.zIndex = 450;
      pane.style.pointerEvents = "none";
      this._canvas = K.el("canvas", "geomap-points leaflet-layer", null, pane);
      map.on("moveend zoomend resize viewreset", this._reset, this);
      map.on("zoomstart", this._hide, this);
      this._reset();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._reset, this);
      map.off("zoomstart", this._hide, this);
      this._marks = [];
    },
    setVisible: function (indices) {
      this._visible = indices;
      if (this._map) { this._draw(); }
    },
    setCluster: function (on) {
      this.cluster = on;
      if (this._map) { this._draw(); }
    },
    /* The mark (point or cluster) drawn under a container point, or null. */
    hit: function (p) {
      var best = null, bestD = Infinity;
      for (var k = 0; k < this._marks.length; k++) {
        var mk = this._marks[k], dist = Math.sqrt((mk.x - p.x) * (mk.x - p.x) + (mk.y - p.y) * (mk.y - p.y));
        if (dist <= mk.r + 3 && dist < bestD) { best = mk; bestD = dist; }
      }
      return best;
    },
    _hide: function () { this._canvas.style.visibility = "hidden"; this._marks = []; },
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
      var map = this._map, size = map.getSize();
      L.DomUtil.setPosition(this._canvas, map.containerPointToLayerPoint([0, 0]));
      K.sizeCanvas(this._canvas, size.x, size.y);
      this._canvas.style.visibility = "visible";
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
      ctx.clearRect(0, 0, size.x, size.y);
      this._marks = [];
      var cells = {}, singles = [];
      for (var k = 0; k < vis.length; k++) {
        var i = vis[k];
        var x = this._px[i] + off[0], y = this._py[i] + off[1];
        if (x < -40 || y < -40 || x > size.x + 40 || y > size.y + 40) { continue; }
        if (!this.cluster) { singles.push([i, x, y]); continue; }
        // The grid is fixed to the world, not the screen, so panning does not regroup the points.
        var key = Math.floor(this._px[i] / CELL) + ":" + Math.floor(this._py[i] / CELL);
        (cells[key] = cells[key] || []).push([i, x, y]);
      }
      var clusters = [];
      Object.keys(cells).forEach(function (key) {
        var members = cells[key];
        if (members.length < CLUSTER_MIN) { singles.push.apply(singles, members); } else { clusters.push(members); }
      });
      // Big points first, small ones on top: none hides another completely.
      singles.sort(function (a, b) { return d.fat[b[0]] - d.fat[a[0]] || a[0] - b[0]; });
      for (var s = 0; s < singles.length; s++) { this._drawPoint(ctx, singles[s]); }
      // Clusters last: their counts stay readable over neighbouring points.
      for (var c = 0; c < clusters.length; c++) { this._drawCluster(ctx, clusters[c]); }
    },
    _drawPoint: function (ctx, item) {
      var d = this._tl.data, i = item[0], r = K.radius(d.fat[i]);
      K.paintPoint(ctx, item[1], item[2], r, K.typeColor(this._tl.str("type", i)), d.prec[i] >= 2);
      this._marks.push({x: item[1], y: item[2], r: r, items: [i]});
    },
    _drawCluster: function (ctx, members) {
      var x = 0, y = 0, items = [];
      for (var m = 0; m < members.length; m++) {
        x += members[m][1]; y += members[m][2];
        items.push(members[m][0]);
      }
      x /= members.length; y /= members.length;
      var top = this._tl.typeCounts(items)[0][0];  // the ring shows the most frequent event type
      var r = K.paintCluster(ctx, x, y, members.length, K.typeColor(top));
      this._marks.push({x: x, y: y, r: r, items: items, cluster: true});
    }
  });
})();

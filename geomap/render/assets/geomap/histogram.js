/* geomap: a small histogram of incidents over the whole period under the slider, with the current
 * window marked; a click or a drag on it moves the window. */
(function () {
  "use strict";

  var K = window.geomapKit;
  var PAD = 8;  // about half the slider's thumb: the bars line up under the slider's track
  var BAR = "#a3a3a3", IN_WINDOW = "#1f5f99", BAND = "rgba(31,95,153,0.16)";

  K.Histogram = function (timeline, parent) {
    var self = this;
    this.tl = timeline;
    this.box = K.el("div", "geomap-hist", null, parent);
    this.canvas = K.el("canvas", "geomap-hist-canvas", null, this.box);
    this.canvas.title = "Incidents per day over the whole period: click or drag to move the window";
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", "Histogram of incidents over time, with the current window marked");
    var axis = K.el("div", "geomap-hist-axis", null, this.box);
    K.el("span", null, K.isoDay(timeline.t0, 0), axis);
    K.el("span", null, K.isoDay(timeline.t0, timeline.nDays - 1), axis);
    this.counts = new Float64Array(timeline.nDays);
    this._drag = null;
    L.DomEvent.on(this.canvas, "pointerdown", function (e) { self._start(e); });
    L.DomEvent.on(this.canvas, "pointermove", function (e) { self._move(e); });
    L.DomEvent.on(this.canvas, "pointerup pointercancel", function (e) { self._end(e); });
  };

  K.Histogram.prototype.setCounts = function (perDay) {
    this.counts = perDay;
    this.draw();
  };

  /* Sum the day counts into bins of at least two pixels. */
  K.Histogram.prototype._bins = function (usable) {
    var nD = this.tl.nDays, nb = Math.max(1, Math.min(nD, Math.floor(usable / 2)));
    var bins = new Float64Array(nb);
    for (var t = 0; t < nD; t++) { bins[Math.floor(t * nb / nD)] += this.counts[t]; }
    return bins;
  };

  K.Histogram.prototype.draw = function () {
    var width = this.box.clientWidth, height = this.canvas.clientHeight || 32;
    if (!width) { return; }
    var ctx = K.sizeCanvas(this.canvas, width, height), usable = width - 2 * PAD, nD = this.tl.nDays;
    var bins = this._bins(usable), nb = bins.length, top = 0;
    for (var b = 0; b < nb; b++) { top = Math.max(top, bins[b]); }
    var r = this.tl.range(), x0 = PAD + r[0] / nD * usable, x1 = Math.max(x0 + 2, PAD + r[1] / nD * usable);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = BAND;
    ctx.fillRect(x0, 0, x1 - x0, height);
    var bw = usable / nb;
    for (var k = 0; k < nb; k++) {
      if (!bins[k]) { continue; }
      var h = Math.max(1, Math.round(bins[k] / top * (height - 3)));
      var left = PAD + k * bw, mid = left + bw / 2;
      ctx.fillStyle = mid >= x0 && mid <= x1 ? IN_WINDOW : BAR;
      ctx.fillRect(left, height - h, Math.max(1, bw - (bw >= 3 ? 1 : 0)), h);
    }
    ctx.fillStyle = IN_WINDOW;           // the slider's day: the window's last day
    ctx.fillRect(x1 - 1, 0, 2, height);
    ctx.fillStyle = "#777";
    ctx.fillRect(PAD, height - 1, usable, 1);
  };

  /* The day under a pointer's x (clamped to the period). */
  K.Histogram.prototype.dayAt = function (clientX) {
    var rect = this.canvas.getBoundingClientRect(), usable = rect.width - 2 * PAD;
    var t = Math.floor((clientX - rect.left - PAD) / usable * this.tl.nDays);
    return Math.max(0, Math.min(this.tl.nDays - 1, t));
  };

  K.Histogram.prototype._start = function (e) {
    L.DomEvent.preventDefault(e);
    var tl = this.tl, day = this.dayAt(e.clientX), r = tl.range();
    tl.stop();
    // Grabbing the window keeps the grip; a click elsewhere centres the window on that day.
    var offset = day >= r[0] && day < r[1] ? tl.day - day : (tl.windowDays > 0 ? Math.floor(tl.windowDays / 2) : 0);
    this._drag = {offset: offset, id: e.pointerId};
    if (this.canvas.setPointerCapture) { this.canvas.setPointerCapture(e.pointerId); }
    tl.setDay(day + offset);
  };

  K.Histogram.prototype._move = function (e) {
    if (!this._drag || e.pointerId !== this._drag.id) { return; }
    this.tl.setDay(this.dayAt(e.clientX) + this._drag.offset);
  };

  K.Histogram.prototype._end = function (e) {
    if (this._drag && this.canvas.releasePointerCapture && this.canvas.hasPointerCapture(e.pointerId)) {
      this.canvas.releasePointerCapture(e.pointerId);
    }
    this._drag = null;
  };
})();

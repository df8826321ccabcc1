/* geomap: filters by event type, country and actor. One mask of the incidents drives the points, the
 * choropleth, the histogram and the counts; the same matching as `geomap map --type/--country/--actor`:
 * types and countries by exact value, actor as text found in actor1 or actor2, in any case. */
(function () {
  "use strict";

  var K = window.geomapKit;
  var ACTOR_SUGGESTIONS = 40;

  K.emptyFilter = function () { return {hidden: {}, country: "", actor: ""}; };

  K.filterActive = function (f) {
    return Boolean(f.country || f.actor || Object.keys(f.hidden).some(function (t) { return f.hidden[t]; }));
  };

  /* Which dictionary entries of a text column contain `needle` (lower case). */
  function entriesWith(col, needle) {
    var out = new Uint8Array(col.dict.length + 1);
    for (var k = 0; k < col.dict.length; k++) { out[k + 1] = col.dict[k].toLowerCase().indexOf(needle) >= 0 ? 1 : 0; }
    return out;
  }

  /* 1 for each incident the filter keeps; `ignore` ("type" or "country") leaves that part out, for the
   * counts shown beside each choice. */
  K.filterMask = function (data, f, ignore) {
    var n = data.n, keep = new Uint8Array(n), T = data.text;
    var typeOk = new Uint8Array(T.type.dict.length + 1);
    for (var k = 0; k < T.type.dict.length; k++) { typeOk[k + 1] = ignore === "type" || !f.hidden[T.type.dict[k]]; }
    typeOk[0] = ignore === "type" || !f.hidden[""];
    var country = -1;  // any
    if (f.country && ignore !== "country") {
      var pos = T.cc.dict.indexOf(f.country);
      country = pos < 0 ? -2 : pos + 1;  // -2: a country with no incident, none match
    }
    var needle = f.actor.trim().toLowerCase();
    var a1 = needle ? entriesWith(T.a1, needle) : null, a2 = needle ? entriesWith(T.a2, needle) : null;
    for (var i = 0; i < n; i++) {
      var ok = typeOk[T.type.idx[i]] && (country === -1 || T.cc.idx[i] === country) &&
        (!a1 || a1[T.a1.idx[i]] || a2[T.a2.idx[i]]);
      keep[i] = ok ? 1 : 0;
    }
    return keep;
  };

  function countBy(col, keep) {
    var counts = {};
    for (var i = 0; i < keep.length; i++) {
      if (!keep[i]) { continue; }
      var name = col.idx[i] ? col.dict[col.idx[i] - 1] : "";
      counts[name] = (counts[name] || 0) + 1;
    }
    return counts;
  }

  /* The most frequent actor names, for the actor box's suggestions. */
  function topActors(data) {
    var counts = {};
    ["a1", "a2"].forEach(function (k) {
      var col = data.text[k];
      for (var i = 0; i < data.n; i++) {
        if (col.idx[i]) { var name = col.dict[col.idx[i] - 1]; counts[name] = (counts[name] || 0) + 1; }
      }
    });
    return Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); })
      .slice(0, ACTOR_SUGGESTIONS);
  }

  /* The filter panel's body: event types (with their colours), country, actor. */
  K.FilterPanel = function (tl, body) {
    var self = this, d = tl.data;
    this.tl = tl;
    this.state = K.emptyFilter();
    K.el("div", "geomap-legend-title", "Event type", body);
    this.typeBoxes = {};
    this.typeCounts = {};
    var types = d.text.type.dict.slice().sort();
    types.forEach(function (name) {
      var row = K.el("label", "geomap-filter-type", null, body);
      var box = K.el("input", null, null, row);
      box.type = "checkbox";
      box.checked = true;
      box.value = name;
      K.el("span", "geomap-swatch", null, row).style.background = K.typeColor(name);
      K.el("span", "geomap-filter-name", name, row);
      self.typeCounts[name] = K.el("span", "geomap-filter-count", "", row);
      self.typeBoxes[name] = box;
      L.DomEvent.on(box, "change", function () { self.state.hidden[name] = !box.checked; self.apply(); });
    });
    var countryRow = K.el("label", "geomap-filter-field", null, body);
    K.el("span", "geomap-legend-title", "Country", countryRow);
    this.countrySelect = K.el("select", "geomap-filter-country", null, countryRow);
    this.countries = d.text.cc.dict.slice().sort(function (a, b) {
      var x = d.country_names[a] || a, y = d.country_names[b] || b;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    [""].concat(this.countries).forEach(function (code) {
      var o = K.el("option", null, "", self.countrySelect);
      o.value = code;
    });
    L.DomEvent.on(this.countrySelect, "change", function () { self.state.country = self.countrySelect.value; self.apply(); });
    var actorRow = K.el("label", "geomap-filter-field", null, body);
    K.el("span", "geomap-legend-title", "Actor", actorRow);
    this.actorInput = K.el("input", "geomap-filter-actor", null, actorRow);
    this.actorInput.type = "search";
    this.actorInput.placeholder = "name contains…";
    this.actorInput.setAttribute("aria-label", "Actor name contains");
    var list = K.el("datalist", null, null, body);
    list.id = tl.uid + "-actors";
    topActors(d).forEach(function (name) { K.el("option", null, null, list).value = name; });
    this.actorInput.setAttribute("list", list.id);
    L.DomEvent.on(this.actorInput, "input change search", function () { self.state.actor = self.actorInput.value; self.apply(); });
    var foot = K.el("div", "geomap-filter-foot", null, body);
    this.status = K.el("span", "geomap-filter-status", "", foot);
    this.reset = K.button("geomap-filter-reset", "Show all", "Clear the filters", foot);
    L.DomEvent.on(this.reset, "click", function () { self.clear(); });
    this.refresh();
  };

  K.FilterPanel.prototype.apply = function () {
    this.tl.setFilter(this.state);
    this.refresh();
  };

  K.FilterPanel.prototype.clear = function () {
    var self = this;
    this.state = K.emptyFilter();
    Object.keys(this.typeBoxes).forEach(function (name) { self.typeBoxes[name].checked = true; });
    this.countrySelect.value = "";
    this.actorInput.value = "";
    this.apply();
  };

  /* Counts beside each choice: what choosing it would show, given the other filters. */
  K.FilterPanel.prototype.refresh = function () {
    var self = this, d = this.tl.data;
    var byType = countBy(d.text.type, K.filterMask(d, this.state, "type"));
    Object.keys(this.typeCounts).forEach(function (name) { self.typeCounts[name].textContent = K.num(byType[name] || 0); });
    var byCountry = countBy(d.text.cc, K.filterMask(d, this.state, "country")), all = 0;
    Object.keys(byCountry).forEach(function (code) { all += byCountry[code]; });
    Array.prototype.forEach.call(this.countrySelect.options, function (o) {
      var name = o.value ? (d.country_names[o.value] || o.value) : "All countries";
      o.textContent = name + " (" + K.num(o.value ? byCountry[o.value] || 0 : all) + ")";
    });
    var active = K.filterActive(this.state), kept = this.tl.keptCount;
    this.status.textContent = active ? K.num(kept) + " of " + K.num(d.n) + " incidents match"
      : "all " + K.num(d.n) + " incidents";
    this.reset.disabled = !active;
  };
})();

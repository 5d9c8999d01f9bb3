/* The public map (templates/home.html, built by culturalmap/maps/page.py with folium).

   CulturalMap.vectorLayer(name, url) makes one of the project's vector-tile layers;
   CulturalMap.start(map, layers, basemap, config) then wires the filters, the list beside the map
   ("search this area", /api/search/) and the map state in the URL, so a link reproduces the view.
   The record kinds (names, colours, marker styles, categories) come from the registry as the page's
   JSON "map-kinds", as the PNG tiles' colours do (culturalmap/maps/tiles/render.py). */
var CulturalMap = (function () {
  "use strict";

  var DENSITY = [[0, "#fff7ec"], [2, "#fee8c8"], [5, "#fdd49e"], [10, "#fdbb84"], [20, "#fc8d59"],
                 [40, "#e34a33"], [80, "#b30000"]];

  // The record kinds by layer, from the registry (culturalmap/core/records.py) via the page's JSON
  // "map-kinds": {layer: {kind, name, colour, style, categories: {code: {name, colour}}}}.
  var kindsByLayer = null;
  function kinds() {
    if (kindsByLayer === null) {
      var source = document.getElementById("map-kinds");
      kindsByLayer = source ? JSON.parse(source.textContent) : {};
    }
    return kindsByLayer;
  }
  function kindOfLayer(name) { return kinds()[name] || null; }
  function kindNamed(code) {
    var all = kinds();
    for (var layer in all) { if (all[layer].kind === code) { return all[layer]; } }
    return null;
  }

  function densityColour(d) {
    var colour = DENSITY[0][1];
    for (var i = 0; i < DENSITY.length; i++) { if (d >= DENSITY[i][0]) { colour = DENSITY[i][1]; } }
    return colour;
  }

  function clusterRadius(count) { return Math.min(8 + 8 * Math.log10(count), 26); }

  function pointStyle(colour, p, single) {
    var cluster = p.count > 1;
    return {
      radius: cluster ? clusterRadius(p.count) : single, fill: true, fillColor: colour,
      fillOpacity: cluster ? 0.8 : 1, color: "#fff", weight: cluster ? 2 : 1.5, opacity: 1
    };
  }

  // A record layer's features: points (clusters sized by their count) in their category's colour or
  // their kind's, with the kind's marker style; areas and routes in the kind's colour.
  function recordStyle(kind) {
    var style = kind.style || {};
    return function (p) {
      var category = (kind.categories || {})[p.category];
      var colour = (category && category.colour) || kind.colour;
      var s = pointStyle(colour, p, style.radius || 6);
      if (style.outline) { s.color = colour; }
      if (style.weight) { s.weight = style.weight; }
      var opacity = p.count > 1 ? style.clusterFillOpacity : style.fillOpacity;
      if (opacity !== undefined) { s.fillOpacity = opacity; }
      return s;
    };
  }

  function provinceStyle(p) {
    return { fill: true, fillColor: densityColour(p.density || 0), fillOpacity: 0.65, color: "#7a5c3e",
             weight: 0.8, opacity: 0.8 };
  }

  function layerStyle(name) {
    var kind = kindOfLayer(name);
    var style = kind ? recordStyle(kind) : provinceStyle;
    return function (p) { return style(p); };
  }

  var strings = {};
  function t(key) { return strings[key] || key; }
  function kindName(code) { var kind = kindNamed(code); return kind ? kind.name : (code || ""); }
  function categoryName(code, category) {
    var kind = kindNamed(code);
    var found = kind && (kind.categories || {})[category];
    return found ? found.name : category;
  }

  // Vector tiles whose clusters get their count written on them (a label pane above the features).
  var LabelledGrid = L.VectorGrid.Protobuf.extend({
    _getVectorTilePromise: function (coords, tile) {
      var self = this;
      return L.VectorGrid.Protobuf.prototype._getVectorTilePromise.call(this, coords, tile).then(function (vt) {
        self._labelTile(coords, vt);
        return vt;
      });
    },
    _labelTile: function (coords, vt) {
      if (!this._map) { return; }
      if (!this._map.getPane("clusterLabels")) {
        var pane = this._map.createPane("clusterLabels");
        pane.style.zIndex = 450;
        pane.style.pointerEvents = "none";
      }
      var key = this._tileCoordsToKey(coords);
      this._unlabelTile(key);
      var layer = vt.layers && vt.layers[this.options.dataLayer];
      if (!layer) { return; }
      var size = this.getTileSize(), labels = [];
      for (var i = 0; i < layer.features.length; i++) {
        var f = layer.features[i];
        if (f.type !== 1 || !(f.properties.count > 1)) { continue; }
        var g = f.geometry[0][0];
        var px = L.point(coords.x * size.x + g.x * size.x / layer.extent,
                         coords.y * size.y + g.y * size.y / layer.extent);
        var marker = L.marker(this._map.unproject(px, coords.z), {
          pane: "clusterLabels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "cluster-label", html: "<span>" + Number(f.properties.count) + "</span>",
                          iconSize: [0, 0] })
        });
        labels.push(marker.addTo(this._map));
      }
      this._labels[key] = labels;
    },
    _unlabelTile: function (key) {
      (this._labels[key] || []).forEach(function (m) { m.remove(); });
      delete this._labels[key];
    },
    onAdd: function (map) {
      this._labels = this._labels || {};
      L.VectorGrid.Protobuf.prototype.onAdd.call(this, map);
      this.on("tileunload", this._onTileUnload, this);
    },
    onRemove: function (map) {
      this.off("tileunload", this._onTileUnload, this);
      for (var key in this._labels) { this._unlabelTile(key); }
      L.VectorGrid.Protobuf.prototype.onRemove.call(this, map);
    },
    _onTileUnload: function (e) { this._unlabelTile(this._tileCoordsToKey(e.coords)); },
    // Leaflet 1.9 treats a small circle as a marker and asks it for getLatLng, which VectorGrid's
    // point symbolizer (a CircleMarker without a latlng) cannot answer: give it its real position.
    _createLayer: function (feat, pxPerExtent) {
      var layer = L.VectorGrid.Protobuf.prototype._createLayer.call(this, feat, pxPerExtent);
      if (feat.type === 1) {
        var grid = this;
        layer.getLatLng = function () {
          var c = this._renderer.getCoord(), size = grid.getTileSize();
          return grid._map.unproject(L.point(c.x * size.x, c.y * size.y).add(this._point), c.z);
        };
      }
      return layer;
    }
  });

  function vectorLayer(name, url) {
    var styles = {};
    styles[name] = layerStyle(name);
    var layer = new LabelledGrid(url, {
      rendererFactory: L.svg.tile, vectorTileLayerStyles: styles, interactive: true, dataLayer: name,
      maxNativeZoom: 18, maxZoom: 19, zIndex: name === "provinces" ? 3 : 10, attribution: ""
    });
    layer.culturalLayer = name;
    layer._labels = {};
    return layer;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in (attrs || {})) { node.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function recordName(p, language) {
    return (language === "en" && p.name_en) ? p.name_en : (p.name_th || p.name_en || "");
  }

  function start(map, layers, basemap, config) {
    var stringsEl = document.getElementById("map-strings");
    strings = stringsEl ? JSON.parse(stringsEl.textContent) : {};
    var language = config.language;
    var state = { categories: config.state.categories.slice(), province: config.state.province };
    var allCategories = [].map.call(document.querySelectorAll("input[name=category]"), function (i) {
      return i.value;
    });

    window.culturalMap = map;  // for tests and the curious
    window.culturalMapLayers = layers;

    // Clicks: a cluster zooms in, a record opens a popup linking to its page.
    Object.keys(layers).forEach(function (name) {
      layers[name].on("click", function (e) {
        var feature = e.propagatedFrom || e.layer;
        var p = (feature && feature.properties) || {};
        L.DomEvent.stop(e);
        if (p.count > 1) {
          map.setView(e.latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
          return;
        }
        var box = el("div", { "class": "map-popup" });
        if (name === "provinces") {
          box.appendChild(el("strong", null, recordName(p, language)));
          box.appendChild(el("div", null, t("assets") + ": " + (p.assets || 0).toLocaleString(language)));
          box.appendChild(el("div", null, t("density") + ": " + (p.density || 0).toLocaleString(language)));
          var only = el("a", { href: "#" }, t("only_province"));
          only.addEventListener("click", function (ev) {
            ev.preventDefault();
            setProvince(p.code);
            map.closePopup();
          });
          box.appendChild(only);
        } else {
          box.appendChild(el("div", { "class": "kind" }, kindName(p.kind)));
          var link = el("a", { href: p.url, "class": "record-link" }, recordName(p, language));
          box.appendChild(link);
          if (p.category) { box.appendChild(el("div", { "class": "category" }, categoryName(p.kind, p.category))); }
        }
        L.popup().setLatLng(e.latlng).setContent(box).openOn(map);
      });
    });

    // Filters: the archetypes (checkboxes) and the province apply to the tiles and to the list.
    function tileUrl(name) {
      var q = [];
      if (name === "assets" || name === "provinces") {
        if (state.categories.length) { q.push("category=" + state.categories.join(",")); }
      }
      if (state.province) { q.push("province=" + state.province); }
      return "/tiles/" + name + "/{z}/{x}/{y}.mvt" + (q.length ? "?" + q.join("&") : "");
    }

    function applyFilters() {
      Object.keys(layers).forEach(function (name) { layers[name].setUrl(tileUrl(name)); });
      var none = allCategories.length && !document.querySelector("input[name=category]:checked");
      if (none && map.hasLayer(layers.assets)) { map.removeLayer(layers.assets); }
      saveState();
      refreshList();
    }

    [].forEach.call(document.querySelectorAll("input[name=category]"), function (box) {
      box.checked = !state.categories.length || state.categories.indexOf(box.value) >= 0;
      box.addEventListener("change", function () {
        var checked = [].filter.call(document.querySelectorAll("input[name=category]"), function (i) {
          return i.checked;
        }).map(function (i) { return i.value; });
        state.categories = checked.length === allCategories.length ? [] : checked;
        if (checked.length && !map.hasLayer(layers.assets)) { map.addLayer(layers.assets); }
        applyFilters();
      });
    });

    var provinceSelect = document.getElementById("map-province");
    function fitProvince(code) {
      var box = (config.provinceBounds || {})[code];
      if (box) { map.fitBounds([[box[1], box[0]], [box[3], box[2]]]); }
    }
    function setProvince(code) {
      state.province = code || "";
      if (provinceSelect) { provinceSelect.value = state.province; }
      applyFilters();
      fitProvince(state.province);  // a chosen province comes into view
    }
    if (provinceSelect) {
      provinceSelect.value = state.province;
      provinceSelect.addEventListener("change", function () { setProvince(provinceSelect.value); });
    }
    // A link with a province but no view of its own (e.g. from a record page) opens on that province.
    if (state.province && !new URLSearchParams(window.location.search).has("lat")) { fitProvince(state.province); }

    // The map state in the URL (replaceState: panning does not fill the history).
    function visibleLayers() {
      var names = Object.keys(layers).filter(function (n) { return map.hasLayer(layers[n]); });
      if (basemap && map.hasLayer(basemap)) { names.push("basemap"); }
      return names;
    }

    function stateQuery() {
      var c = map.getCenter();
      var q = new URLSearchParams();
      q.set("lat", c.lat.toFixed(5));
      q.set("lon", c.lng.toFixed(5));
      q.set("z", String(map.getZoom()));
      q.set("layers", visibleLayers().join(","));
      if (state.categories.length) { q.set("category", state.categories.join(",")); }
      if (state.province) { q.set("province", state.province); }
      return q.toString().replace(/%2C/g, ",");
    }

    function saveState() {
      var url = window.location.pathname + "?" + stateQuery();
      window.history.replaceState(null, "", url);
      // The language switch comes back to the same view.
      [].forEach.call(document.querySelectorAll("form.lang input[name=next]"), function (i) { i.value = url; });
    }

    // The list beside the map: what is in view, from the search API.
    var list = document.getElementById("area-list");
    var countEl = document.getElementById("area-count");
    var queryBox = document.getElementById("area-q");
    var pending = null, timer = null;

    function refreshList() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(loadList, 250);
    }

    function loadList() {
      if (!list) { return; }
      var shown = Object.keys(layers).filter(function (n) {
        return kindOfLayer(n) && map.hasLayer(layers[n]);
      }).map(function (n) { return kindOfLayer(n).kind; });
      if (!shown.length) { renderList({ count: 0, results: [] }); return; }
      var b = map.getBounds();
      var q = new URLSearchParams();
      q.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) {
        return v.toFixed(5);
      }).join(","));
      q.set("kind", shown.join(","));
      // The archetype boxes narrow the assets only, as on the map; the other layers' records stay.
      if (state.categories.length) { q.set("archetype", state.categories.join(",")); }
      if (state.province) { q.set("province", state.province); }
      if (queryBox && queryBox.value.trim()) { q.set("q", queryBox.value.trim()); }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      list.setAttribute("aria-busy", "true");
      var query = q.toString();
      fetch("/api/search/?" + query, { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (r) {
          if (r.ok) { return r.json(); }
          // A 400 names what is wrong (in the page's language): show that, not a generic failure.
          return r.json().then(function (body) { return Promise.reject({ problem: body }); },
                               function () { return Promise.reject(r.status); });
        })
        .then(function (data) { renderList(data, query); })
        .catch(function (err) {
          if (err && err.name === "AbortError") { return; }
          list.innerHTML = "";
          list.appendChild(el("li", { "class": "error" }, problemText(err && err.problem) || t("list_unavailable")));
          if (countEl) { countEl.textContent = ""; }
        })
        .finally(function () { list.removeAttribute("aria-busy"); });
    }

    function problemText(body) {
      // The API's 400: {"detail": "q: …", "errors": {"q": ["…"]}}; the messages without field names.
      if (!body || typeof body !== "object") { return ""; }
      var messages = [];
      var errors = body.errors && typeof body.errors === "object" ? body.errors : {};
      Object.keys(errors).forEach(function (key) {
        [].concat(errors[key]).forEach(function (m) { if (typeof m === "string") { messages.push(m); } });
      });
      return messages.length ? messages.join(" ") : (typeof body.detail === "string" ? body.detail : "");
    }

    function renderList(data, query) {
      list.innerHTML = "";
      if (countEl) {
        countEl.textContent = t("in_view").replace("%(n)s", (data.count || 0).toLocaleString(language));
      }
      (data.results || []).forEach(function (r) {
        var li = el("li", { "class": "kind-" + r.kind });
        var a = el("a", { href: r.url }, recordName(r, language));
        li.appendChild(a);
        var meta = [kindName(r.kind)];
        if (r.category) { meta.push(categoryName(r.kind, r.category)); }
        if (r.province) {
          var pv = r.province;
          meta.push(typeof pv === "object" ? (language === "en" ? pv.name_en : pv.name_th) || pv.code : pv);
        }
        li.appendChild(el("small", null, meta.join(" · ")));
        if (r.snippet) {
          // Why it matched: the passage holding the query's words (escaped by the API, words in <mark>).
          var snippet = el("p", { "class": "snippet" });
          snippet.innerHTML = r.snippet;
          li.appendChild(snippet);
        }
        if (r.lat !== undefined && r.lon !== undefined && r.lat !== null) {
          li.addEventListener("mouseenter", function () { highlight([r.lat, r.lon]); });
        }
        list.appendChild(li);
      });
      if (!(data.results || []).length) { list.appendChild(el("li", { "class": "empty" }, t("nothing_here"))); }
      if (query && (data.count || 0) > (data.results || []).length) {
        // The rest of the area, page by page, on the search page (same filters).
        var more = el("li", { "class": "more" });
        more.appendChild(el("a", { href: "/search/?" + query },
          t("more").replace("%(n)s", data.count.toLocaleString(language))));
        list.appendChild(more);
      }
    }

    var marker = null;
    function highlight(latlng) {
      if (marker) { marker.remove(); }
      marker = L.circleMarker(latlng, { radius: 12, color: "#000", weight: 2, fill: false, interactive: false })
        .addTo(map);
    }

    if (queryBox) {
      queryBox.addEventListener("input", refreshList);
      var form = queryBox.form;
      if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); loadList(); }); }
    }

    // The place picker: a province, district or sub-district typed (/api/places/) moves the map there.
    var placeBox = document.getElementById("map-place");
    var placeList = document.getElementById("map-place-list");
    var placeStatus = document.getElementById("map-place-status");
    var placesByLabel = {}, placeTimer = null;
    function placeLabel(p) { return language === "en" ? p.label_en : p.label_th; }
    function goToPlace(p) {
      map.fitBounds([[p.bbox[1], p.bbox[0]], [p.bbox[3], p.bbox[2]]]);
      if (placeStatus) { placeStatus.textContent = placeLabel(p); }
    }
    function lookUpPlaces(q) {
      return fetch("/api/places/?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          var found = data.results || [];
          placeList.innerHTML = "";
          placesByLabel = {};
          found.forEach(function (p) {
            placesByLabel[placeLabel(p)] = p;
            placeList.appendChild(el("option", { value: placeLabel(p) }));
          });
          if (placeStatus) { placeStatus.textContent = found.length ? "" : t("no_place"); }
          return found;
        });
    }
    if (placeBox && placeList) {
      placeBox.addEventListener("input", function () {
        var chosen = placesByLabel[placeBox.value];
        if (chosen) { goToPlace(chosen); return; }  // picked from the list
        if (placeTimer) { clearTimeout(placeTimer); }
        var q = placeBox.value.trim();
        if (q.length >= 2) { placeTimer = setTimeout(function () { lookUpPlaces(q); }, 200); }
      });
      placeBox.form.addEventListener("submit", function (e) {
        e.preventDefault();
        var q = placeBox.value.trim();
        if (placesByLabel[q]) { goToPlace(placesByLabel[q]); return; }
        if (q.length >= 2) {
          lookUpPlaces(q).then(function (found) { if (found.length) { goToPlace(found[0]); } });
        }
      });
    }

    map.on("moveend", function () { saveState(); refreshList(); });
    map.on("overlayadd overlayremove", function () { saveState(); refreshList(); });
    saveState();
    loadList();
  }

  return { vectorLayer: vectorLayer, start: start };
})();

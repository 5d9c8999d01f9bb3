/* The public map (templates/home.html, built by culturalmap/maps/page.py with folium).

   CulturalMap.start(map) reads the page's JSON "map-config" (tile URLs under their data generation,
   the record kinds from the registry: names, colours, marker shapes; the base map's look; the view)
   and draws one vector tile per place and zoom: the catalogue, holding the base map's places and one
   layer per record kind. Each tile is drawn as one SVG: land, outlines, place names, then the
   records, then the clusters' counts, each MVT layer in a group of its own, so switching a kind off
   hides its groups (no request) and a count lives and dies with its tile (never a count without its
   circle). The list beside the map ("search this area", /api/search/) asks first and is replaced
   when the view changes again; the view, the filters, the search text and the language live in the
   URL, so a link reproduces them. */
var CulturalMap = (function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var config = null;

  function readJSON(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  function t(key) { return (config.strings || {})[key] || key; }

  function kindOfLayer(name) { return config.kinds[name] || null; }

  function kindNamed(code) {
    for (var layer in config.kinds) { if (config.kinds[layer].kind === code) { return config.kinds[layer]; } }
    return null;
  }

  function kindName(code) { var kind = kindNamed(code); return kind ? kind.name : (code || ""); }

  function categoryName(code, category) {
    var kind = kindNamed(code);
    var found = kind && (kind.categories || {})[category];
    return found ? found.name : category;
  }

  function recordName(p, language) {
    return (language === "en" && p.name_en) ? p.name_en : (p.name_th || p.name_en || "");
  }

  // Styles ----------------------------------------------------------------------------------------

  function densityColour(d) {
    var classes = config.style.density, colour = classes[0][1];
    for (var i = 0; i < classes.length; i++) { if (d >= classes[i][0]) { colour = classes[i][1]; } }
    return colour;
  }

  // The PNG tiles size clusters alike (culturalmap/maps/tiles/render.py, cluster_radius).
  function clusterRadius(count) { return Math.min(8 + 8 * Math.log10(count), 26); }

  function recordStyle(kind, p) {
    var s = kind.style || {};
    var category = (kind.categories || {})[p.category];
    var colour = (category && category.colour) || kind.colour;
    var cluster = p.count > 1;
    var style = {
      radius: cluster ? clusterRadius(p.count) : (s.radius || 6), shape: s.shape || "circle",
      fill: true, fillColor: colour, fillOpacity: cluster ? 0.85 : 1, color: "#fff",
      weight: cluster ? 2 : 1.5, opacity: 1, interactive: true
    };
    if (s.shape === "ring") {
      style.fillColor = "#fff"; style.fillOpacity = 0.95; style.color = colour; style.weight = s.weight || 4;
    } else if (s.outline) {
      style.color = colour;
      if (s.weight) { style.weight = s.weight; }
    }
    var opacity = cluster ? s.clusterFillOpacity : s.fillOpacity;
    if (opacity !== undefined) { style.fillOpacity = opacity; }
    style.textColour = config.style.textOn[style.fillColor] || (style.fillColor === "#fff" ? "#000" : "#fff");
    return style;
  }

  function placeStyle(layer, p) {
    var look = config.style;
    if (layer === "land") {
      return { fill: true, fillColor: look.land, fillOpacity: 1, stroke: false, interactive: false };
    }
    if (layer === "boundaries") {
      var b = look.boundaries[String(p.level)] || look.boundaries["1"];
      return { fill: false, color: b.colour, weight: b.weight, dashArray: b.dash || null, opacity: 1,
               interactive: false };
    }
    return null;
  }

  function provinceStyle(p) {
    return { fill: true, fillColor: densityColour(p.density || 0), fillOpacity: 0.7,
             color: config.style.densityOutline, weight: 0.8, opacity: 0.8, interactive: true };
  }

  function styleFor(layer, p) {
    var kind = kindOfLayer(layer);
    if (kind) { return recordStyle(kind, p); }
    if (layer === "provinces") { return provinceStyle(p); }
    return placeStyle(layer, p);
  }

  // A marker's outline: the registry's shapes as corners around a unit radius ("map-config" shapes).
  function shapePath(shape, point, r) {
    var corners = config.shapes[shape];
    if (!corners) { return null; }
    return corners.map(function (c, i) {
      return (i ? "L" : "M") + (point.x + c[0] * r).toFixed(1) + " " + (point.y + c[1] * r).toFixed(1);
    }).join("") + "Z";
  }

  function svgText(x, y, text, className, attrs) {
    var node = document.createElementNS(SVG_NS, "text");
    node.setAttribute("x", x.toFixed(1));
    node.setAttribute("y", y.toFixed(1));
    node.setAttribute("class", className);
    for (var k in (attrs || {})) { node.setAttribute(k, attrs[k]); }
    node.textContent = text;
    return node;
  }

  // The tiles -------------------------------------------------------------------------------------

  var Tiles = L.VectorGrid.Protobuf.extend({
    initialize: function (url, options) {
      L.VectorGrid.Protobuf.prototype.initialize.call(this, url, options);
      this._fetching = {};  // tile key -> AbortController
      this._hidden = {};  // MVT layer name -> true when switched off
      this.on("tileunload", function (e) { this._abortTile(this._tileCoordsToKey(e.coords)); }, this);
    },

    // Leaflet calls this when the zoom changes: tiles of the zoom left behind stop loading, so the
    // connections they held go to what is now in view (and to the list).
    _abortLoading: function () {
      for (var key in this._tiles) {
        var tile = this._tiles[key];
        if (tile.coords.z !== this._tileZoom && !tile.loaded) {
          this._abortTile(key);
          this._removeTile(key);
        }
      }
    },

    _abortTile: function (key) {
      var fetching = this._fetching[key];
      if (fetching) { fetching.abort(); delete this._fetching[key]; }
    },

    _fetchTile: function (coords, key) {
      var controller = new AbortController(), self = this;
      this._fetching[key] = controller;
      var url = L.Util.template(this._url, { x: coords.x, y: coords.y, z: coords.z, s: "" });
      // Tiles after the list: the list's request goes first on the browser's few connections.
      return fetch(url, { signal: controller.signal, priority: "low", credentials: "same-origin" })
        .then(function (response) {
          var current = response.headers.get("X-Tile-Generation");
          if (self.options.onGeneration && current) { self.options.onGeneration(self, current); }
          if (!response.ok) { return null; }
          return response.arrayBuffer();
        })
        .then(function (buffer) {
          delete self._fetching[key];
          return buffer && buffer.byteLength ? new VectorTile(new Pbf(buffer)) : { layers: {} };
        });
    },

    createTile: function (coords, done) {
      var renderer = this.options.rendererFactory(coords, this.getTileSize(), this.options);
      var svg = renderer.getContainer(), self = this, key = this._tileCoordsToKey(coords);
      svg.setAttribute("aria-hidden", "true");  // the list beside the map is what a reader reads
      this._fetchTile(coords, key).then(function (vt) {
        if (!self._map) { return; }
        self._draw(renderer, vt);
        renderer.addTo(self._map);
        L.Util.requestAnimFrame(done.bind(coords, null, svg));
      }, function (error) {
        delete self._fetching[key];
        if (error && error.name === "AbortError") { return; }  // a tile no longer wanted
        done(error, svg);
      });
      return svg;
    },

    _group: function (root, name, className) {
      var group = document.createElementNS(SVG_NS, "g");
      group.setAttribute("data-layer", name);
      if (className) { group.setAttribute("class", className); }
      if (this._hidden[name]) { group.style.display = "none"; }
      root.appendChild(group);
      return group;
    },

    _draw: function (renderer, vt) {
      var root = renderer._rootGroup, counts = [];
      for (var name in vt.layers) {
        var layer = vt.layers[name], group = this._group(root, name, "mvt-layer");
        var pxPerExtent = this.getTileSize().divideBy(layer.extent);
        for (var i = 0; i < layer.length; i++) {
          var feature = layer.feature(i);
          feature.geometry = feature.loadGeometry();
          if (name === "place_labels") { this._placeLabel(group, feature, pxPerExtent); continue; }
          var style = styleFor(name, feature.properties);
          if (!style) { continue; }
          var drawn = this._drawFeature(renderer, group, name, feature, pxPerExtent, style);
          if (feature.type === 1 && feature.properties.count > 1) {
            counts.push([name, drawn._point, feature.properties.count, style.textColour]);
          }
        }
      }
      renderer._rootGroup = root;
      // The counts over every marker of the tile, each with its layer (switched off with it).
      var countGroups = {};
      counts.forEach(function (c) {
        var group = countGroups[c[0]] || (countGroups[c[0]] = this._group(root, c[0], "cluster-counts"));
        var halo = c[3] === "#000000" ? "#ffffff" : "#000000";
        group.appendChild(svgText(c[1].x, c[1].y, Number(c[2]).toLocaleString(config.language), "cluster-count",
          { fill: c[3], stroke: halo }));
      }, this);
    },

    _drawFeature: function (renderer, group, name, feature, pxPerExtent, style) {
      var symbol = this._createLayer(feature, pxPerExtent);
      var options = L.extend({}, L.Path.prototype.options, style);
      renderer._rootGroup = group;
      symbol.render(renderer, options);
      if (feature.type === 1) {
        var d = shapePath(style.shape, symbol._point, style.radius);
        if (d) { symbol._path.setAttribute("d", d); }
        // Leaflet asks a small circle for its position: the point's, in the map.
        var grid = this;
        symbol.getLatLng = function () {
          var size = grid.getTileSize();
          var origin = L.point(renderer.getCoord().x * size.x, renderer.getCoord().y * size.y);
          return grid._map.unproject(origin.add(this._point), renderer.getCoord().z);
        };
      }
      if (style.interactive) {
        renderer._addPath(symbol);
        symbol.makeInteractive();
        symbol.mvtLayer = name;
      } else {
        group.appendChild(symbol._path);
        delete renderer._layers[L.stamp(symbol)];  // the base map takes no clicks
      }
      return symbol;
    },

    _placeLabel: function (group, feature, pxPerExtent) {
      var p = feature.properties, point = L.point(feature.geometry[0][0]).scaleBy(pxPerExtent);
      var look = config.style.labels[String(p.level)] || { size: 11, weight: "normal" };
      var name = (config.language === "en" && p.name_en) ? p.name_en : p.name_th;
      group.appendChild(svgText(point.x, point.y, name, "place-label level-" + p.level, {
        "font-size": look.size, "font-weight": look.weight, fill: config.style.labelColour,
        stroke: config.style.labelHalo
      }));
    },

    // Switching an MVT layer off and on: its groups in every tile, and in tiles drawn later.
    setLayerHidden: function (name, hidden) {
      this._hidden[name] = hidden;
      var groups = this._container ? this._container.querySelectorAll('g[data-layer="' + name + '"]') : [];
      [].forEach.call(groups, function (g) { g.style.display = hidden ? "none" : ""; });
    }
  });

  function tiles(url, options) {
    return new Tiles(url, L.extend({
      rendererFactory: L.svg.tile, interactive: true, maxNativeZoom: config.maxNativeZoom,
      maxZoom: config.maxNativeZoom, attribution: "",
      bounds: L.latLngBounds([config.bounds[1], config.bounds[0]], [config.bounds[3], config.bounds[2]])
    }, options));
  }

  // The page --------------------------------------------------------------------------------------

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in (attrs || {})) { node.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function start(map) {
    config = readJSON("map-config");
    config.strings = readJSON("map-strings") || {};
    var language = config.language;
    var state = {
      categories: config.state.categories.slice(), province: config.state.province,
      layers: config.state.layers.slice(), basemap: config.state.basemap
    };
    var allCategories = [].map.call(document.querySelectorAll("input[name=category]"), function (i) {
      return i.value;
    });
    map.getContainer().style.background = config.style.background;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(config.attribution);

    // The third-party base map (only when configured) lies under the catalogue; our land is then off.
    var external = null;
    if (config.basemap.url) {
      external = L.tileLayer(config.basemap.url, { attribution: config.basemap.attribution, maxZoom: 19, zIndex: 1 });
    }

    function tileUrl(name) {
      var template = config.tiles[name], q = [];
      var path = template.split("?")[0];
      var found = kindOfLayer("assets");
      if (state.categories.length) {
        // The archetypes narrow the assets (and the province density counts), nothing else.
        var codes = state.categories.filter(function (c) { return found && c in found.categories; });
        if (codes.length) { q.push("category=" + codes.join(",")); }
      }
      if (state.province && name !== "provinces") { q.push("province=" + state.province); }
      if (config.exact && name !== "provinces") { q.push("exact=1"); }
      return path + (q.length ? "?" + q.join("&") : "");
    }

    // A newer data generation seen on a tile's answer: ask for that generation's tiles from now on.
    function onGeneration(layer, current) {
      var name = layer === density ? "provinces" : "catalogue";
      var parts = config.tiles[name].split("/");
      if (parts[3] === current) { return; }
      parts[3] = current;
      config.tiles[name] = parts.join("/");
      layer.setUrl(tileUrl(name));
    }

    var catalogue = tiles(tileUrl("catalogue"), { zIndex: 10, onGeneration: onGeneration });
    var density = tiles(tileUrl("provinces"), { zIndex: 5, onGeneration: onGeneration });
    window.culturalMap = map;  // for tests and the curious
    window.culturalMapTiles = catalogue;

    function shown(name) { return state.layers.indexOf(name) >= 0; }

    function applyLayers() {
      config.recordLayers.forEach(function (name) { catalogue.setLayerHidden(name, !shown(name)); });
      var assetsOff = allCategories.length && !document.querySelector("input[name=category]:checked");
      if (assetsOff) { catalogue.setLayerHidden("assets", true); }
      if (shown("provinces") && !map.hasLayer(density)) { density.addTo(map); }
      if (!shown("provinces") && map.hasLayer(density)) { map.removeLayer(density); }
      if (external) {
        if (state.basemap && !map.hasLayer(external)) { external.addTo(map); }
        if (!state.basemap && map.hasLayer(external)) { map.removeLayer(external); }
        catalogue.setLayerHidden("land", state.basemap);
      }
      var legend = document.getElementById("density-legend");
      if (legend) { legend.hidden = !shown("provinces"); }
    }

    config.recordLayers.forEach(function (name) { catalogue.setLayerHidden(name, !shown(name)); });
    catalogue.addTo(map);
    applyLayers();

    // Clicks: a cluster zooms in, a record opens a popup linking to its page.
    function onClick(e) {
      var feature = e.propagatedFrom || e.layer;
      var p = (feature && feature.properties) || {};
      L.DomEvent.stop(e);
      if (p.count > 1) {
        map.setView(e.latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
        return;
      }
      var box = el("div", { "class": "map-popup" });
      if (p.kind === "province") {
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
        box.appendChild(el("a", { href: p.url, "class": "record-link" }, recordName(p, language)));
        if (p.category) { box.appendChild(el("div", { "class": "category" }, categoryName(p.kind, p.category))); }
      }
      L.popup().setLatLng(e.latlng).setContent(box).openOn(map);
    }
    catalogue.on("click", onClick);
    density.on("click", onClick);

    // The layers panel: a kind (or the province density, or the third-party base map) on and off.
    [].forEach.call(document.querySelectorAll("input[name=layer]"), function (box) {
      box.checked = box.value === "basemap" ? state.basemap : shown(box.value);
      box.addEventListener("change", function () {
        if (box.value === "basemap") {
          state.basemap = box.checked;
        } else if (box.checked && !shown(box.value)) {
          state.layers.push(box.value);
        } else if (!box.checked) {
          state.layers = state.layers.filter(function (n) { return n !== box.value; });
        }
        applyLayers();
        saveState();
        refreshList(0);
      });
    });
    // Open beside a wide map, folded on a phone's (where it would cover the map).
    var panel = document.getElementById("map-layers");
    if (panel && window.matchMedia("(min-width: 701px)").matches) { panel.open = true; }

    // Filters: the archetypes (checkboxes) and the province apply to the tiles and to the list.
    function applyFilters() {
      catalogue.setUrl(tileUrl("catalogue"));
      density.setUrl(tileUrl("provinces"));
      applyLayers();
      saveState();
      refreshList(0);
    }

    [].forEach.call(document.querySelectorAll("input[name=category]"), function (box) {
      box.checked = !state.categories.length || state.categories.indexOf(box.value) >= 0;
      box.addEventListener("change", function () {
        var checked = [].filter.call(document.querySelectorAll("input[name=category]"), function (i) {
          return i.checked;
        }).map(function (i) { return i.value; });
        state.categories = checked.length === allCategories.length ? [] : checked;
        if (checked.length && !shown("assets")) {  // an archetype ticked shows the assets again
          state.layers.push("assets");
          var assets = document.querySelector("input[name=layer][value=assets]");
          if (assets) { assets.checked = true; }
        }
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
    // A link with a province but no view of its own (e.g. from a record page) opens on that province;
    // with no view at all the map opens on the whole country, whatever the screen.
    var hasView = new URLSearchParams(window.location.search).has("lat");
    if (state.province && !hasView) {
      fitProvince(state.province);
    } else if (!hasView) {
      map.fitBounds([[config.bounds[1], config.bounds[0]], [config.bounds[3], config.bounds[2]]]);
    }

    // The view in the URL (replaceState: panning does not fill the history), with the list's search
    // text and, for an English page, the language: a shared link opens the same view in the same words.
    var queryBox = document.getElementById("area-q");
    if (queryBox && config.state.q) { queryBox.value = config.state.q; }

    function visibleLayers() {
      var names = state.layers.slice();
      if (external && state.basemap) { names.push("basemap"); }
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
      if (queryBox && queryBox.value.trim()) { q.set("q", queryBox.value.trim()); }
      if (language !== "th") { q.set("lang", language); }
      return q.toString().replace(/%2C/g, ",");
    }

    function saveState() {
      var query = stateQuery();
      window.history.replaceState(null, "", window.location.pathname + "?" + query);
      // The language switch comes back to the same view (in the language chosen, not this one).
      var next = window.location.pathname + "?" + query.replace(/(^|&)lang=[^&]*/, "");
      [].forEach.call(document.querySelectorAll("form.lang input[name=next]"), function (i) { i.value = next; });
      [].forEach.call(document.querySelectorAll("link[rel=alternate][hreflang]"), function (link) {
        var lang = link.getAttribute("hreflang");
        var q = new URLSearchParams(query);
        q.delete("lang");
        if (lang !== "x-default") { q.set("lang", lang); }
        link.href = window.location.origin + window.location.pathname + "?" + q.toString().replace(/%2C/g, ",");
      });
    }

    // The list beside the map: what is in view, from the search API. It asks as soon as the view
    // settles, at a higher priority than the tiles, and one question at a time: a newer view
    // cancels the question before it, and only the latest answer is shown (replacing the list).
    var list = document.getElementById("area-list");
    var countEl = document.getElementById("area-count");
    var loadingEl = document.getElementById("area-loading");
    var pending = null, timer = null, asked = 0;

    function refreshList(delay) {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(loadList, delay);
    }

    function setLoading(on) {
      if (on) { list.setAttribute("aria-busy", "true"); } else { list.removeAttribute("aria-busy"); }
      if (loadingEl) { loadingEl.hidden = !on; }
    }

    function listQuery() {
      var kinds = state.layers.filter(function (n) { return kindOfLayer(n); }).map(function (n) {
        return kindOfLayer(n).kind;
      });
      if (!document.querySelector("input[name=category]:checked") && allCategories.length) {
        kinds = kinds.filter(function (k) { return k !== "asset"; });
      }
      if (!kinds.length) { return null; }
      var b = map.getBounds();
      var q = new URLSearchParams();
      q.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) {
        return v.toFixed(5);
      }).join(","));
      q.set("kind", kinds.join(","));
      // The archetype boxes narrow the assets only, as on the map; the other layers' records stay.
      if (state.categories.length) { q.set("archetype", state.categories.join(",")); }
      if (state.province) { q.set("province", state.province); }
      if (queryBox && queryBox.value.trim()) { q.set("q", queryBox.value.trim()); }
      q.set("facets", "0"); // the list shows none: not counted
      return q.toString();
    }

    function loadList() {
      if (!list) { return; }
      var query = listQuery();
      if (pending) { pending.abort(); pending = null; }
      if (query === null) { renderList({ count: 0, results: [] }, null); return; }
      var mine = ++asked;
      var controller = new AbortController();
      pending = controller;
      setLoading(true);
      fetch("/api/search/?" + query, {
        signal: controller.signal, priority: "high", headers: { Accept: "application/json" }
      })
        .then(function (r) {
          if (r.ok) { return r.json(); }
          // A 400 names what is wrong (in the page's language): show that, not a generic failure.
          return r.json().then(function (body) { return Promise.reject({ problem: body }); },
                               function () { return Promise.reject(r.status); });
        })
        .then(function (data) { if (mine === asked) { renderList(data, query); } })
        .catch(function (err) {
          if ((err && err.name === "AbortError") || mine !== asked) { return; }
          list.innerHTML = "";
          list.appendChild(el("li", { "class": "error" }, problemText(err && err.problem) || t("list_unavailable")));
          if (countEl) { countEl.textContent = ""; }
        })
        .finally(function () { if (mine === asked) { pending = null; setLoading(false); } });
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
      list.setAttribute("data-query", query || "");
      if (countEl) {
        countEl.textContent = t("in_view").replace("%(n)s", (data.count || 0).toLocaleString(language));
      }
      (data.results || []).forEach(function (r) {
        var li = el("li", { "class": "kind-" + r.kind });
        li.appendChild(el("a", { href: r.url }, recordName(r, language)));
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
      queryBox.addEventListener("input", function () { saveState(); refreshList(250); });
      var form = queryBox.form;
      if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); refreshList(0); }); }
    }

    placePicker(map, language);

    map.on("moveend", function () { refreshList(0); saveState(); });
    saveState();
    loadList();
  }

  // The place picker: a province, district or sub-district typed (/api/places/) moves the map there.
  function placePicker(map, language) {
    var placeBox = document.getElementById("map-place");
    var placeList = document.getElementById("map-place-list");
    var placeStatus = document.getElementById("map-place-status");
    if (!placeBox || !placeList) { return; }
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

  return { start: start };
})();

/* Learning-city pages: the city's (or province's) outline and its learning spaces on a Leaflet map,
   over the project's own province tiles and the configured base map (basemap.js). Data comes from
   the page (json_script "lc-map-data"). */
(function () {
  "use strict";
  var holder = document.getElementById("lc-map");
  var source = document.getElementById("lc-map-data");
  if (!holder || !source || !window.L) { return; }
  var data = JSON.parse(source.textContent);
  var map = L.map(holder, { scrollWheelZoom: false });
  CulturalMapBase(map);
  var outline = L.geoJSON(data.outline, {
    style: { color: "#6b1d1d", weight: 1.5, fillColor: "#f3e9dc", fillOpacity: 0.6 },
    interactive: false
  }).addTo(map);
  var colours = { learning_route: "#1d4f6b", co_learning_space: "#b5542a" };

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  var spaces = L.geoJSON(data.spaces, {
    style: function (feature) {
      return { color: colours[feature.properties.space_type] || "#2a7b3b", weight: 4, fillOpacity: 0.35 };
    },
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, {
        radius: 8, color: "#fff", weight: 2, fillOpacity: 0.9,
        fillColor: colours[feature.properties.space_type] || "#2a7b3b"
      });
    },
    onEachFeature: function (feature, layer) {
      var p = feature.properties;
      var name = (document.documentElement.lang === "en" && p.name_en) ? p.name_en : p.name_th;
      var html = '<a href="' + escapeHtml(p.url) + '">' + escapeHtml(name) + "</a><br>" +
        escapeHtml(p.space_type_label) + (p.opening_hours ? "<br>" + escapeHtml(p.opening_hours) : "");
      layer.bindPopup(html);
      layer.bindTooltip(name);
      if (layer.getElement) { layer.on("add", function () { var el = layer.getElement(); if (el) { el.setAttribute("data-code", p.code); } }); }
    }
  }).addTo(map);
  var bounds = spaces.getLayers().length ? spaces.getBounds() : outline.getBounds();
  if (spaces.getLayers().length === 1 && data.spaces.features[0].geometry.type === "Point") {
    map.setView(bounds.getCenter(), 15);
  } else if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
  } else if (data.centre) {
    map.setView(data.centre, 12);
  }
  L.control.scale({ imperial: false }).addTo(map);
  window.learningCityMap = { map: map, spaces: spaces };
})();

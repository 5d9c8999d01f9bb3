/* A record page's small map: the record's geometry over the project's own province tiles
   (and the configured base map, when there is one). Config: #record-map-config. */
(function () {
  "use strict";
  var el = document.getElementById("record-map");
  var cfgEl = document.getElementById("record-map-config");
  if (!el || !cfgEl || !window.L) { return; }
  var cfg = JSON.parse(cfgEl.textContent);
  var map = L.map(el, { scrollWheelZoom: false, attributionControl: true });
  CulturalMapBase(map);
  var colour = "#6b1d1d";
  var shape;
  if (cfg.generalised && cfg.geometry.type === "Point") {
    // Only the grid cell is known to the public: draw an area, not a pin.
    var c = cfg.geometry.coordinates;
    map.setView([c[1], c[0]], 12);
    L.circle([c[1], c[0]], { radius: 3000, color: colour, dashArray: "4 4", fillOpacity: 0.15 }).addTo(map);
    return;
  } else {
    shape = L.geoJSON(cfg.geometry, {
      style: { color: colour, weight: 2, fillOpacity: 0.2 },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 8, color: "#fff", weight: 2, fillColor: colour, fillOpacity: 1 });
      }
    });
  }
  shape.addTo(map);
  var bounds = shape.getBounds();
  if (bounds.isValid() && !bounds.getNorthEast().equals(bounds.getSouthWest())) {
    map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
  } else {
    map.setView(bounds.getCenter(), 14);
  }
})();

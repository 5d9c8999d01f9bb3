/* The learning-space form's map: draw a point, an area or (for a learning route) a line with the
   vendored Leaflet.draw, or drag the point; the form's hidden "geom" field holds the GeoJSON. */
(function () {
  "use strict";
  var holder = document.getElementById("lc-edit-map");
  var source = document.getElementById("lc-map-data");
  var input = document.getElementById("id_geom");
  var typeSelect = document.getElementById("id_space_type");
  var summary = document.getElementById("lc-geom-summary");
  if (!holder || !source || !input || !window.L || !L.Control.Draw) { return; }
  var data = JSON.parse(source.textContent);
  var map = L.map(holder);
  CulturalMapBase(map);  // streets to place a space by, when a base map is set
  L.geoJSON(data.outline, {
    style: { color: "#6b1d1d", weight: 1.5, fillColor: "#f3e9dc", fillOpacity: 0.5 }, interactive: false
  }).addTo(map);
  var drawn = L.featureGroup().addTo(map);

  if (data.current) {
    // Someone saved a newer version meanwhile: show where it is now, beside this form's drawing.
    L.geoJSON(data.current, {
      style: { color: "#555", weight: 3, dashArray: "6 6", fillOpacity: 0.1 },
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 10, color: "#555", dashArray: "4 4" }); }
    }).bindTooltip(holder.getAttribute("data-current-label") || "", { permanent: true }).addTo(map);
  }

  function layerOf() { return drawn.getLayers()[0] || null; }

  function describe(geometry) {
    if (!geometry) { return holder.getAttribute("data-empty-label") || ""; }
    if (geometry.type === "Point") {
      return geometry.coordinates[1].toFixed(5) + ", " + geometry.coordinates[0].toFixed(5);
    }
    return geometry.type;
  }

  function sync() {
    var layer = layerOf();
    var geometry = layer ? layer.toGeoJSON().geometry : null;
    input.value = geometry ? JSON.stringify(geometry) : "";
    if (summary) { summary.textContent = describe(geometry); }
  }

  function adopt(layer) {
    if (layer instanceof L.Marker) {
      layer.options.draggable = true;
      if (layer.dragging) { layer.dragging.enable(); }
      layer.on("dragend", sync);
    }
    drawn.addLayer(layer);
  }

  function setGeometry(geometry) {
    drawn.clearLayers();
    if (geometry) {
      L.geoJSON(geometry).eachLayer(adopt);
    }
    sync();
  }

  var control = null;
  function buildControl() {
    if (control) { map.removeControl(control); }
    var route = typeSelect && typeSelect.value === "learning_route";
    control = new L.Control.Draw({
      edit: { featureGroup: drawn, remove: true },
      draw: {
        polyline: route ? { shapeOptions: { color: "#1d4f6b", weight: 4 } } : false,
        polygon: route ? false : { allowIntersection: false, showArea: false },
        rectangle: route ? false : { showArea: false },
        marker: route ? false : {},
        circle: false,
        circlemarker: false
      }
    });
    map.addControl(control);
  }

  map.on(L.Draw.Event.CREATED, function (event) {
    drawn.clearLayers();  // one geometry per space: a new drawing replaces the old one
    adopt(event.layer);
    sync();
  });
  map.on(L.Draw.Event.EDITED, sync);
  map.on(L.Draw.Event.DELETED, sync);
  if (typeSelect) { typeSelect.addEventListener("change", buildControl); }

  buildControl();
  setGeometry(data.geometry);
  var layer = layerOf();
  if (layer && layer.getBounds) {
    map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 17 });
  } else if (layer) {
    map.setView(layer.getLatLng(), 16);
  } else {
    map.setView(data.centre, 15);
  }
  L.control.scale({ imperial: false }).addTo(map);
  window.learningSpaceEditor = { map: map, drawn: drawn, layer: layerOf, sync: sync, setGeometry: setGeometry };
})();

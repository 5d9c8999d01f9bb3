/* The admin's map widgets (culturalmap/core/admin.py, OwnBaseMapWidget): Django's MapWidget
   (gis/js/OLMapWidget.js, on the vendored OpenLayers) started from each widget's JSON options, with
   the project's own base map underneath (provinces, districts and sub-districts as PNG tiles, from
   the page's "basemap-config", as static/js/basemap.js draws it under the Leaflet maps) and a
   third-party base map over it only when one is configured. No inline script, no other host. */
(function () {
  "use strict";
  var POINT_ZOOM = 12;

  function baseLayer() {
    var source = document.getElementById("basemap-config");
    var basemap = source ? JSON.parse(source.textContent) : null;
    var layers = [];
    if (basemap) {
      layers.push(new ol.layer.Tile({
        source: new ol.source.XYZ({ url: basemap.own, maxZoom: 19, attributions: basemap.places_attribution })
      }));
      if (basemap.url) {
        layers.push(new ol.layer.Tile({
          opacity: 0.85,
          source: new ol.source.XYZ({ url: basemap.url.replace("{s}", "a"), maxZoom: 19, attributions: basemap.attribution })
        }));
      }
    }
    return new ol.layer.Group({ layers: layers });
  }

  function start() {
    document.querySelectorAll(".dj_map_wrapper[data-map-widget]").forEach(function (wrapper) {
      var options = JSON.parse(document.getElementById(wrapper.dataset.mapWidget).textContent);
      options.base_layer = baseLayer();
      var widget = new MapWidget(options);
      // As Django's inline script names it (geodjango_<field>), for scripts that reach the widget.
      window["geodjango_" + options.name.replace(/-/g, "_")] = widget;
      // Django fits the view to the geometry down to 1 m a pixel: a point's sub-district fills the map
      // with one colour. Open a point where its sub-district's outline and name show.
      var view = widget.map.getView();
      var first = widget.featureCollection.getLength() ? widget.featureCollection.item(0) : null;
      if (first && first.getGeometry().getType() === "Point" && view.getZoom() > POINT_ZOOM) {
        view.setZoom(POINT_ZOOM);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

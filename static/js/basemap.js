/* What every small map draws first: the project's own base map (provinces, districts and
   sub-districts as PNG tiles, culturalmap/maps/basemap.py, given to the page as the JSON
   "basemap-config" by templates/map/_basemap.html), and a third-party base map over it only when one
   is configured, so with none (the default) or none reachable the map still shows where it is. */
window.CulturalMapBase = function (map) {
  "use strict";
  var source = document.getElementById("basemap-config");
  var basemap = source ? JSON.parse(source.textContent) : null;
  if (!basemap) { return; }
  L.tileLayer(basemap.own, { maxZoom: 19, attribution: basemap.places_attribution }).addTo(map);
  if (basemap.url) {
    L.tileLayer(basemap.url, { maxZoom: 19, attribution: basemap.attribution, opacity: 0.85 }).addTo(map);
  }
};

/* What every small map draws first: the project's own province tiles, then the configured base map
   (culturalmap/maps/basemap.py, given to the page as the JSON "basemap-config" by
   templates/map/_basemap.html), so with the base map off or unreachable Thailand is still drawn. */
window.CulturalMapBase = function (map) {
  "use strict";
  var source = document.getElementById("basemap-config");
  var basemap = source ? JSON.parse(source.textContent) : { own: "/tiles/provinces/{z}/{x}/{y}.png" };
  L.tileLayer(basemap.own, { maxZoom: 19, attribution: "" }).addTo(map);
  if (basemap.url) {
    L.tileLayer(basemap.url, { maxZoom: 19, attribution: basemap.attribution }).addTo(map);
  }
};

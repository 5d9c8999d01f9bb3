/* What every small map draws first: the project's own province tiles, then the configured base map
   (geodata/tiles/basemap.py), so with the base map off or unreachable Thailand is still drawn. */
window.CulturalMapBase = function (map, basemap) {
  "use strict";
  L.tileLayer(basemap.own, { maxZoom: 19, attribution: "" }).addTo(map);
  if (basemap.url) {
    L.tileLayer(basemap.url, { maxZoom: 19, attribution: basemap.attribution }).addTo(map);
  }
};

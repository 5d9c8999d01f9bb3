"""Pages and read API of the places of the cultural programme: cultural districts, cultural cities and
(read-only, as GeoJSON) cultural markets. The records themselves belong to culturalmap.markets."""

"""Small helpers every domain app uses: permalink codes and location rules."""

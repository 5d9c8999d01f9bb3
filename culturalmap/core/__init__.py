"""Small helpers every domain app uses: permalink codes, location rules, Thai numbers and dates."""

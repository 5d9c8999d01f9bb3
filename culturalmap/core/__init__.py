"""The shared kernel every app builds on: the record-kind registry and the public-record rule, change
notifications, permalink codes, location rules, Thai numbers and dates, images, domain errors."""

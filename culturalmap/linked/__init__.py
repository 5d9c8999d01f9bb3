"""Linked data of the public records: schema.org JSON-LD and "cite this record" on their pages, and
the sitemap search engines read, with each page's Thai and English addresses."""

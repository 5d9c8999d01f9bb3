"""Geography: Thailand's provinces and regions with their real boundaries, and the reads on them.

The ground every domain stands on: it imports nothing of theirs (tests/test_layering.py).
"""

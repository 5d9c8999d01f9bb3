"""Image uploads: peak memory of processing a small PNG of 40 million pixels (the decompression
attack of issue 11: ~170 KB on the wire), through the pipeline as it was (baseline, copied below)
and as it is (culturalmap.core.images.process_image_upload), each in a fresh process.

    PYTHAINLP_OFFLINE=1 .venv/bin/python scripts/bench/bench_images.py

Prints each process's peak resident memory above what it held before processing, the time taken,
and the ratio of the two. Also a 24 Mpx phone JPEG, which the pipeline decodes at a reduced scale.
Uses the dev database only for the image slot (an advisory lock, nothing written).
"""

import io
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 7300, 5479  # 39,996,700 pixels: just under IMAGE_MAX_PIXELS
PARALLEL = 8

CHILD = r"""
import io, json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps
from culturalmap.core import images

def baseline(upload):
    # The pipeline before issue 11, step for step: decode in full, transpose, convert, copy the
    # bytes out and back in, copy again for the thumbnail, encode both.
    with Image.open(upload, formats=images.ALLOWED_FORMATS) as source:
        source.seek(0)
        source.load()
        pixels = ImageOps.exif_transpose(source)
        mode = "RGBA" if pixels.mode in ("RGBA", "LA", "PA") else "RGB"
        converted = pixels.convert(mode)
        clean = Image.frombytes(mode, converted.size, converted.tobytes())
    thumb = clean.copy()
    thumb.thumbnail((images.THUMBNAIL_SIZE, images.THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    fmt = "PNG" if mode == "RGBA" else "JPEG"
    return images._encode(clean, fmt), images._encode(thumb, fmt), clean.size

def current(upload):
    from culturalmap.core.exceptions import Unavailable
    try:
        processed = images.process_image_upload(upload)
    except Unavailable:  # every image slot taken: the request would get a 503 with Retry-After
        return b"", b"", (0, 0)
    return processed.image.read(), processed.thumbnail.read(), (processed.width, processed.height)

data = open({path!r}, "rb").read()
upload = SimpleUploadedFile("upload", data)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
stored, thumb, size = {{"baseline": baseline, "current": current}}[{which!r}](upload)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
row = {{"peak_mb": (peak - before) / 1024, "seconds": seconds, "size": size, "stored_kb": len(stored) / 1024}}
print(json.dumps(row))
"""


def big_png(path: Path) -> None:
    """A screenshot-like PNG: flat colour and rectangles, 40 Mpx in about 170 KB."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), (236, 229, 214))
    draw = ImageDraw.Draw(image)
    rnd = random.Random(11)
    for _ in range(1500):
        x, y = rnd.randrange(WIDTH), rnd.randrange(HEIGHT)
        box = [x, y, x + rnd.randrange(20, 400), y + rnd.randrange(20, 300)]
        draw.rectangle(box, fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    image.save(path, "PNG", compress_level=9)


def phone_jpeg(path: Path) -> None:
    from PIL import Image

    image = Image.linear_gradient("L").resize((6000, 4000)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())


def measure(path: Path, which: str) -> dict:
    return measure_parallel(path, which, 1)[0]


def measure_parallel(path: Path, which: str, count: int) -> list[dict]:
    """`count` uploads of the file at once, each in its own process (gunicorn's workers)."""
    script = CHILD.format(root=str(ROOT), path=str(path), which=which)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=os.environ
        )
        for _ in range(count)
    ]
    rows = []
    for child in children:
        out, _ = child.communicate(timeout=300)
        if child.returncode != 0:
            raise SystemExit(f"a measuring process failed ({child.returncode})")
        rows.append(json.loads(out.strip().splitlines()[-1]))
    return rows


def report(label: str, path: Path) -> float:
    before, after = measure(path, "baseline"), measure(path, "current")
    print(f"{label} ({path.stat().st_size / 1024:,.0f} KB on the wire)")
    for name, row in (("baseline (before)", before), ("pipeline (after) ", after)):
        print(
            f"  {name}: peak +{row['peak_mb']:7,.0f} MB  {row['seconds']:5.2f} s"
            f"  stored {row['size'][0]}×{row['size'][1]} ({row['stored_kb']:,.0f} KB)"
        )
    print(
        f"  ratio: peak memory {before['peak_mb'] / after['peak_mb']:.1f}× lower,"
        f" time {before['seconds'] / after['seconds']:.1f}× shorter"
    )
    return before["peak_mb"]


def report_parallel(path: Path, single_baseline_mb: float, count: int = PARALLEL) -> None:
    """Uploads at once: the baseline decoded every one of them (count × its single peak, not run
    here: it would take gigabytes of a shared machine); the pipeline processes IMAGE_PROCESSING_SLOTS
    at a time and tells the rest to come back (503, Retry-After) after IMAGE_PROCESSING_WAIT."""
    rows = measure_parallel(path, "current", count)
    processed = [r for r in rows if r["size"] != [0, 0]]
    held = sum(r["peak_mb"] for r in processed)
    longest = max(r["seconds"] for r in rows)
    print(f"{count} uploads of it at once")
    print(
        f"  baseline (before): {count} decoded at once,"
        f" {count} × {single_baseline_mb:,.0f} MB = {count * single_baseline_mb:,.0f} MB"
    )
    print(
        f"  pipeline (after) : {len(processed)} processed ({held:,.0f} MB in all),"
        f" {count - len(processed)} told to retry (503), every worker free again within {longest:.1f} s"
    )
    print(f"  ratio: memory held {count * single_baseline_mb / held:.1f}× lower")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "screenshot-40mpx.png"
        big_png(png)
        single = report(f"PNG {WIDTH}×{HEIGHT} ({WIDTH * HEIGHT / 1e6:.0f} Mpx)", png)
        report_parallel(png, single)
        jpeg = Path(tmp) / "phone-24mpx.jpg"
        phone_jpeg(jpeg)
        report("JPEG 6000×4000 (24 Mpx)", jpeg)


if __name__ == "__main__":
    main()

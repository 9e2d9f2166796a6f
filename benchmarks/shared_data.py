"""Where the benchmarks find the development data: ``../shared/data`` beside the clone."""

from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEWSMTSC_DIR = SHARED_DATA / "newsmtsc"
POLNEAR_DEV = SHARED_DATA / "polnear" / "dev.jsonl"

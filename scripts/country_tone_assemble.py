"""Assemble the country-tone training set from the readers' labels, and report their agreement.

Usage: python scripts/country_tone_assemble.py POOL.jsonl READING_FOLDER [READING_FOLDER ...]
    --out data/country-tone/train.jsonl --double-read data/country-tone/double-read.jsonl
    [--min-share 0.2] [--seed 13]

Each reading folder is one made by ``country_tone_batches.py``: ``assignment.jsonl`` says which
reader read which target (and whether it was read twice), ``rN/labels.tsv`` holds reader N's
``id<TAB>label<TAB>reason`` lines, the label one of negative, neutral, positive or skip.

A target read once keeps its reader's label; one read twice keeps the label both readers gave
and is left out when they disagree (a skip against a label counts as disagreement). Skipped
targets are left out. Then, when positive or negative targets are fewer than ``--min-share``
of the set, a seeded random sample of neutral targets is left out until both reach it: neutral
is the commonest label of news, and the two polar labels are what the models miss.

Writes the training set (the pool's fields and ``label``, in pool order) and the double-read
targets with both readers' labels (``label_a``, ``label_b``), and prints the agreement (share
of identical labels, Cohen's kappa on the targets both labelled) and the counts.
"""

import argparse
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

LABELS = ("negative", "neutral", "positive")
SKIP = "skip"


def read_labels(folder: Path) -> dict[tuple[str, str], str]:
    """Each (reader, target id)'s label in one reading folder, checked complete and unique."""
    labels: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("r*/labels.tsv")):
        reader = path.parent.name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            target_id, label = line.split("\t")[:2]
            if label not in (*LABELS, SKIP) or (reader, target_id) in labels:
                raise ValueError(f"{path}:{number}: bad or repeated label line {line!r}")
            labels[reader, target_id] = label
    return labels


def source_file(record: dict[str, str]) -> str:
    """The file a pool target comes from (its ``source`` without the line number)."""
    return record["source"].split(":")[0]


def agreement(pairs: list[tuple[str, str]]) -> str:
    """Two readers' agreement on targets both read: identical labels (a skip included), and on
    the targets both labelled (no skip) the share identical and Cohen's kappa."""
    same = sum(a == b for a, b in pairs)
    both_labelled = [(a, b) for a, b in pairs if SKIP not in (a, b)]
    same_labelled = sum(a == b for a, b in both_labelled)
    return (
        f"{len(pairs)} targets, the same label {same} ({same / len(pairs):.3f}); both labelled "
        f"{len(both_labelled)}, the same {same_labelled / len(both_labelled):.3f}, Cohen's "
        f"kappa {cohen_kappa(both_labelled):.3f}"
    )


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two readers' labels."""
    observed = sum(a == b for a, b in pairs) / len(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / len(pairs) ** 2
    return (observed - expected) / (1 - expected)


def leave_out_neutrals(labels: dict[str, str], *, min_share: float, seed: int) -> dict[str, str]:
    """Leave out a seeded sample of neutral targets until each polar label has ``min_share``."""
    counts = Counter(labels.values())
    polar = min(counts["negative"], counts["positive"])
    keep_total = min(len(labels), int(polar / min_share))
    excess = len(labels) - keep_total
    neutral = sorted(target for target, label in labels.items() if label == "neutral")
    dropped = set(random.Random(seed).sample(neutral, excess))
    return {target: label for target, label in labels.items() if target not in dropped}


def main() -> None:
    """Assemble, write and report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pool", type=Path)
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--double-read", type=Path, required=True)
    parser.add_argument("--min-share", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    pool = {
        record["id"]: record
        for record in map(json.loads, args.pool.read_text(encoding="utf-8").splitlines())
    }
    single: dict[str, str] = {}
    double: dict[str, list[str]] = defaultdict(list)
    for folder in args.folders:
        labels = read_labels(folder)
        for line in (folder / "assignment.jsonl").read_text(encoding="utf-8").splitlines():
            assigned = json.loads(line)
            label = labels[assigned["reader"], assigned["id"]]
            if assigned["overlap"]:
                double[assigned["id"]].append(label)
            else:
                single[assigned["id"]] = label

    pairs = [(a, b) for a, b in double.values()]
    agreed = {target: a for target, (a, b) in double.items() if a == b}
    chosen = {target: label for target, label in {**single, **agreed}.items() if label != SKIP}
    balanced = leave_out_neutrals(chosen, min_share=args.min_share, seed=args.seed)

    with args.out.open("w", encoding="utf-8") as out:
        for target_id in pool:
            if target_id in balanced:
                line = pool[target_id] | {"label": balanced[target_id]}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    with args.double_read.open("w", encoding="utf-8") as out:
        for target_id in pool:
            if target_id in double:
                label_a, label_b = double[target_id]
                line = pool[target_id] | {"label_a": label_a, "label_b": label_b}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")

    by_source_pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for target_id, (a, b) in double.items():
        by_source_pairs[source_file(pool[target_id])].append((a, b))
    for source, source_pairs in [("all", pairs), *sorted(by_source_pairs.items())]:
        print(f"read twice, {source}: {agreement(source_pairs)}")
    print("pairs of labels:", dict(Counter(tuple(sorted(pair)) for pair in pairs).most_common()))
    print(
        f"read once: {len(single)}; skipped: "
        f"{sum(label == SKIP for label in single.values()) + sum(a == b == SKIP for a, b in pairs)}"
        f"; disagreements left out: {len(pairs) - len(agreed)}"
    )
    print(f"labelled: {len(chosen)} {dict(Counter(chosen.values()))}")
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for target_id, label in balanced.items():
        by_source[source_file(pool[target_id])][label] += 1
    print(f"written to {args.out}: {len(balanced)} {dict(Counter(balanced.values()))}")
    for source, counts in sorted(by_source.items()):
        print(f"  {source}: {sum(counts.values())} {dict(counts)}")


if __name__ == "__main__":
    main()

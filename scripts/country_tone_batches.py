"""Split the candidate pool of the country-tone training set into reading batches, seeded.

Usage: python scripts/country_tone_batches.py POOL.jsonl OUT_FOLDER --readers 7 --overlap 490
    [--cue-free 1000] [--source newsmtsc/ --source persent/] [--seed 13] [--max-chars 500]

The readers label by reading (data/country-tone/GUIDELINES.md); this only decides who reads
what. Sampling, so that negative and positive targets can each be at least a fifth of the set:
every target whose sentence holds a word that often carries tone (``TONE_CUES``; a cue decides
only what is read, never a label), and a seeded sample of ``--cue-free`` others (all by
default). ``--source`` keeps the targets whose source starts so (all by default). A seeded
``--overlap`` of the pool is read twice: split into one part a reader, reader ``i`` reads parts
``i`` and ``i + 1`` (so every overlap target has two readers, who work apart). Sentences longer
than ``--max-chars`` (paragraphs the sentence splitter could not split) are left out.

Writes ``OUT_FOLDER/rN/batch-KK.md`` (at most ``BATCH_SIZE`` targets, targets of one sentence
together, the target marked «» in its sentence) and ``OUT_FOLDER/assignment.jsonl``
(id, reader, overlap).
"""

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

BATCH_SIZE = 100
TONE_CUES = re.compile(
    r"\b(prais|thank|welcom|support|help|aid|assist|agree|deal|cooperat|peace|all(y|ies)|friend"
    r"|grow|boost|improv|succe|win|won|strong|celebrat|honou?r|congratulat|great|best|good"
    r"|partner|ties|reconcil|progress|recover|prosper|invest|generous|donat|rescue|protect"
    r"|back(ed|ing)?|pledg|gratitude|admir|respect|hope|promis|benefit|gain|rose|record"
    r"|attack|kill|war|sanction|threat|accus|blame|crisis|condemn|crim|meddl|interfer|hack"
    r"|missile|nuclear|bomb|strike|terror|violat|tension|conflict|invad|invasion|aggress"
    r"|collus|probe|investigat|fraud|corrupt|protest|clash|dead|death|die|suffer|poverty"
    r"|famine|disaster|collapse|fail|recession|decline|fall|fell|weak|worst|bad|abuse|repress"
    r"|punish|tariff|retaliat|hostile|enem|adversar|danger|risk|warn)",
    re.IGNORECASE,
)


def marked(record: dict[str, object]) -> str:
    """The sentence with the target between « and »."""
    text, start, end = str(record["text"]), int(str(record["start"])), int(str(record["end"]))
    return f"{text[:start]}«{text[start:end]}»{text[end:]}"


def write_batches(folder: Path, records: list[dict[str, object]]) -> None:
    """Write one reader's targets as batch files, targets of one sentence together."""
    folder.mkdir(parents=True, exist_ok=True)
    records = sorted(records, key=lambda record: (str(record["text"]), int(str(record["start"]))))
    for number, first in enumerate(range(0, len(records), BATCH_SIZE), 1):
        lines = [
            f"{record['id']} · {record['mention']} → {record['country']}\n{marked(record)}\n"
            for record in records[first : first + BATCH_SIZE]
        ]
        (folder / f"batch-{number:02d}.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    """Sample, assign and write the batches."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pool", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--readers", type=int, required=True)
    parser.add_argument("--overlap", type=int, required=True)
    parser.add_argument("--cue-free", type=int)
    parser.add_argument("--source", action="append", default=[])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-chars", type=int, default=500)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pool = [json.loads(line) for line in args.pool.open(encoding="utf-8")]
    pool = [
        record
        for record in pool
        if len(record["text"]) <= args.max_chars
        and record["source"].startswith(tuple(args.source or [""]))
    ]
    overlap = rng.sample(pool, args.overlap)
    overlap_ids = {record["id"] for record in overlap}
    rest = [record for record in pool if record["id"] not in overlap_ids]
    cued = [record for record in rest if TONE_CUES.search(record["text"])]
    cue_free = [record for record in rest if not TONE_CUES.search(record["text"])]
    cue_free_read = len(cue_free) if args.cue_free is None else min(args.cue_free, len(cue_free))
    single = cued + rng.sample(cue_free, cue_free_read)
    rng.shuffle(single)

    assigned: dict[int, list[dict[str, object]]] = defaultdict(list)
    assignment = []
    parts = [overlap[index :: args.readers] for index in range(args.readers)]
    for reader in range(args.readers):
        for part in (parts[reader], parts[(reader + 1) % args.readers]):
            assigned[reader].extend(part)
            assignment += [
                {"id": r["id"], "reader": f"r{reader + 1}", "overlap": True} for r in part
            ]
    for index, record in enumerate(single):
        assigned[index % args.readers].append(record)
        assignment.append(
            {"id": record["id"], "reader": f"r{index % args.readers + 1}", "overlap": False}
        )
    for reader, records in assigned.items():
        write_batches(args.out / f"r{reader + 1}", records)
    with (args.out / "assignment.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(line) + "\n" for line in assignment)
    print(
        f"{len(pool)} targets in the pool; overlap {len(overlap)} (read twice), "
        f"single {len(single)} ({len(cued)} cued, {len(single) - len(cued)} cue-free); "
        + ", ".join(f"r{reader + 1}: {len(records)}" for reader, records in assigned.items())
    )


if __name__ == "__main__":
    main()

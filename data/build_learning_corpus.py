"""Write data/learning_corpus.txt: a small corpus whose structure is known, for training word2vec live.

Five groups of eight words (royalty, family, animals, food, places) appear in sentences written for the
app. Words of one group share their contexts (a king and a queen both rule and wear crowns; a dog and
a horse are both fed and run in fields), which is what word2vec turns into nearby vectors, so after a
few seconds of training a word's nearest neighbours are words of its own group. A few sentences mix
two groups ("the queen rode her horse"), as real text does.

Every template and word list is original (CC0 1.0). The output is deterministic::

    python -m data.build_learning_corpus
"""

from __future__ import annotations

import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "learning_corpus.txt"
SEED = 15
PER_TEMPLATE = 8  # sentences drawn from each template

# he/his words first, she/her words second, so the pronoun templates can agree.
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "royalty": (["king", "prince", "emperor", "duke"], ["queen", "princess", "empress", "duchess"]),
    "family": (["father", "brother", "uncle", "grandfather"], ["mother", "sister", "aunt", "grandmother"]),
    "animals": (["dog", "horse", "goat", "rabbit"], ["cat", "cow", "sheep", "pig"]),
    "food": (["bread", "cheese", "rice", "soup"], ["cake", "pasta", "salad", "porridge"]),
    "places": (["paris", "rome", "london", "madrid"], ["berlin", "vienna", "lisbon", "athens"]),
}

TEMPLATES: dict[str, list[str]] = {
    "royalty": [
        "the {w} ruled the kingdom from the palace",
        "the {w} sat on the throne and wore a golden crown",
        "people bowed when the {w} entered the great hall",
        "the {w} signed a royal decree for the whole kingdom",
        "a crowd cheered as the {w} rode to the castle",
        "the {w} and the {v} held a royal banquet at the palace",
        "the old {w} named an heir to the throne",
        "servants polished the crown of the {w}",
        "the {w} of the northern kingdom made peace with the {v}",
        "{p} crown was kept in the tower of the palace",
        "the young {w} was crowned in the royal chapel",
        "the court waited for the {w} to speak",
    ],
    "family": [
        "my {w} visited us at home on sunday",
        "my {w} and my {v} live in the same house",
        "our {w} tells stories to the children every evening",
        "i called my {w} to wish {o} a happy birthday",
        "the children hugged their {w} at the family dinner",
        "my {w} lives with my {v} near our old home",
        "we sent a birthday card to our {w}",
        "my {w} looked after the baby while my {v} was at work",
        "every summer our {w} invites the whole family",
        "my {w} taught me to ride a bike when i was small",
        "grandchildren love it when their {w} visits",
        "my {w} and {p} children came home for the holidays",
    ],
    "animals": [
        "the {w} ran across the field on the farm",
        "the farmer fed the {w} in the barn",
        "a {w} and a {v} grazed in the green meadow",
        "the {w} drank water from the trough",
        "we saw a {w} asleep in the warm barn",
        "the vet looked at the sick {w} on the farm",
        "the {w} ate grass in the field all morning",
        "children watched the {w} and the {v} on the farm",
        "the {w} slept in the straw after eating",
        "the farmer brushed the {w} and cleaned its pen",
        "a young {w} was born on the farm in spring",
        "the {w} followed the farmer to the barn",
    ],
    "food": [
        "we ate {w} for dinner",
        "she cooked {w} in the kitchen for lunch",
        "the recipe needs {w} and a little salt",
        "he bought fresh {w} at the shop for supper",
        "for breakfast i had {w} with {v}",
        "the {w} was hot and tasted delicious",
        "we shared a bowl of {w} at the table",
        "the cook served {w} and {v} to the hungry guests",
        "i like to eat {w} with a glass of milk",
        "there was warm {w} on the kitchen table",
        "the children asked for more {w} at dinner",
        "she baked and cooked {w} for the whole meal",
    ],
    "places": [
        "we travelled to {w} by train last summer",
        "the flight from {w} to {v} was short",
        "she lives in {w} and works in the city centre",
        "{w} is a beautiful city with old streets",
        "many tourists visit {w} every year",
        "he moved from {w} to {v} for a new job",
        "the train to {w} leaves the station at noon",
        "our hotel in {w} was near the river",
        "they spent a week in {w} and a week in {v}",
        "the museum in {w} is famous across europe",
        "from {w} we took a bus to the airport",
        "the streets of {w} were busy with tourists",
    ],
}

MIXED = [
    "the queen rode her horse to the palace",
    "the king fed bread to his dog",
    "my mother baked a cake for the prince",
    "my grandfather kept a cow and a pig on his farm",
    "the princess travelled to paris by train",
    "my sister visited rome with her uncle",
    "the farmer gave cheese to the duke",
    "my aunt cooked soup in vienna",
    "the emperor ate rice at the banquet",
    "the cat slept in the palace kitchen",
]


def _fill(template: str, group: str, rng: random.Random) -> str:
    he, she = GROUPS[group]
    use_she = rng.random() < 0.5
    own = she if use_she else he
    w = rng.choice(own)
    v = rng.choice([x for x in he + she if x != w])
    return template.format(w=w, v=v, p="her" if use_she else "his", o="her" if use_she else "him")


def build() -> list[str]:
    rng = random.Random(SEED)
    lines: list[str] = []
    for group, templates in TEMPLATES.items():
        for template in templates:
            seen: set[str] = set()
            for _ in range(PER_TEMPLATE * 3):
                if len(seen) == PER_TEMPLATE:
                    break
                sentence = _fill(template, group, rng)
                if sentence not in seen:
                    seen.add(sentence)
                    lines.append(sentence)
    lines += MIXED
    rng.shuffle(lines)
    return lines


def main() -> None:
    header = [
        "# A small corpus written for Embeddings Explorer (CC0 1.0) to train word2vec live; one sentence a line.",
        "# Built by data/build_learning_corpus.py (python -m data.build_learning_corpus); see data/README.md.",
    ]
    header += [f"# group {g}: {' '.join(he + she)}" for g, (he, she) in GROUPS.items()]
    OUT.write_text("\n".join(header + build()) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write data/toy_corpus.txt: a small corpus whose word groups are easy to learn.

Each group (animals, fruit, cities, ...) has its own typical contexts, so a word's neighbours in
text say which group it belongs to: the distributional hypothesis, made visible in seconds. The
course's running example words (brown, dog, fox, jump, lazy, love, quack, she) all appear.
Deterministic: the same seed writes the same file.
"""
from __future__ import annotations

import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "toy_corpus.txt"
SEED = 7
SENTENCES = 3000

GROUPS = {
    "animal": ["dog", "cat", "fox", "duck", "horse", "cow", "sheep", "rabbit"],
    "fruit": ["apple", "banana", "orange", "mango", "pear", "grape", "cherry", "lemon"],
    "city": ["london", "paris", "boston", "tokyo", "berlin", "rome", "madrid", "cairo"],
}
PEOPLE = ["she", "he", "we", "they", "i", "you"]
ANIMAL_ADJ = ["brown", "lazy", "quick", "small", "old", "young"]
ANIMAL_VERB = ["runs", "sleeps", "barks", "jumps", "plays", "hides"]
FRUIT_ADJ = ["ripe", "sweet", "fresh", "juicy", "sour", "green"]
CITY_ADJ = ["busy", "old", "famous", "beautiful", "crowded", "historic"]
TIMES = ["summer", "winter", "spring", "year", "week", "month"]

TEMPLATES = {
    "animal": [
        "the {a_adj} {animal} {a_verb} in the field",
        "{person} feeds the {animal} every morning",
        "the {animal} {a_verb} near the barn",
        "a {a_adj} {animal} sleeps under the tree",
        "{person} saw the {a_adj} {animal} jump over the fence",
        "the farmer has a {animal} and a {animal2}",
        "{person} love the {animal} on the farm",
    ],
    "fruit": [
        "{person} eats a {f_adj} {fruit} for breakfast",
        "the {fruit} is {f_adj} and tasty",
        "{person} buys {fruit} juice at the market",
        "a {f_adj} {fruit} grows on the tree",
        "{person} made a cake with {fruit} and {fruit2}",
        "{person} love to eat {f_adj} {fruit}",
    ],
    "city": [
        "{person} flew to {city} last {time}",
        "{city} is a {c_adj} city with many museums",
        "the train from {city} to {city2} was late",
        "{person} lived in {city} for a {time}",
        "the streets of {city} are {c_adj} at night",
        "{person} love to visit {city} in the {time}",
    ],
}
FIXED = [
    "the quick brown fox jumps over the lazy dog",
    "she saw the brown fox jump over the lazy dog",
    "the duck says quack and the dog says woof",
    "she heard the duck quack by the pond",
    "she would love to hear the duck quack again",
]


def sentence(rng: random.Random) -> str:
    group = rng.choice(list(TEMPLATES))
    template = rng.choice(TEMPLATES[group])
    first, second = rng.sample(GROUPS[group], 2)
    return template.format(
        person=rng.choice(PEOPLE), animal=first, animal2=second, fruit=first, fruit2=second,
        city=first, city2=second, a_adj=rng.choice(ANIMAL_ADJ), a_verb=rng.choice(ANIMAL_VERB),
        f_adj=rng.choice(FRUIT_ADJ), c_adj=rng.choice(CITY_ADJ), time=rng.choice(TIMES))


def main() -> None:
    rng = random.Random(SEED)
    lines = [sentence(rng) for _ in range(SENTENCES)]
    # the running examples, spread through the file
    for i, line in enumerate(FIXED * 20):
        lines.insert((i * 137) % len(lines), line)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tokens = sum(len(line.split()) for line in lines)
    print(f"wrote {OUT} ({len(lines)} sentences, {tokens} tokens)")


if __name__ == "__main__":
    main()

"""The map of the course: one place that names every notebook, its title and its time."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    number: int
    slug: str
    title: str
    minutes: int
    summary: str

    @property
    def filename(self) -> str:
        return f"{self.number:02d}_{self.slug}.ipynb"

    @property
    def label(self) -> str:
        return f"{self.number:02d} · {self.title}"


LESSONS = [
    Lesson(0, "start_here", "Start here", 10,
           "how the course works, the map, and an environment check"),
    Lesson(1, "tokens_and_ids", "Tokens and IDs", 20,
           "text → tokens → a vocabulary → integer IDs, and why IDs carry no meaning"),
    Lesson(2, "one_hot_vectors", "One-hot vectors", 20,
           "IDs as vectors: every pair equally far apart, and a V × V memory bill"),
    Lesson(3, "feature_tables", "Hand-built feature tables", 25,
           "words described by features we choose: similar words get similar vectors"),
    Lesson(4, "word2vec_gensim", "Word2Vec with gensim", 40,
           "learning the features from text: skip-gram, CBOW, neighbours, evaluation"),
    Lesson(5, "embedding_layer", "The embedding layer", 30,
           "torch.nn.Embedding: a lookup that equals one-hot × matrix, at real model sizes"),
    Lesson(6, "initialization", "Initialization", 30,
           "what the starting values are (not IDs!), and what each scheme does"),
    Lesson(7, "training_from_scratch", "Training from scratch", 40,
           "skip-gram with negative sampling in PyTorch: watch random vectors become meaningful"),
    Lesson(8, "embeddings_in_language_models", "Embeddings in language models", 35,
           "subword tokens, position embeddings, a real pretrained table, contextual vectors"),
    Lesson(9, "transfer_learning", "Transfer learning", 30,
           "random vs frozen vs fine-tuned embeddings on a small sentiment task"),
]


def lesson(number: int) -> Lesson:
    return LESSONS[number]


def course_map():
    """The course map as a `Table` (notebook, minutes, what you learn)."""
    from .display import Table

    rows = [(l.label, l.minutes, l.summary) for l in LESSONS]
    total = sum(l.minutes for l in LESSONS)
    rows.append(("total", total, f"about {total / 60:.1f} hours"))
    return Table(rows, ["notebook", "minutes", "what you learn"], title="The course map")

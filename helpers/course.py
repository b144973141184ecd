"""The map of the course: one place that names every notebook, its title, time and track.

Numbers follow this list's order: add, split or move a lesson here and the builder renumbers
every notebook, badge, link and table. Sources live in `source/<slug>.py` (no number), checks
in `helpers/checks/<slug>.py`.
"""
from __future__ import annotations

from dataclasses import dataclass

CORE, DEEP_DIVE, CAPSTONE, APPENDIX = "core", "deep dive", "capstone", "appendix"


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    minutes: int
    summary: str
    track: str = CORE

    @property
    def number(self) -> int:
        return next(i for i, lesson in enumerate(LESSONS) if lesson.slug == self.slug)

    @property
    def filename(self) -> str:
        return f"{self.number:02d}_{self.slug}.ipynb"

    @property
    def source(self) -> str:
        return f"{self.slug}.py"

    @property
    def label(self) -> str:
        return f"{self.number:02d} · {self.title}"


LESSONS = [
    Lesson("start_here", "Start here", 5,
           "how the course works, the map, and an environment check"),
    Lesson("tokens_and_ids", "Tokens and IDs", 15,
           "text → tokens → a vocabulary → integer IDs, and why IDs carry no meaning"),
    Lesson("one_hot_vectors", "One-hot vectors", 15,
           "IDs as vectors: every pair equally far apart, and a V × V memory bill"),
    Lesson("feature_tables", "Hand-built feature tables", 15,
           "words described by features we choose: similar words get similar vectors"),
    Lesson("word2vec_idea", "The Word2Vec idea", 20,
           "windows, (centre, context) pairs, two tables, negative sampling, skip-gram vs CBOW"),
    Lesson("word2vec_gensim", "Word2Vec on a real corpus", 20,
           "gensim on a real corpus: neighbours, analogies, evaluation, projections"),
    Lesson("embedding_layer", "The embedding layer", 15,
           "torch.nn.Embedding: a lookup that equals one-hot × matrix, at real model sizes"),
    Lesson("initialization", "Initialization", 15,
           "what the starting values are (not IDs!), and what each scheme does"),
    Lesson("training_from_scratch", "Training from scratch", 20,
           "skip-gram with negative sampling in PyTorch: watch random vectors become meaningful"),
    Lesson("subword_tokenizers", "Subword tokenizers", 10,
           "BPE trained here, a real model's WordPiece, byte-level vs [UNK]"),
    Lesson("embeddings_in_language_models", "Positions, a real table, context", 15,
           "position embeddings, a real pretrained table, static vs contextual vectors"),
    Lesson("transfer_learning", "Transfer learning", 15,
           "random vs frozen vs fine-tuned embeddings on a small sentiment task"),
    Lesson("word_vector_origins", "Deep dive: where word vectors come from", 45,
           "counting vs predicting, softmax vs negative sampling, CBOW, fastText, semantic axes",
           DEEP_DIVE),
    Lesson("transformer_embeddings", "Deep dive: inside a transformer's embedding layer", 45,
           "RoPE, weight tying, next-token vs masked training, init scale, a pretrained table",
           DEEP_DIVE),
    Lesson("vector_database", "Capstone: from embeddings to a vector database", 60,
           "sentence vectors, chunking, exact and approximate search, a vector database, RAG",
           CAPSTONE),
    Lesson("how_fast_and_how_big", "Appendix: how fast and how big", 15,
           "timings, memory, widget latency, and the bad input each helper refuses",
           APPENDIX),
]


def lesson(key: int | str) -> Lesson:
    """A lesson by number or slug."""
    if isinstance(key, str):
        return next(l for l in LESSONS if l.slug == key)
    return LESSONS[key]


def lessons_in(track: str) -> list[Lesson]:
    return [l for l in LESSONS if l.track == track]


def core_minutes() -> int:
    return sum(l.minutes for l in lessons_in(CORE))


def course_map():
    """The course map as a `Table` (notebook, track, minutes, what you learn)."""
    from .display import Table

    rows = [(l.label, l.track, l.minutes, l.summary) for l in LESSONS]
    core = core_minutes()
    rows.append(("core path", CORE, core, f"about {core / 60:.1f} hours"))
    rest = sum(l.minutes for l in LESSONS) - core
    rows.append(("deep dives, capstone, appendix", "optional", rest, f"about {rest / 60:.1f} hours more"))
    return Table(rows, ["notebook", "track", "minutes", "what you learn"], title="The course map")

"""Inside a transformer's embedding layer (deep dive, notebook 13): compute only, no plotting.

* RoPE: `rope_angles`, `apply_rope` (the "rotate_half" layout of Llama in transformers, or the
  interleaved pairs of the RoFormer paper), `llama_rope` (transformers' own implementation,
  built from a `LlamaConfig`, no weights), `rope_scores` (q·k for every pair of positions).
* A tiny GPT/BERT-style transformer, `TinyTransformer`, with optional weight tying
  (`lm_head.weight = tok_emb.weight`), and `tying_report` / `tied_gradient_demo` to prove what
  tying does; `gpt2_parameter_count` from GPT-2's config shapes.
* Pre-training objectives on the toy corpus: `toy_token_stream`, `mask_tokens` (15 %, then
  80/10/10), `train_tiny` (next-token or masked), `group_similarity`, `nearest_words`.
* Init scale: `first_step_stats` (first-step loss and logit spread for a given init std).
* A pretrained table up close: `minilm_token_counts`, `norm_by_frequency`, `anisotropy`,
  `outlier_dimensions`, `unused_rows`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from . import validation
from .errors import CourseError
from .vectors import normalize_rows

ROPE_BASE = 10_000.0
MASK, EOS = "[MASK]", "<eos>"
SPECIALS = (EOS, MASK)
# The toy corpus's word groups (tools/make_toy_corpus.py).
GROUPS = {
    "animal": ["dog", "cat", "fox", "duck", "horse", "cow", "sheep", "rabbit"],
    "fruit": ["apple", "banana", "orange", "mango", "pear", "grape", "cherry", "lemon"],
    "city": ["london", "paris", "boston", "tokyo", "berlin", "rome", "madrid", "cairo"],
}


# =========================================================================== RoPE
def rope_angles(dim: int, positions, base: float = ROPE_BASE) -> np.ndarray:
    """(positions, dim/2) rotation angles: pair i at position m turns by m · base^(−2i/dim)."""
    dim = validation.whole_number(dim, "dim", 2, 65_536, between=True)
    if dim % 2:
        raise CourseError(f"RoPE rotates pairs of numbers, so dim must be even, got {dim}")
    base = validation.positive_number(base, "base")
    positions = np.atleast_1d(np.asarray(positions, dtype=np.float64))
    frequencies = base ** (-np.arange(0, dim, 2, dtype=np.float64) / dim)
    return positions[:, None] * frequencies[None, :]


def apply_rope(x, positions, base: float = ROPE_BASE, layout: str = "half"):
    """Rotate every pair of dimensions of `x` (…, T, dim) by its position's angle.

    `layout="half"` pairs dimension i with i + dim/2 (transformers' Llama: `rotate_half`);
    `layout="interleaved"` pairs 2i with 2i+1 (the RoFormer paper, Meta's original Llama code).
    Both rotate by the same angles; they only differ in which numbers form a pair, so a
    checkpoint trained with one layout needs its q/k weights permuted to use the other.
    A 1-D `x` (dim,) is one vector at one position. NumPy in → NumPy out; torch in → torch out.
    """
    if layout not in ("half", "interleaved"):
        raise CourseError(f"layout must be 'half' or 'interleaved', got {layout!r}")
    is_torch = type(x).__module__.startswith("torch")
    array = x.detach().double().numpy() if is_torch else np.asarray(x, dtype=np.float64)
    single = array.ndim == 1
    if single:
        array = array[None, :]
    if array.ndim < 2:
        raise CourseError(f"x must be shaped (dim,) or (…, positions, dim), got {array.shape}")
    length, dim = array.shape[-2], array.shape[-1]
    positions = np.atleast_1d(np.asarray(positions))
    if positions.shape != (length,):
        raise CourseError(f"give one position per row of x: x has {length} rows, but "
                          f"{positions.size} positions were given")
    angles = rope_angles(dim, positions, base)           # (T, dim/2)
    cos, sin = np.cos(angles), np.sin(angles)
    if layout == "half":
        half = dim // 2
        x1, x2 = array[..., :half], array[..., half:]
        out = np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)
    else:
        x1, x2 = array[..., 0::2], array[..., 1::2]
        out = np.empty_like(array)
        out[..., 0::2] = x1 * cos - x2 * sin
        out[..., 1::2] = x2 * cos + x1 * sin
    if single:
        out = out[0]
    if is_torch:
        import torch
        return torch.from_numpy(out).to(x.dtype)
    return out


def rope_vector(x, position: int, base: float = ROPE_BASE, layout: str = "half") -> np.ndarray:
    """One vector (dim,) at one position, rotated: the exercise's reference."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise CourseError(f"x must be one vector (dim,), got shape {x.shape}")
    return apply_rope(x, [position], base, layout)


def interleaved_to_half(dim: int) -> np.ndarray:
    """The permutation p with x_half = x_interleaved[p]: pairs (2i, 2i+1) → (i, i + dim/2)."""
    dim = validation.whole_number(dim, "dim", 2, 65_536, between=True)
    return np.concatenate([np.arange(0, dim, 2), np.arange(1, dim, 2)])


def llama_rope(x, positions, base: float = ROPE_BASE):
    """transformers' own Llama RoPE applied to x (T, dim): the reference we test against.

    Builds `LlamaRotaryEmbedding` from a `LlamaConfig` (one head of size dim; no weights are
    created or downloaded) and calls `apply_rotary_pos_emb`, exactly as Llama's attention does.
    """
    import torch
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding, apply_rotary_pos_emb

    x = torch.as_tensor(np.asarray(x), dtype=torch.float64) if not torch.is_tensor(x) else x
    if x.ndim != 2:
        raise CourseError(f"x must be shaped (positions, dim), got {tuple(x.shape)}")
    length, dim = x.shape
    config = LlamaConfig(hidden_size=dim, num_attention_heads=1, head_dim=dim,
                         rope_theta=float(base), max_position_embeddings=4_096)
    rotary = LlamaRotaryEmbedding(config)
    position_ids = torch.as_tensor(np.asarray(positions), dtype=torch.long)[None, :]
    q = x[None, None].float()            # (batch 1, heads 1, T, dim), float32 like a model
    cos, sin = rotary(q, position_ids)
    rotated, _ = apply_rotary_pos_emb(q, q, cos, sin)
    return rotated[0, 0]


def rope_scores(q, k, length: int, base: float = ROPE_BASE) -> np.ndarray:
    """(length, length) attention scores: entry [m, n] = RoPE(q, m) · RoPE(k, n)."""
    length = validation.whole_number(length, "length", 1, 4_096, between=True)
    q, k = np.asarray(q, dtype=np.float64), np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape:
        raise CourseError(f"q and k must be two vectors of the same size, got {q.shape} and {k.shape}")
    positions = np.arange(length)
    rq = apply_rope(np.tile(q, (length, 1)), positions, base)
    rk = apply_rope(np.tile(k, (length, 1)), positions, base)
    return rq @ rk.T


# =========================================================================== the tiny transformer
def _torch_model_classes():
    import torch
    from torch import nn
    import torch.nn.functional as F

    class Block(nn.Module):
        """Pre-LayerNorm transformer block: attention, then an MLP, each added to the stream."""

        def __init__(self, dim: int, heads: int, causal: bool):
            super().__init__()
            self.heads, self.causal = heads, causal
            self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
            self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
            self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

        def forward(self, x):
            b, t, d = x.shape
            q, k, v = self.qkv(self.norm1(x)).split(d, dim=-1)
            shape = (b, t, self.heads, d // self.heads)
            q, k, v = (z.view(shape).transpose(1, 2) for z in (q, k, v))
            attended = F.scaled_dot_product_attention(q, k, v, is_causal=self.causal)
            x = x + self.proj(attended.transpose(1, 2).reshape(b, t, d))
            return x + self.mlp(self.norm2(x))

    class TinyTransformer(nn.Module):
        """Token + learned position embedding → blocks → LayerNorm → lm_head (vocabulary logits)."""

        def __init__(self, vocab_size, dim, context, layers, heads, causal, tie, init_std):
            super().__init__()
            self.causal, self.context = causal, context
            self.tok_emb = nn.Embedding(vocab_size, dim)
            self.pos_emb = nn.Embedding(context, dim)
            self.blocks = nn.ModuleList(Block(dim, heads, causal) for _ in range(layers))
            self.norm = nn.LayerNorm(dim)
            self.lm_head = nn.Linear(dim, vocab_size, bias=False)
            for module in self.modules():          # GPT-2's scheme: N(0, 0.02), zero biases
                if isinstance(module, (nn.Linear, nn.Embedding)):
                    nn.init.normal_(module.weight, 0.0, 0.02)
                if isinstance(module, nn.Linear) and module.bias is not None:
                    nn.init.zeros_(module.bias)
            nn.init.normal_(self.tok_emb.weight, 0.0, init_std)
            if tie:
                self.lm_head.weight = self.tok_emb.weight   # one Parameter, used twice

        def forward(self, ids):
            if ids.shape[1] > self.context:
                raise CourseError(f"the input has {ids.shape[1]} positions but the model has "
                                  f"only {self.context}: cut it to {self.context} tokens")
            x = self.tok_emb(ids) + self.pos_emb(torch.arange(ids.shape[1]))
            for block in self.blocks:
                x = block(x)
            return self.lm_head(self.norm(x))

    return TinyTransformer


def tiny_transformer(vocab_size: int, dim: int = 32, context: int = 16, layers: int = 2,
                     heads: int = 2, causal: bool = True, tie: bool = True,
                     init_std: float = 0.02):
    """A small GPT-style (`causal=True`) or BERT-style (`causal=False`) transformer.

    With `tie=True` the output layer reuses the token table (`lm_head.weight = tok_emb.weight`),
    as GPT-2 and BERT do. `init_std` is the standard deviation of the token table's start.
    """
    vocab_size = validation.whole_number(vocab_size, "vocab_size", 2, 1_000_000, between=True)
    dim = validation.whole_number(dim, "dim", 2, 1_024, between=True)
    context = validation.whole_number(context, "context", 1, 1_024, between=True)
    layers = validation.whole_number(layers, "layers", 0, 24, between=True)
    heads = validation.whole_number(heads, "heads", 1, 64, between=True)
    if dim % heads:
        raise CourseError(f"dim ({dim}) must be divisible by heads ({heads}): each head gets "
                          "an equal slice")
    init_std = validation.positive_number(init_std, "init_std")
    causal, tie = validation.flag(causal, "causal"), validation.flag(tie, "tie")
    return _torch_model_classes()(vocab_size, dim, context, layers, heads, causal, tie, init_std)


@dataclass
class TyingReport:
    """What tying means, measured on a model: one Parameter object, one storage, one count."""

    same_parameter: bool      # lm_head.weight is tok_emb.weight
    same_storage: bool        # data_ptr() equal
    equal_values: bool
    parameters: int           # model.parameters() counts a shared Parameter once

    @property
    def tied(self) -> bool:
        return self.same_parameter

    def explain(self) -> str:
        if self.same_parameter:
            return "tied: one Parameter used by both layers (one storage, gradients summed)"
        if self.same_storage:
            return ("two Parameter objects over one storage (.data was shared): the optimizer "
                    "sees two parameters and the gradients are not summed into one")
        if self.equal_values:
            return "a copy: equal numbers today, separate storage that drifts apart in training"
        return "not tied: two separate tables"


def tying_report(model, embedding: str = "tok_emb", head: str = "lm_head") -> TyingReport:
    """Is `model.<head>.weight` the same Parameter as `model.<embedding>.weight`?

    Dotted names reach inside, e.g. `embedding="transformer.wte"` for transformers' GPT-2.
    """
    import operator

    import torch

    try:
        emb = operator.attrgetter(embedding)(model).weight
        out = operator.attrgetter(head)(model).weight
    except AttributeError:
        raise CourseError(f"expected a model with .{embedding}.weight and .{head}.weight, "
                          f"got {type(model).__name__}") from None
    equal = emb.shape == out.shape and bool(torch.equal(emb.detach(), out.detach()))
    return TyingReport(same_parameter=emb is out, same_storage=emb.data_ptr() == out.data_ptr(),
                       equal_values=equal, parameters=sum(p.numel() for p in model.parameters()))


def tied_gradient_demo(vocab_size: int = 12, dim: int = 4, seed: int = 0) -> dict:
    """Prove that a tied table's gradient is the sum of its two uses' gradients.

    The same numbers, once as one shared Parameter and once as two separate copies (input
    table, output table): the shared gradient equals input-gradient + output-gradient.
    """
    import torch
    import torch.nn.functional as F

    vocab_size = validation.whole_number(vocab_size, "vocab_size", 2, 10_000, between=True)
    dim = validation.whole_number(dim, "dim", 1, 1_024, between=True)
    generator = torch.Generator().manual_seed(validation.seed(seed))
    table = torch.randn(vocab_size, dim, generator=generator, dtype=torch.float64)
    ids = torch.randint(vocab_size, (8,), generator=generator)
    targets = torch.randint(vocab_size, (8,), generator=generator)

    def loss(inp, out):
        hidden = torch.tanh(inp[ids])                  # a stand-in for the blocks
        return F.cross_entropy(hidden @ out.T, targets)

    shared = table.clone().requires_grad_()
    loss(shared, shared).backward()
    inp, out = table.clone().requires_grad_(), table.clone().requires_grad_()
    loss(inp, out).backward()
    total = inp.grad + out.grad
    return {"shared": shared.grad, "input use": inp.grad, "output use": out.grad,
            "sum of uses": total,
            "max difference": float((shared.grad - total).abs().max()),
            "rows touched by input use": int((inp.grad.abs().sum(1) > 0).sum()),
            "rows touched by output use": int((out.grad.abs().sum(1) > 0).sum())}


def gpt2_parameter_count(tied: bool = True, config=None) -> dict:
    """GPT-2 small's parameters from its config's shapes (no weights): part → count.

    Defaults are GPT2Config()'s: 50,257 tokens, 1,024 positions, 768 dims, 12 layers.
    """
    if config is None:
        from transformers import GPT2Config
        config = GPT2Config()
    d, v, p, n = config.n_embd, config.vocab_size, config.n_positions, config.n_layer
    inner = config.n_inner or 4 * d
    block = (2 * d                      # ln_1
             + d * 3 * d + 3 * d        # attention: q, k, v projection
             + d * d + d                # attention output projection
             + 2 * d                    # ln_2
             + d * inner + inner        # MLP up
             + inner * d + d)           # MLP down
    parts = {"token table (wte)": v * d, "position table (wpe)": p * d,
             f"{n} blocks": n * block, "final LayerNorm": 2 * d,
             "output layer (lm_head)": 0 if tied else v * d}
    parts["total"] = sum(parts.values())
    return parts


# =========================================================================== objectives
@dataclass
class TokenStream:
    """The toy corpus as one stream of word IDs (sentences separated by <eos>)."""

    vocabulary: list[str]
    ids: np.ndarray

    @property
    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.vocabulary)}

    def windows(self, length: int) -> np.ndarray:
        """Non-overlapping windows (count, length) of the stream."""
        count = len(self.ids) // length
        return self.ids[:count * length].reshape(count, length)


def toy_token_stream(sentences=None) -> TokenStream:
    """Word-level IDs for the toy corpus: specials first (<eos>, [MASK]), then words A→Z."""
    from .data import load_toy_corpus

    sentences = load_toy_corpus() if sentences is None else sentences
    words = sorted({w for s in sentences for w in s})
    vocabulary = list(SPECIALS) + words
    index = {w: i for i, w in enumerate(vocabulary)}
    ids = [i for s in sentences for i in [index[w] for w in s] + [index[EOS]]]
    return TokenStream(vocabulary, np.asarray(ids, dtype=np.int64))


def mask_tokens(ids, vocab_size: int, generator, rate: float = 0.15, mask_id: int = 1,
                first_word_id: int = len(SPECIALS)):
    """BERT's corruption: pick `rate` of the positions; of those 80 % → [MASK], 10 % → a random
    word, 10 % unchanged. Returns (inputs, targets, kind): targets are −100 (ignored) except at
    picked positions; kind is 0 not picked, 1 masked, 2 random, 3 kept."""
    import torch

    rate = validation.number(rate, "rate", 0.0, 1.0, low_open=True, high_open=True,
                             why=" (BERT uses 0.15)")
    ids = torch.as_tensor(ids)
    picked = torch.rand(ids.shape, generator=generator) < rate
    roll = torch.rand(ids.shape, generator=generator)
    masked = picked & (roll < 0.8)
    randomised = picked & (roll >= 0.8) & (roll < 0.9)
    inputs = ids.clone()
    inputs[masked] = mask_id
    random_words = torch.randint(first_word_id, vocab_size, ids.shape, generator=generator)
    inputs[randomised] = random_words[randomised]
    targets = torch.where(picked, ids, torch.full_like(ids, -100))
    kind = torch.zeros_like(ids)
    kind[picked] = 3
    kind[masked] = 1
    kind[randomised] = 2
    return inputs, targets, kind


@dataclass
class TrainingRun:
    objective: str
    model: object
    vocabulary: list[str]
    losses: list[float] = field(default_factory=list)
    start: np.ndarray | None = None          # the token table before the first step

    @property
    def table(self) -> np.ndarray:
        return self.model.tok_emb.weight.detach().numpy().copy()

    def kept_from_start(self) -> float:
        """Mean cosine between each row before and after training (1: the start survived)."""
        before, after = normalize_rows(self.start), normalize_rows(self.table)
        return float(np.einsum("ij,ij->i", before, after).mean())


def objective_loss(model, batch, objective: str, generator, vocab_size: int):
    """Cross-entropy of one batch: next token (targets = inputs shifted) or masked tokens."""
    import torch.nn.functional as F

    if objective == "next-token":
        inputs, targets = batch[:, :-1], batch[:, 1:]
    elif objective == "masked":
        inputs, targets, _ = mask_tokens(batch, vocab_size, generator)
    else:
        raise CourseError(f"objective must be 'next-token' or 'masked', got {objective!r}")
    logits = model(inputs)
    return F.cross_entropy(logits.reshape(-1, vocab_size), targets.reshape(-1), ignore_index=-100)


def train_tiny(objective: str = "next-token", steps: int = 300, dim: int = 32, context: int = 16,
               batch_size: int = 64, lr: float = 5e-3, init_std: float = 0.02, tie: bool = True,
               seed: int = 0, stream: TokenStream | None = None, progress: bool = False) -> TrainingRun:
    """Train the tiny transformer on the toy corpus with one objective; same data, same seed.

    "next-token" (GPT): causal attention, predict every next word. "masked" (BERT): attention
    both ways, predict the 15 % picked words. Runs on one thread (steadier on a shared CPU).
    """
    import torch

    from .display import progress_bar
    from .reproducibility import single_thread
    objective = validation.choice(objective, "objective", ("next-token", "masked"))
    steps = validation.whole_number(steps, "steps", 1, 20_000, between=True)
    batch_size = validation.whole_number(batch_size, "batch_size", 1, 4_096, between=True)
    lr = validation.learning_rate(lr)
    seed = validation.seed(seed)
    stream = stream or toy_token_stream()
    length = context + 1 if objective == "next-token" else context
    windows = torch.from_numpy(stream.windows(length))
    vocab_size = len(stream.vocabulary)
    torch.manual_seed(seed)
    model = tiny_transformer(vocab_size, dim=dim, context=context, causal=objective == "next-token",
                             tie=tie, init_std=init_std)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    generator = torch.Generator().manual_seed(seed)
    run = TrainingRun(objective, model, stream.vocabulary,
                      start=model.tok_emb.weight.detach().numpy().copy())
    with single_thread(), progress_bar(steps, f"Training ({objective})", show=progress) as bar:
        for _ in range(steps):
            rows = torch.randint(len(windows), (batch_size,), generator=generator)
            loss = objective_loss(model, windows[rows], objective, generator, vocab_size)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            run.losses.append(loss.item())
            # a uniform guess costs ln V; 100 times that is no longer learning
            validation.finite_loss(run.losses[-1], lr, f"at step {len(run.losses)}",
                                   ceiling=100 * math.log(vocab_size))
            bar.update(1)
    model.eval()
    return run


def smoothed(losses, window: int = 20) -> np.ndarray:
    """Running mean of the last `window` losses (the curve a learner reads)."""
    window = validation.whole_number(window, "window", low=1)
    losses = np.asarray(losses, dtype=float)
    window = max(1, min(window, len(losses)))
    cumulative = np.cumsum(np.insert(losses, 0, 0.0))
    out = np.empty_like(losses)
    out[window - 1:] = (cumulative[window:] - cumulative[:-window]) / window
    out[:window - 1] = cumulative[1:window] / np.arange(1, window)
    return out


def group_similarity(table, vocabulary, groups: dict = GROUPS) -> dict:
    """Mean cosine between words of the same group and of different groups, and the gap."""
    index = {w: i for i, w in enumerate(vocabulary)}
    words = [w for ws in groups.values() for w in ws if w in index]
    labels = [g for g, ws in groups.items() for w in ws if w in index]
    unit = normalize_rows(np.asarray(table)[[index[w] for w in words]])
    sims = unit @ unit.T
    same = np.array([[a == b for b in labels] for a in labels])
    off_diagonal = ~np.eye(len(words), dtype=bool)
    within = float(sims[same & off_diagonal].mean())
    between = float(sims[~same].mean())
    return {"within": within, "between": between, "gap": within - between}


def nearest_words(table, vocabulary, word: str, k: int = 5, skip_specials: bool = True):
    """The `k` rows closest (cosine) to `word`'s row, as (word, cosine)."""
    k = validation.whole_number(k, "k", low=1, why=" (k is how many neighbours to list)")
    index = {w: i for i, w in enumerate(vocabulary)}
    if word not in index:
        raise CourseError(f"word {word!r} is not in the toy vocabulary ({len(vocabulary)} "
                          "words): pick one of them, e.g. 'dog'")
    unit = normalize_rows(table)
    scores = unit @ unit[index[word]]
    order = np.argsort(-scores, kind="stable")
    found = [(vocabulary[i], float(scores[i])) for i in order
             if i != index[word] and not (skip_specials and vocabulary[i] in SPECIALS)]
    return found[:k]


def group_precision(table, vocabulary, k: int = 3, groups: dict = GROUPS) -> float:
    """Share of each group word's k nearest words that belong to the same group."""
    member = {w: g for g, ws in groups.items() for w in ws}
    hits = total = 0
    for word in member:
        for other, _ in nearest_words(table, vocabulary, word, k):
            hits += member.get(other) == member[word]
            total += 1
    return hits / total


# =========================================================================== init scale
def first_step_stats(init_std: float, stream: TokenStream | None = None, dim: int = 32,
                     context: int = 16, batch_size: int = 64, seed: int = 0) -> dict:
    """Loss and logit spread of a fresh tied next-token model before any training step."""
    import torch
    import torch.nn.functional as F

    batch_size = validation.whole_number(batch_size, "batch_size", 1, 4_096, between=True)
    stream = stream or toy_token_stream()
    vocab_size = len(stream.vocabulary)
    torch.manual_seed(validation.seed(seed))
    model = tiny_transformer(vocab_size, dim=dim, context=context, init_std=init_std)
    windows = torch.from_numpy(stream.windows(context + 1))
    batch = windows[torch.randint(len(windows), (batch_size,),
                                  generator=torch.Generator().manual_seed(seed))]
    with torch.no_grad():
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, vocab_size), batch[:, 1:].reshape(-1))
        top = logits.softmax(-1).max(-1).values.mean()
    return {"init std": init_std, "loss": float(loss), "uniform loss": math.log(vocab_size),
            "logit std": float(logits.std()), "mean top probability": float(top)}


def expected_logit_std(init_std: float, dim: int) -> float:
    """Spread of a tied model's first logits: a LayerNormed hidden vector (norm ≈ √dim) dotted
    with rows of N(0, init_std²) numbers has standard deviation ≈ init_std · √dim."""
    init_std = validation.positive_number(init_std, "init_std")
    return init_std * math.sqrt(validation.whole_number(dim, "dim", 1, 1_000_000, between=True))


# =========================================================================== a pretrained table
def minilm_token_counts(sentences=None) -> np.ndarray:
    """How often each MiniLM WordPiece token occurs in a corpus (default: the bundled Lee
    news corpus, ~60k words, tokenized with MiniLM's own WordPiece): our frequency proxy."""
    from .data import load_lee_corpus
    from .subwords import load_wordpiece

    sentences = load_lee_corpus() if sentences is None else sentences
    tokenizer = load_wordpiece()
    counts = np.zeros(tokenizer.get_vocab_size(), dtype=np.int64)
    texts = [" ".join(s) for s in sentences if s]
    for encoding in tokenizer.encode_batch(texts, add_special_tokens=False):
        np.add.at(counts, encoding.ids, 1)
    return counts


FREQUENCY_BINS = ((0, 0, "never"), (1, 9, "1–9"), (10, 99, "10–99"), (100, 999, "100–999"),
                  (1_000, None, "1,000+"))


def norm_by_frequency(matrix, counts, tokens) -> list[dict]:
    """Mean row norm per frequency bin (special and [unused] rows left out)."""
    norms = np.linalg.norm(np.asarray(matrix), axis=1)   # no float64 copy of a big table
    ordinary = np.array([not (t.startswith("[") and t.endswith("]")) for t in tokens])
    rows = []
    for low, high, label in FREQUENCY_BINS:
        inside = (counts >= low) & ((counts <= high) if high is not None else True) & ordinary
        rows.append({"bin": label, "tokens": int(inside.sum()),
                     "mean norm": float(norms[inside].mean()) if inside.any() else float("nan")})
    return rows


def spearman(a, b) -> float:
    """Spearman rank correlation (average ranks for ties)."""
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def anisotropy(matrix, pairs: int = 20_000, seed: int = 0, centre: bool = False) -> float:
    """Mean cosine of `pairs` random pairs of distinct rows (0 for directions spread evenly).

    With `centre`, the mean row is subtracted first. Only the sampled rows are normalised.
    """
    matrix = np.asarray(matrix)
    if matrix.ndim != 2 or len(matrix) < 2:
        raise CourseError(f"anisotropy needs a table of at least 2 rows, got shape {matrix.shape}")
    pairs = validation.whole_number(pairs, "pairs", 1, 10_000_000, between=True)
    rng = np.random.default_rng(validation.seed(seed))
    a = rng.integers(0, len(matrix), pairs)
    b = rng.integers(0, len(matrix), pairs)
    keep = a != b
    a, b = a[keep], b[keep]
    offset = matrix.mean(axis=0, dtype=np.float64) if centre else 0.0
    total = 0.0
    for start in range(0, len(a), 4_096):        # in chunks: small memory for big tables
        left = normalize_rows(matrix[a[start:start + 4_096]] - offset)
        right = normalize_rows(matrix[b[start:start + 4_096]] - offset)
        total += float(np.einsum("ij,ij->i", left, right).sum())
    return total / len(a)


def outlier_dimensions(matrix, top: int = 3) -> list[dict]:
    """Dimensions whose mean over all rows is furthest from zero, in units of the typical
    dimension's |mean| (median)."""
    top = validation.whole_number(top, "top", low=1)
    means = np.asarray(matrix).mean(axis=0, dtype=np.float64)
    typical = float(np.median(np.abs(means)))
    order = np.argsort(-np.abs(means), kind="stable")[:top]
    return [{"dimension": int(i), "mean": float(means[i]),
             "times typical": float(abs(means[i]) / typical)} for i in order]


def unused_rows(tokens) -> np.ndarray:
    """Row numbers of BERT's placeholder tokens [unused0] … [unused993]."""
    return np.array([i for i, t in enumerate(tokens) if t.startswith("[unused")], dtype=np.int64)


def logit_spread(init_std: float, dim: int, rows: int = 8_192, samples: int = 64,
                 seed: int = 0) -> float:
    """Measured standard deviation of first logits h·e for LayerNormed random hidden vectors h
    (norm √dim) and `rows` table rows e ~ N(0, init_std²): a sample of a real vocabulary."""
    import torch

    init_std = validation.positive_number(init_std, "init_std")
    dim = validation.whole_number(dim, "dim", 1, 4_096, between=True)
    rows = validation.whole_number(rows, "rows", 1, 100_000, between=True)
    samples = validation.whole_number(samples, "samples", 1, 10_000, between=True)
    generator = torch.Generator().manual_seed(validation.seed(seed))
    hidden = torch.nn.functional.layer_norm(torch.randn(samples, dim, generator=generator), (dim,))
    table = torch.randn(rows, dim, generator=generator) * init_std
    return float((hidden @ table.T).std())

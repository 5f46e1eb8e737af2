"""Inside the model: token vectors, word-in-context and attention against the bare transformer calls."""

from __future__ import annotations

from bench.common import Row, interleaved, run_python

_TEXT = "The fisherman sat on the muddy bank and cast his line into the water."

# Extra memory of the attention twin (shares the weights) versus a deep copy with eager attention.
_TWIN_RSS = """
import json, copy, gc
import embedding_core as ec

def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024

m = ec.load_model("minilm"); m.embed(["warm up"]); gc.collect()
a = rss(); ec.attention(m, {text!r}, layer=1, head=1); gc.collect(); b = rss()
hf = copy.deepcopy(m.model[0].auto_model); hf.set_attn_implementation("eager"); gc.collect(); c = rss()
print(json.dumps({{"twin_mb": b - a, "copy_mb": c - b}}))
"""

_FIRST_ATTENTION = """
import json, time
import embedding_core as ec
m = ec.load_model("minilm"); m.embed(["warm up"])
t = time.perf_counter(); ec.attention(m, {text!r}, layer=1, head=1)
print(json.dumps({{"seconds": time.perf_counter() - t}}))
"""


def run() -> list[Row]:
    import copy

    import torch

    import embedding_core as ec

    model = ec.load_model("minilm")
    st = model.model
    tok = st.tokenizer

    ours, bare = interleaved(
        lambda: ec.token_embeddings(model, _TEXT),
        lambda: st.encode(_TEXT, output_value="token_embeddings"),
        repeat=20,
    )
    rows = [
        Row(
            "token_embeddings, one sentence",
            ours * 1e3,
            "ms",
            reference=bare * 1e3,
            reference_name="encode(output_value='token_embeddings')",
            goal="ratio ≤ 1.3 (adds tokenizer offsets)",
        )
    ]

    preset = ec.CONTEXT_PRESETS["bank"]
    sentences = [s for _, s in preset.sentences]
    texts = sentences + list(preset.other_words)
    ours, bare = interleaved(
        lambda: ec.compare_occurrences(model, sentences, "bank", other_words=preset.other_words),
        lambda: [st.encode(t, output_value="token_embeddings") for t in texts],
        repeat=5,
    )
    rows.append(
        Row(
            "compare_occurrences, bank preset (6 sentences + 5 words)",
            ours * 1e3,
            "ms",
            reference=bare * 1e3,
            reference_name="11 bare token encodes",
            goal="ratio ≤ 1.3",
        )
    )

    eager = copy.deepcopy(st[0].auto_model)
    eager.set_attn_implementation("eager")
    enc = tok([_TEXT], return_tensors="pt")

    def bare_attention() -> None:
        with torch.inference_mode():
            eager(**enc, output_attentions=True)

    ec.attention(model, _TEXT, layer=1, head=1)
    ours, bare = interleaved(lambda: ec.attention(model, _TEXT, layer=3, head=5), bare_attention, repeat=20)
    rows.append(
        Row(
            "attention, one sentence (warm)",
            ours * 1e3,
            "ms",
            reference=bare * 1e3,
            reference_name="eager BertModel, output_attentions",
            goal="ratio ≤ 1.3",
        )
    )
    rows.append(
        Row(
            "first attention call (builds the eager twin)",
            run_python(_FIRST_ATTENTION.format(text=_TEXT))["seconds"] * 1e3,
            "ms",
            goal="< 1 s, once per process",
        )
    )
    mem = run_python(_TWIN_RSS.format(text=_TEXT))
    rows.append(
        Row(
            "extra memory of the attention twin",
            mem["twin_mb"],
            "MB",
            reference=max(mem["copy_mb"], 0.01),
            reference_name="deep copy with eager attention",
            goal="< 10 MB (weights shared)",
        )
    )
    return rows

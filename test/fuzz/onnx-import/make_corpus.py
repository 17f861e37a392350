"""Writes the ONNX importer fuzzer's seed corpus and dictionary.

usage: make_corpus.py OUTDIR

OUTDIR/corpus/ gets small models: the importer's lit-test models (every
test/frontends/onnx/make_*models.py, bad inputs included) and, from Debian's libonnx-testdata
backend cases, the smallest model.onnx for each distinct set of op types
(nested graphs of If/Loop/Scan included), each under MAX_BYTES. OUTDIR/onnx.dict
gets the strings those models use (op types, attribute names, domains) in
libFuzzer's dictionary format, so mutations can swap one op or attribute for
another. Run with Debian's Python (python3-onnx).
"""
import os
import subprocess
import sys
import tempfile

import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
LIT_FOLDER = os.path.join(HERE, "..", "..", "frontends", "onnx")
BACKEND = "/usr/share/libonnx-testdata/data"
FOLDERS = ("node", "pytorch-converted", "pytorch-operator", "simple")
MAX_BYTES = 4096


def graphs(graph):
    """Yields `graph` and every graph nested in its nodes' attributes."""
    yield graph
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.HasField("g"):
                yield from graphs(attribute.g)
            for nested in attribute.graphs:
                yield from graphs(nested)


def op_types(model):
    """The (domain, op type) pairs of every node, nested graphs included."""
    return frozenset((node.domain, node.op_type)
                     for graph in graphs(model.graph) for node in graph.node)


def words(model):
    """The strings a mutation could usefully insert."""
    found = set()
    for opset in model.opset_import:
        found.add(opset.domain)
    for graph in graphs(model.graph):
        for node in graph.node:
            found.update((node.op_type, node.domain))
            found.update(attribute.name for attribute in node.attribute)
    found.discard("")
    return found


def lit_models():
    """(name, bytes) for each lit-test model of the importer: those of every
    make_*models.py in test/frontends/onnx (make_models.py's as lit-NAME, the
    others' as lit-FAMILY-NAME)."""
    for script in sorted(os.listdir(LIT_FOLDER)):
        if not (script.startswith("make_") and script.endswith("models.py")):
            continue
        family = script[len("make_"):-len("models.py")].rstrip("_")
        prefix = "lit-" + (family + "-" if family else "")
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([sys.executable, os.path.join(LIT_FOLDER, script),
                            out], check=True, stdout=subprocess.DEVNULL)
            for root, _, files in os.walk(out):
                for name in sorted(files):
                    if not name.endswith(".onnx"):
                        continue
                    with open(os.path.join(root, name), "rb") as f:
                        yield prefix + name, f.read()


def backend_models():
    """(name, bytes) of the smallest backend model per set of op types."""
    smallest = {}
    for folder in FOLDERS:
        for case in sorted(os.listdir(os.path.join(BACKEND, folder))):
            path = os.path.join(BACKEND, folder, case, "model.onnx")
            if not os.path.exists(path) or os.path.getsize(path) > MAX_BYTES:
                continue
            with open(path, "rb") as f:
                data = f.read()
            key = op_types(onnx.load_from_string(data))
            if key not in smallest or len(data) < len(smallest[key][1]):
                smallest[key] = (f"{folder}-{case}.onnx", data)
    return sorted(smallest.values())


def main():
    out = sys.argv[1]
    corpus = os.path.join(out, "corpus")
    os.makedirs(corpus, exist_ok=True)
    dictionary = set()
    for name, data in list(lit_models()) + backend_models():
        if len(data) > MAX_BYTES:
            continue
        with open(os.path.join(corpus, name), "wb") as f:
            f.write(data)
        try:
            dictionary |= words(onnx.load_from_string(data))
        except Exception:  # the lit tests' deliberately corrupt models
            pass
    with open(os.path.join(out, "onnx.dict"), "w") as f:
        f.write("# Strings of the seed models (make_corpus.py).\n")
        for word in sorted(dictionary):
            if word.isascii() and word.isprintable() and '"' not in word \
                    and "\\" not in word:
                f.write(f'"{word}"\n')


if __name__ == "__main__":
    main()

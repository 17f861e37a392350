"""Writes the ONNX models of the attention recognition lit test.

usage: make_attention_models.py OUTDIR

Attention as PyTorch 1.13 exports it (MatMul of q with transposed keys,
scaling, an additive mask, Softmax over the last axis, MatMul with the
values), built with onnx.helper (Debian's python3-onnx): rank 4 with the
scores divided and masked, rank 3 with q and k scaled separately, and a
Softmax over another axis, which is no attention. attention.test
FileChecks `nnc import`.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_models import const, model, node, tensor, write_models  # noqa: E402


def models():
    """Yields (file name, ModelProto) for every test model."""
    # [B, H, L, D]: (q k^T) / sqrt(8) + mask.
    yield "attention_4d.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
         node("MatMul", ["q", "kt"], ["s"]),
         const("c", np.float32(np.sqrt(8.0))),
         node("Div", ["s", "c"], ["ss"]),
         node("Add", ["ss", "mask"], ["sm"]),
         node("Softmax", ["sm"], ["p"], axis=-1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [1, 2, 4, 8]), tensor("k", [1, 2, 6, 8]),
         tensor("v", [1, 2, 6, 3]), tensor("mask", [4, 6])],
        [tensor("o", [1, 2, 4, 3])])

    # [N, L, D] with q * 0.5 and k^T * 0.25 (torch.nn.MultiheadAttention's
    # layout; the keys come as [L, N, D]).
    yield "attention_3d.onnx", model(
        [const("cq", np.float32(0.5)),
         const("ck", np.float32(0.25)),
         node("Mul", ["q", "cq"], ["qs"]),
         node("Transpose", ["k"], ["kt"], perm=[1, 2, 0]),
         node("Mul", ["kt", "ck"], ["kts"]),
         node("MatMul", ["qs", "kts"], ["s"]),
         node("Softmax", ["s"], ["p"], axis=2),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [4, 5, 8]), tensor("k", [7, 4, 8]),
         tensor("v", [4, 7, 8])],
        [tensor("o", [4, 5, 8])])

    # Softmax over the query axis: not attention.
    yield "softmax_other_axis.onnx", model(
        [node("Transpose", ["k"], ["kt"], perm=[0, 2, 1]),
         node("MatMul", ["q", "kt"], ["s"]),
         node("Softmax", ["s"], ["p"], axis=1),
         node("MatMul", ["p", "v"], ["o"])],
        [tensor("q", [2, 5, 8]), tensor("k", [2, 5, 8]),
         tensor("v", [2, 5, 8])],
        [tensor("o", [2, 5, 8])])


def main():
    write_models(sys.argv[1], models())


if __name__ == "__main__":
    main()

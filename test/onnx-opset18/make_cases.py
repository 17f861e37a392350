"""Builds the opset-18 cases: the ops and forms that opset 18 adds.

usage: /usr/bin/python3 make_cases.py   (writes one folder per case beside
this script, in the ONNX backend-test layout `nnc test-onnx` reads)

Debian's ONNX (1.12) has no opset-18 backend tests and no reference
evaluator, so each case is one node (or two) built with onnx.helper at
opset 18, and its expected outputs come from the PyTorch function that
computes the same thing:
  group_norm          GroupNormalization (scale and bias per group, opset
                      18's definition): F.group_norm with each group's entry
                      repeated over its channels; output 0 is the sum of
                      squares, with the gradients of scale and bias
  mish                Mish: F.mish
  center_crop_pad     CenterCropPad (crops one axis, pads another): slicing
                      and F.pad
  resize_antialias_linear, resize_antialias_cubic
                      Resize with antialias, exclude_outside and `axes`,
                      downscaling: F.interpolate(antialias=True), bilinear
                      and bicubic (PyTorch's bicubic uses a = -0.5)
  resize_not_larger   Resize with sizes and keep_aspect_ratio_policy
                      not_larger: F.interpolate at the common scale
  reduce_axes_input   ReduceMean and ReduceMax with axes as an input
  split_num_outputs   Split with num_outputs over an extent it does not
                      divide: torch.split with the ceiling part size
  pad_axes            Pad with the axes input: F.pad
"""
import os
import shutil

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
F32 = TensorProto.FLOAT


def info(name, array):
    dtype = {np.dtype(np.float32): F32, np.dtype(np.int64): TensorProto.INT64}
    return helper.make_tensor_value_info(name, dtype[array.dtype],
                                         list(array.shape))


def write(name, nodes, inputs, outputs, initializers=(), grads=None):
    """inputs, outputs: [(name, array)]; initializers: [(name, array)];
    grads: {initializer name: array} or None."""
    graph = helper.make_graph(
        nodes, name, [info(n, a) for n, a in inputs],
        [info(n, a) for n, a in outputs],
        [numpy_helper.from_array(a, n) for n, a in initializers])
    model = helper.make_model(graph, producer_name="nnc make_cases.py",
                              opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    out_dir = os.path.join(HERE, name)
    shutil.rmtree(out_dir, ignore_errors=True)
    data_dir = os.path.join(out_dir, "test_data_set_0")
    os.makedirs(data_dir)
    onnx.save(model, os.path.join(out_dir, "model.onnx"))

    def save(path, name, array):
        with open(path, "wb") as f:
            f.write(numpy_helper.from_array(array.copy(), name)
                    .SerializeToString())

    for k, (n, a) in enumerate(inputs):
        save(os.path.join(data_dir, "input_%d.pb" % k), n, a)
    for k, (n, a) in enumerate(outputs):
        save(os.path.join(data_dir, "output_%d.pb" % k), n, a)
    if grads:
        os.makedirs(os.path.join(out_dir, "grads"))
        for n, a in grads.items():
            save(os.path.join(out_dir, "grads", n + ".pb"), n, a)
    print(name)


def tensor(*shape):
    return torch.randn(*shape, dtype=torch.float32)


def group_norm():
    x = tensor(2, 6, 3, 4)
    scale = tensor(3).requires_grad_()
    bias = tensor(3).requires_grad_()
    y = F.group_norm(x, 3, scale.repeat_interleave(2),
                     bias.repeat_interleave(2), eps=1e-4)
    loss = (y * y).sum()
    dscale, dbias = torch.autograd.grad(loss, [scale, bias])
    write("group_norm",
          [helper.make_node("GroupNormalization", ["x", "scale", "bias"],
                            ["y"], num_groups=3, epsilon=1e-4),
           helper.make_node("ReduceSumSquare", ["y"], ["loss"], keepdims=0)],
          [("x", x.numpy())],
          [("loss", loss.detach().numpy()), ("y", y.detach().numpy())],
          [("scale", scale.detach().numpy()), ("bias", bias.detach().numpy())],
          {"scale": dscale.numpy(), "bias": dbias.numpy()})


def mish():
    x = tensor(3, 5) * 4
    write("mish", [helper.make_node("Mish", ["x"], ["y"])],
          [("x", x.numpy())], [("y", F.mish(x).numpy())])


def center_crop_pad():
    x = tensor(2, 7, 4)
    # Axis 1: 7 -> 4 keeps rows 1..4; axis 2: 4 -> 7 pads 1 before, 2 after.
    y = F.pad(x[:, 1:5, :], (1, 2))
    write("center_crop_pad",
          [helper.make_node("CenterCropPad", ["x", "shape"], ["y"],
                            axes=[-2, 2])],
          [("x", x.numpy())], [("y", y.numpy())],
          [("shape", np.array([4, 7], np.int64))])


def resize_antialias(name, mode, torch_mode, a):
    x = tensor(1, 2, 9, 11)
    y = F.interpolate(x, size=(4, 3), mode=torch_mode, antialias=True,
                      align_corners=False)
    write(name,
          [helper.make_node("Resize", ["x", "", "", "sizes"], ["y"],
                            mode=mode, antialias=1, exclude_outside=1,
                            cubic_coeff_a=a, axes=[2, 3])],
          [("x", x.numpy())], [("y", y.numpy())],
          [("sizes", np.array([4, 3], np.int64))])


def resize_not_larger():
    x = tensor(1, 1, 4, 6)
    # sizes [8, 20]: the common scale is min(8 / 4, 20 / 6) = 2.
    y = F.interpolate(x, scale_factor=2.0, mode="bilinear",
                      align_corners=False)
    write("resize_not_larger",
          [helper.make_node("Resize", ["x", "", "", "sizes"], ["y"],
                            mode="linear", axes=[2, 3],
                            keep_aspect_ratio_policy="not_larger")],
          [("x", x.numpy())], [("y", y.numpy())],
          [("sizes", np.array([8, 20], np.int64))])


def reduce_axes_input():
    x = tensor(3, 4, 5)
    write("reduce_axes_input",
          [helper.make_node("ReduceMean", ["x", "axes"], ["mean"]),
           helper.make_node("ReduceMax", ["x", "axes"], ["max"],
                            keepdims=0)],
          [("x", x.numpy())],
          [("mean", x.mean(dim=(0, 2), keepdim=True).numpy()),
           ("max", x.amax(dim=(0, 2)).numpy())],
          [("axes", np.array([0, -1], np.int64))])


def split_num_outputs():
    x = tensor(2, 7)
    parts = torch.split(x, 3, dim=1)
    write("split_num_outputs",
          [helper.make_node("Split", ["x"], ["a", "b", "c"], axis=1,
                            num_outputs=3)],
          [("x", x.numpy())],
          [(n, p.contiguous().numpy()) for n, p in zip("abc", parts)])


def pad_axes():
    x = tensor(2, 3, 4)
    # Axis 0 gets 1 before and 0 after, axis 2 gets 2 before and 1 after.
    y = F.pad(x, (2, 1, 0, 0, 1, 0), value=0.5)
    write("pad_axes",
          [helper.make_node("Pad", ["x", "pads", "value", "axes"], ["y"])],
          [("x", x.numpy())], [("y", y.numpy())],
          [("pads", np.array([1, 2, 0, 1], np.int64)),
           ("value", np.array(0.5, np.float32)),
           ("axes", np.array([0, -1], np.int64))])


def main():
    torch.manual_seed(18)
    group_norm()
    mish()
    center_crop_pad()
    resize_antialias("resize_antialias_linear", "linear", "bilinear", -0.75)
    resize_antialias("resize_antialias_cubic", "cubic", "bicubic", -0.5)
    resize_not_larger()
    reduce_axes_input()
    split_num_outputs()
    pad_axes()


if __name__ == "__main__":
    main()

"""Exports a small PyTorch CNN to ONNX and records its outputs.

usage: make_golden.py   (writes beside this script)

The network has what exported CNNs and MLPs are made of: Conv (padding,
stride, groups), BatchNorm in eval mode, ReLU, max and average pooling,
flatten, Linear layers with a Sigmoid and a Tanh, and a softmax. It is
exported with torch.onnx.export (opset 17, do_constant_folding=False, and
TrainingMode.PRESERVE of the eval-mode net, so BatchNormalization stays a
node instead of being folded into the convolution) to cnn.onnx; input.npy is a
batch of 2 images and expected_probs.npy PyTorch's outputs for them, which
the e2e test compares with the model `nnc compile cnn.onnx` builds.
"""
import os

import numpy as np
import torch
from torch import nn

here = os.path.dirname(os.path.abspath(__file__))


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, stride=2, padding=1, groups=2)
        self.pool = nn.AvgPool2d(2, count_include_pad=False)
        self.fc1 = nn.Linear(8 * 2 * 2, 16)
        self.fc2 = nn.Linear(16, 5)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = nn.functional.max_pool2d(x, 2)
        x = self.pool(torch.sigmoid(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.tanh(self.fc1(x))
        return torch.softmax(self.fc2(x), dim=1)


def main():
    torch.manual_seed(0)
    net = SmallCnn()
    # Non-trivial running statistics, as a trained network has.
    with torch.no_grad():
        net.bn1.running_mean.uniform_(-0.5, 0.5)
        net.bn1.running_var.uniform_(0.5, 1.5)
    net.eval()
    x = torch.randn(2, 3, 16, 16)
    torch.onnx.export(net, (x,), os.path.join(here, "cnn.onnx"),
                      input_names=["x"], output_names=["probs"],
                      opset_version=17, do_constant_folding=False,
                      training=torch.onnx.TrainingMode.PRESERVE)
    with torch.no_grad():
        probs = net(x)
    np.save(os.path.join(here, "input.npy"), x.numpy())
    np.save(os.path.join(here, "expected_probs.npy"), probs.numpy())


if __name__ == "__main__":
    main()

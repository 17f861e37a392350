#!/usr/bin/python3
"""ctest arch/ssm/forms-agree: nnc's two forms of S4 give the same output.

  check_forms_agree.py OUTPUTS

OUTPUTS is the folder where the compiled @forward of models/arch/ssm.mlir
wrote s4_y_recurrent.npy (the recurrence, nn.scan) and s4_y_conv.npy (the
convolution with the kernel by FFTs over 2L, nn.fft). Both are float32
computations of the same linear map (exact in real arithmetic), so they
must agree within float32 rounding of ~16-term sums: |conv - rec| <=
1e-5 + 1e-5 |rec| everywhere. Prints the largest difference; exits 1
when they disagree.
"""

import os
import sys

import numpy as np


def main():
    outputs = sys.argv[1]
    recurrent = np.load(os.path.join(outputs, "s4_y_recurrent.npy"))
    conv = np.load(os.path.join(outputs, "s4_y_conv.npy"))
    gap = np.abs(conv - recurrent)
    print("largest |convolution - recurrence|: %.3g (outputs up to %.3g)"
          % (gap.max(), np.abs(recurrent).max()))
    if not np.all(gap <= 1e-5 + 1e-5 * np.abs(recurrent)):
        print("error: the convolution and recurrent forms of S4 disagree")
        sys.exit(1)


if __name__ == "__main__":
    main()

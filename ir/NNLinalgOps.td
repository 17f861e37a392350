//===- NNLinalgOps.td - Numeric kernels of the nn dialect --*- tablegen -*-===//
//
// The numeric kernels some architectures compile into the model: a linear
// solve (ridge-regression readouts of echo state networks and RBF networks)
// and a fast Fourier transform (the convolution form of S4 state space
// models). Complex values are a trailing dimension of 2 (real, imaginary).
// Included from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNLINALGOPS_TD
#define NNC_IR_NNLINALGOPS_TD

//===----------------------------------------------------------------------===//
// Linear solve
//===----------------------------------------------------------------------===//

def NN_SolveOp : NN_Op<"solve", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Solution X of A X = B for square A (torch.linalg.solve)";
  let description = [{
    `a` is `[..., N, N]` and `b` is `[..., N, K]`, both of rank at least 2;
    the leading batch dimensions broadcast as in numpy (as nn.matmul's) and
    the result is `[..., N, K]`: for every batch entry the X with A X = B,
    as torch.linalg.solve with a matrix right-hand side.

    Computed as LAPACK's getrf and getrs do: Gaussian elimination with
    partial pivoting (the row of largest magnitude in the column, the first
    one on ties), applied to B on the way, then back substitution. A
    singular A has no solution; where a pivot is 0 the divisions give
    infinities and NaNs that propagate to the result (PyTorch raises an
    error instead). The work is a fixed number of steps, whatever the
    values.

    ```mlir
    %w = nn.solve %gram, %rhs : tensor<64x64xf32>, tensor<64x10xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$a, NN_FloatTensor:$b);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = "$a `,` $b attr-dict `:` type($a) `,` type($b)";
}

//===----------------------------------------------------------------------===//
// Fast Fourier transform
//===----------------------------------------------------------------------===//

def NN_FftOp : NN_Op<"fft", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Discrete Fourier transform of complex data along axis -2";
  let description = [{
    `input` is `[..., N, 2]`, complex values as (real, imaginary) pairs in
    the last dimension, with N a power of two (1 included). The result has
    the same type: the discrete Fourier transform of every length-N
    sequence along axis -2, as torch.fft.fft, or with `inverse` its inverse,
    as torch.fft.ifft:

      y[k] = scale * sum_n x[n] exp(-+ 2 pi i k n / N)

    (minus for the forward transform, plus for the inverse). `norm` sets
    `scale` as in PyTorch: "backward" (the default) leaves the forward
    transform unscaled and scales the inverse by 1/N, "forward" does the
    opposite, "ortho" scales both by 1/sqrt(N).

    Computed by the iterative radix-2 Cooley-Tukey algorithm, log2(N)
    stages of butterflies: O(N log N) per sequence.

    ```mlir
    %spectrum = nn.fft %signal : tensor<8x1024x2xf32>
    %back = nn.fft %spectrum {inverse = true, norm = "ortho"}
        : tensor<8x1024x2xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
      DefaultValuedAttr<BoolAttr, "false">:$inverse,
      DefaultValuedAttr<StrAttr, "\"backward\"">:$norm);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The factor every output is multiplied by (see the description).
    double getScale();
  }];
}

#endif // NNC_IR_NNLINALGOPS_TD

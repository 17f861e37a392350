//===- NNPoolOps.td - Pooling ops of the nn dialect --------*- tablegen -*-===//
//
// Max and average pooling over the 1 to 3 spatial dimensions of an
// `[N, C, spatial...]` tensor, and the ops their gradients are made of. The
// window geometry (kernel, stride, padding, dilation, ceil mode) is the one
// of ir/SlidingWindow.h. Global pooling needs no op of its own: it is
// nn.reduce_max / nn.reduce_mean over the spatial axes. Included from
// NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNPOOLOPS_TD
#define NNC_IR_NNPOOLOPS_TD

/// The window attributes every pooling op has. `stride` defaults to the
/// kernel (PyTorch's pooling default), `padding` to none.
class NN_PoolWindowArguments {
  dag windowArguments = (ins DenseI64ArrayAttr:$kernel,
      DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$stride,
      DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$padding,
      DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
}

//===----------------------------------------------------------------------===//
// Max pooling
//===----------------------------------------------------------------------===//

def NN_MaxPoolOp : NN_Op<"max_pool", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]>,
    NN_PoolWindowArguments {
  let summary = "Maximum over sliding windows";
  let description = [{
    `input` is `[N, C, spatial...]` with 1 to 3 spatial dimensions; each
    output element is the maximum of one window of its channel, as
    torch.nn.functional.max_pool{1,2,3}d. `kernel` has one extent per
    spatial dimension; `stride` is empty (the kernel, PyTorch's default) or
    one per dimension; `dilation` is empty (all 1) or one per dimension;
    `padding` is empty (none), one per dimension (both sides) or begins then
    ends, each below the kernel extent (ONNX's rule; PyTorch allows at most
    half of it). Padding counts as -inf. With `ceil_mode` the output
    extent rounds up, so the last window may hang over the end, as long as
    it starts inside the input or its leading padding.

    ```mlir
    %y = nn.max_pool %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>,
                         padding = array<i64: 1, 1>, ceil_mode = true}
        : tensor<8x16x32x32xf32>
    ```
  }];
  let arguments = !con((ins NN_FloatTensor:$input), windowArguments,
      (ins DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$dilation));
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let extraClassDeclaration = [{
    /// The window, with the defaults filled in (the op verified).
    ::nnc::SlidingWindow getWindow();
  }];
}

def NN_MaxPoolGradOp : NN_Op<"max_pool_grad", [Pure, InferTypeOpAdaptor]>,
    NN_PoolWindowArguments {
  let summary = "Gradient of max pooling with respect to its input";
  let description = [{
    Sends each element of `grad_output` (of the type `nn.max_pool` gives
    `input` with the same attributes) to the first maximum of its window in
    `input`, windows read in row-major order (PyTorch's rule for ties), and
    adds up what reaches each input element. The result has `input`'s type.
    A NaN never counts as the maximum here (PyTorch sends the gradient of a
    window holding NaNs to its last NaN; nnc to its first maximum among the
    other values). Used by nn.max_pool's gradient; it has no gradient of its
    own.

    ```mlir
    %dx = nn.max_pool_grad %dy, %x {kernel = array<i64: 2, 2>}
        : tensor<8x16x16x16xf32>, tensor<8x16x32x32xf32>
    ```
  }];
  let arguments = !con((ins NN_FloatTensor:$grad_output,
                            NN_FloatTensor:$input), windowArguments,
      (ins DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$dilation));
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $grad_output `,` $input attr-dict `:` type($grad_output) `,` type($input)
  }];
  let extraClassDeclaration = [{
    /// The window, with the defaults filled in (the op verified).
    ::nnc::SlidingWindow getWindow();
  }];
}

def NN_MaxPoolIndicesOp : NN_Op<"max_pool_indices", [Pure,
    InferTypeOpAdaptor]>, NN_PoolWindowArguments {
  let summary = "Where each window's maximum of max pooling lies";
  let description = [{
    For the windows of `nn.max_pool` with the same attributes, the index
    into `input` of each window's first maximum (windows read in row-major
    order; padding never wins), as ONNX MaxPool's `Indices` output: the
    element's flattened position in `input`, row-major over N, C and the
    spatial axes, or with `storage_order = 1` the spatial axes taken in
    column-major order (`(n * C + c) * H * W + w * H + h` for 2-d). A
    window holding NaN gives its first maximum among the other values
    (its first element when all are NaN). The result is i64 of the pooled
    shape; it has no gradient. (torch.nn.functional.max_pool2d with
    `return_indices=True` gives the position inside the `(n, c)` plane.)

    ```mlir
    %i = nn.max_pool_indices %x {kernel = array<i64: 2, 2>}
        : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xi64>
    ```
  }];
  let arguments = !con((ins NN_FloatTensor:$input), windowArguments,
      (ins DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$dilation,
           DefaultValuedAttr<I64Attr, "0">:$storage_order));
  let results = (outs StaticShapeTensorOf<[I64]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let extraClassDeclaration = [{
    /// The window, with the defaults filled in (the op verified).
    ::nnc::SlidingWindow getWindow();
  }];
}

//===----------------------------------------------------------------------===//
// Average pooling
//===----------------------------------------------------------------------===//

def NN_AvgPoolOp : NN_Op<"avg_pool", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]>,
    NN_PoolWindowArguments {
  let summary = "Mean over sliding windows";
  let description = [{
    `input` is `[N, C, spatial...]` with 1 to 3 spatial dimensions; each
    output element is the mean of one window of its channel, as
    torch.nn.functional.avg_pool{1,2,3}d. `kernel`, `stride` (default: the
    kernel), `padding` (zeros) and `ceil_mode` are those of nn.max_pool;
    there is no dilation. The divisor is the number of window positions
    inside the padded input with `count_include_pad` (the default), else
    inside the input; a window that hangs over the end in ceil mode counts
    only what it covers of the padded input.

    ```mlir
    %y = nn.avg_pool %x {kernel = array<i64: 3>, padding = array<i64: 1>,
                         count_include_pad = false} : tensor<8x16x32xf32>
    ```
  }];
  let arguments = !con((ins NN_FloatTensor:$input), windowArguments,
      (ins DefaultValuedAttr<BoolAttr, "true">:$count_include_pad));
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let extraClassDeclaration = [{
    /// The window, with the defaults filled in (the op verified).
    ::nnc::SlidingWindow getWindow();
  }];
}

def NN_AvgPoolGradOp : NN_Op<"avg_pool_grad", [Pure]>,
    NN_PoolWindowArguments {
  let summary = "Gradient of average pooling with respect to its input";
  let description = [{
    Spreads each element of `grad_output` evenly over its window, divided
    by the divisor nn.avg_pool used there, and adds up what reaches each
    element of a tensor of the result type: the transpose of nn.avg_pool
    from the result type with the same attributes, which must give
    `grad_output`'s type. Used by nn.avg_pool's gradient; it has no
    gradient of its own.

    ```mlir
    %dx = nn.avg_pool_grad %dy {kernel = array<i64: 2, 2>}
        : tensor<8x16x16x16xf32> -> tensor<8x16x32x32xf32>
    ```
  }];
  let arguments = !con((ins NN_FloatTensor:$grad_output), windowArguments,
      (ins DefaultValuedAttr<BoolAttr, "true">:$count_include_pad));
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $grad_output attr-dict `:` type($grad_output) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The window, with the defaults filled in (the op verified).
    ::nnc::SlidingWindow getWindow();
  }];
}

#endif // NNC_IR_NNPOOLOPS_TD

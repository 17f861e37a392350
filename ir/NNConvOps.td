//===- NNConvOps.td - Convolution ops of the nn dialect ----*- tablegen -*-===//
//
// Convolution and transposed convolution over 1 to 3 (or more) spatial
// dimensions, with stride, padding, dilation and groups: torch's convNd and
// conv_transposeNd (and ONNX's Conv and ConvTranspose, whose asymmetric
// padding the begins-then-ends form of `padding` covers). The window
// geometry is ir/SlidingWindow.h. Included from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNCONVOPS_TD
#define NNC_IR_NNCONVOPS_TD

class NN_ConvolutionOp<string mnemonic> : NN_Op<mnemonic, [Pure,
    InferTypeOpAdaptor, DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` type($input) `,`
    type($weight) (`,` type($bias)^)?
  }];
  code sharedDeclarations = [{
    /// The window with torch's defaults filled in (the kernel is the
    /// weight's spatial shape); the attributes are checked by the verifier.
    SlidingWindow getWindow();
  }];
  let extraClassDefinition = [{
    ::nnc::SlidingWindow $cppClass::getWindow() {
      return *::nnc::readSlidingWindow(
          std::nullopt, getWeight().getType().getShape().drop_front(2),
          getStride(), getPadding(), getDilation());
    }
  }];
}

def NN_ConvOp : NN_ConvolutionOp<"conv"> {
  let summary = "N-d convolution with stride, padding, dilation and groups";
  let description = [{
    `input` is `[N, C, spatial...]` and `weight` is
    `[F, C / groups, kernel...]` (one kernel extent per spatial dimension);
    the optional `bias` is `[F]`. Output `f` of group `g = f / (F / groups)`
    sees input channels `g * C / groups` up to the next group, as
    torch.nn.functional.conv1d/2d/3d (a cross-correlation). Each spatial
    output extent is
    `floor((in + pad_begin + pad_end - dilation * (k - 1) - 1) / stride) + 1`,
    zero padding.

    `stride` and `dilation` have one entry per spatial dimension (default
    all 1); `padding` has one per dimension (both sides) or begins then ends
    (default none). Depthwise convolution is `groups = C`; a dilated kernel
    covers `k + (k - 1) * (dilation - 1)` input positions.

    ```mlir
    %y = nn.conv %x, %w, %b {stride = array<i64: 2, 2>,
                             padding = array<i64: 1, 1>}
        : tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$weight,
                   Optional<NN_FloatTensor>:$bias,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$stride,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$padding,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$dilation,
                   DefaultValuedAttr<I64Attr, "1">:$groups);
  let extraClassDeclaration = sharedDeclarations;
}

def NN_ConvTransposeOp : NN_ConvolutionOp<"conv_transpose"> {
  let summary = "N-d transposed convolution (the adjoint of nn.conv)";
  let description = [{
    The gradient of `nn.conv` with respect to its input, used to upsample:
    `input` is `[N, C, spatial...]`, `weight` is `[C, F / groups,
    kernel...]` and the optional `bias` is `[F]`, as
    torch.nn.functional.conv_transpose1d/2d/3d. Each spatial output extent
    is `(in - 1) * stride - pad_begin - pad_end + dilation * (k - 1) +
    output_padding + 1`; `output_padding` (default 0, each below the stride
    or the dilation) picks among the sizes a strided nn.conv maps to `in`.

    ```mlir
    %y = nn.conv_transpose %x, %w {stride = array<i64: 2, 2>}
        : tensor<1x8x16x16xf32>, tensor<8x4x2x2xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$weight,
                   Optional<NN_FloatTensor>:$bias,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$stride,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$padding,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$dilation,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$output_padding,
                   DefaultValuedAttr<I64Attr, "1">:$groups);
  let extraClassDeclaration = sharedDeclarations # [{
    /// `output_padding` with its default (zeros) filled in.
    llvm::SmallVector<int64_t> getOutputPaddingOrZeros();
  }];
}

#endif // NNC_IR_NNCONVOPS_TD

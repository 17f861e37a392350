//===- NNNormOps.td - Normalization ops of the nn dialect --*- tablegen -*-===//
//
// Batch, layer and RMS normalization: each scales its input by the inverse
// root of a second moment taken over some axes, then applies a learned
// per-feature scale (and shift). Included from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNNORMOPS_TD
#define NNC_IR_NNNORMOPS_TD

//===----------------------------------------------------------------------===//
// Batch normalization
//===----------------------------------------------------------------------===//

def NN_BatchNormOp : NN_Op<"batch_norm", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Batch normalization with running statistics";
  let description = [{
    `input` is `[N, C, ...]`; `weight`, `bias`, `running_mean` and
    `running_var` are `[C]`. Statistics are taken per channel (axis 1) over
    every other axis, as torch.nn.functional.batch_norm.

    With `training` (the default) the input is normalized with the batch's
    mean and biased variance, `(x - mean) / sqrt(var + eps) * weight + bias`,
    and the running statistics are updated:
    `(1 - momentum) * running + momentum * batch`, with the unbiased batch
    variance (`var * n / (n - 1)` for `n` values per channel, which must be
    more than 1). With `training = false` the running statistics normalize
    the input and are returned unchanged.

    Results: the normalized input, then the new running mean and variance.
    Gradients reach `input`, `weight` and `bias`; the running statistics are
    state, not parameters, and get none (PyTorch updates them outside
    autograd, so the new statistics are not differentiated either).

    ```mlir
    %y, %mean, %var = nn.batch_norm %x, %w, %b, %rm, %rv {momentum = 0.1}
        : tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$weight,
                   NN_FloatTensor:$bias, NN_FloatTensor:$running_mean,
                   NN_FloatTensor:$running_var,
                   DefaultValuedAttr<F64Attr, "1e-5">:$eps,
                   DefaultValuedAttr<F64Attr, "0.1">:$momentum,
                   DefaultValuedAttr<BoolAttr, "true">:$training);
  let results = (outs NN_FloatTensor:$result,
                      NN_FloatTensor:$new_running_mean,
                      NN_FloatTensor:$new_running_var);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias `,` $running_mean `,` $running_var attr-dict
    `:` type($input) `,` type($weight) `,` type($bias) `,`
    type($running_mean) `,` type($running_var)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Number of values each channel's statistics are taken over.
    int64_t getValuesPerChannel();
  }];
}

//===----------------------------------------------------------------------===//
// Layer and RMS normalization
//===----------------------------------------------------------------------===//

def NN_LayerNormOp : NN_Op<"layer_norm", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Layer normalization over the trailing dimensions";
  let description = [{
    Normalizes over the trailing dimensions that `weight`'s shape covers:
    `(x - mean) / sqrt(var + eps) * weight + bias`, with the mean and the
    biased variance of each slice (torch.nn.functional.layer_norm with
    `normalized_shape = weight.shape`). `weight` and `bias` have the same
    type, and their shape is the input's trailing shape.

    ```mlir
    %y = nn.layer_norm %x, %w, %b {eps = 1.0e-5}
        : tensor<8x16x32xf32>, tensor<32xf32>, tensor<32xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$weight,
                   NN_FloatTensor:$bias,
                   DefaultValuedAttr<F64Attr, "1e-5">:$eps);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` type($input) `,` type($weight)
    `,` type($bias)
  }];
  let hasVerifier = 1;
}

def NN_RmsNormOp : NN_Op<"rms_norm", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Root-mean-square normalization over the trailing dimensions";
  let description = [{
    `x / sqrt(mean(x^2) + eps) * weight`, the mean taken over the trailing
    dimensions that `weight`'s shape covers (LLaMA's RMSNorm;
    torch.nn.RMSNorm with `normalized_shape = weight.shape`).

    ```mlir
    %y = nn.rms_norm %x, %w {eps = 1.0e-6} : tensor<8x16x32xf32>, tensor<32xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$weight,
                   DefaultValuedAttr<F64Attr, "1e-6">:$eps);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` type($input) `,` type($weight)
  }];
  let hasVerifier = 1;
}

#endif // NNC_IR_NNNORMOPS_TD

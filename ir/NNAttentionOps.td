//===- NNAttentionOps.td - Attention op of the nn dialect --*- tablegen -*-===//
//
// Scaled dot-product attention and its gradient as ops, so that passes can
// see them whole: nnc-flash-attention tiles them over key/value blocks with
// an online softmax instead of materializing the score matrix. Included
// from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNATTENTIONOPS_TD
#define NNC_IR_NNATTENTIONOPS_TD

//===----------------------------------------------------------------------===//
// Scaled dot-product attention
//===----------------------------------------------------------------------===//

def NN_AttentionOp : NN_Op<"attention", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Scaled dot-product attention with masks and grouped queries";
  let description = [{
    `softmax(query key^T * scale + mask) value` over the key axis, with
    `query` `[B, Hq, Lq, D]`, `key` `[B, Hkv, Lk, D]` and `value`
    `[B, Hkv, Lk, Dv]`; the result is `[B, Hq, Lq, Dv]`. Grouped-query
    attention: `Hq` is a multiple of `Hkv`, and query head `h` attends to
    key/value head `h / (Hq / Hkv)` (torch.repeat_interleave of the keys and
    values over heads).

    `scale` defaults to `1 / sqrt(D)`. The optional `mask` broadcasts to
    `[B, Hq, Lq, Lk]`: a float mask (the query's element type) is added to
    the scores, an `i1` mask keeps the scores where it is true and masks
    them out where it is false (torch's scaled_dot_product_attention
    convention). `causal` masks key `j` out for query `i` when `j > i`
    (top-left aligned); `window` (0 = none) keeps only keys with
    `|i - j| < window`, so with `causal` query `i` sees keys
    `i - window + 1 .. i` (sliding-window attention). A query whose keys are
    all masked out gets zeros, not NaN.

    ```mlir
    %o = nn.attention %q, %k, %v {causal = true}
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>
    %m = nn.attention %q, %k, %v mask %bias
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32>, tensor<128x128xf32>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$query, NN_StaticFloatTensor:$key,
                   NN_StaticFloatTensor:$value,
                   Optional<RankedTensorOf<[AnyFloat, I1]>>:$mask,
                   DefaultValuedAttr<BoolAttr, "false">:$causal,
                   DefaultValuedAttr<I64Attr, "0">:$window,
                   OptionalAttr<F64Attr>:$scale);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`mask` $mask^)? attr-dict `:` type($query) `,`
    type($key) `,` type($value) (`,` type($mask)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The scale of the scores: the `scale` attribute or `1 / sqrt(D)`.
    double getScaleOrDefault();
  }];
}

//===----------------------------------------------------------------------===//
// Gradient of scaled dot-product attention
//===----------------------------------------------------------------------===//

def NN_AttentionGradOp : NN_Op<"attention_grad", [Pure, InferTypeOpAdaptor,
    AllTypesMatch<["output", "grad_output"]>]> {
  let summary = "Gradients of nn.attention with respect to query, key and "
                "value";
  let description = [{
    Given `output`, what `nn.attention` with the same operands and
    attributes gives, and `grad_output`, the gradient of a loss with respect
    to it, the gradients with respect to `query`, `key` and `value` (of
    their types). Not with respect to the mask: an additive mask's gradient
    is the whole `[Lq, Lk]` score gradient, which nn.attention's gradient
    rule forms untiled instead. nnc-flash-attention tiles this op as
    FlashAttention-2 does (scores recomputed per key tile from each row's
    logsumexp; dQ, dK and dV accumulated tile by tile), so its memory grows
    linearly with the sequence. Used by nn.attention's gradient; it has no
    gradient of its own.

    ```mlir
    %dq, %dk, %dv = nn.attention_grad %dout, %out, %q, %k, %v {causal = true}
        : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>,
          tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$grad_output,
                   NN_StaticFloatTensor:$output,
                   NN_StaticFloatTensor:$query, NN_StaticFloatTensor:$key,
                   NN_StaticFloatTensor:$value,
                   Optional<RankedTensorOf<[AnyFloat, I1]>>:$mask,
                   DefaultValuedAttr<BoolAttr, "false">:$causal,
                   DefaultValuedAttr<I64Attr, "0">:$window,
                   OptionalAttr<F64Attr>:$scale);
  let results = (outs NN_StaticFloatTensor:$query_grad,
                      NN_StaticFloatTensor:$key_grad,
                      NN_StaticFloatTensor:$value_grad);
  let assemblyFormat = [{
    $grad_output `,` $output `,` $query `,` $key `,` $value
    (`mask` $mask^)? attr-dict `:` type($grad_output) `,` type($query) `,`
    type($key) `,` type($value) (`,` type($mask)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The scale of the scores: the `scale` attribute or `1 / sqrt(D)`.
    double getScaleOrDefault();
  }];
}

#endif // NNC_IR_NNATTENTIONOPS_TD

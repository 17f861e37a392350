//===- NNLossOps.td - Likelihood losses of the nn dialect --*- tablegen -*-===//
//
// Binary cross-entropy (on probabilities and on logits), negative
// log-likelihood of class indices and the Kullback-Leibler divergence of two
// diagonal Gaussians: the losses of classifiers that end in a sigmoid or a
// log-softmax and of variational autoencoders. Each takes a `reduction`
// ("mean", the default, "sum" or "none") as torch.nn.functional does.
// Included from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNLOSSOPS_TD
#define NNC_IR_NNLOSSOPS_TD

/// A loss of two operands of one type whose reduction folds every element.
class NN_ElementwiseLossOp<string mnemonic, string what, string formula,
                           string torchName, string operandNames>
    : NN_Op<mnemonic, [Pure, InferTypeOpAdaptor,
                       DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = what;
  let description = [{
    Elementwise }] # formula # [{, then reduced by `reduction`: "mean" (the
    default) or "sum" give a rank-0 tensor, "none" keeps the shape
    (}] # torchName # [{). The operands (}] # operandNames # [{) have the same
    type.

    ```mlir
    %l = nn.}] # mnemonic # [{ %a, %b {reduction = "sum"} : tensor<8x3xf32>, tensor<8x3xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$target,
                   NN_ReductionAttr:$reduction);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $target attr-dict `:` type($input) `,` type($target)
  }];
}

//===----------------------------------------------------------------------===//
// Binary cross-entropy
//===----------------------------------------------------------------------===//

def NN_BinaryCrossEntropyOp : NN_ElementwiseLossOp<"binary_cross_entropy",
    "Binary cross-entropy of probabilities",
    "`-(t * max(log p, -100) + (1 - t) * max(log(1 - p), -100))` for "
    "probabilities `p` in [0, 1] and targets `t` (usually in [0, 1]); each "
    "log is clamped at -100 as PyTorch does, so `p` of exactly 0 or 1 gives "
    "a finite loss",
    "torch.nn.functional.binary_cross_entropy without weights",
    "`input` p and `target` t">;

def NN_BinaryCrossEntropyWithLogitsOp : NN_ElementwiseLossOp<
    "binary_cross_entropy_with_logits",
    "Binary cross-entropy of logits",
    "`max(x, 0) - x * t + log1p(exp(-|x|))`, the binary cross-entropy of "
    "`sigmoid(x)` computed without forming it, so that logits of any size "
    "(+-1e4 and beyond) give finite losses and gradients",
    "torch.nn.functional.binary_cross_entropy_with_logits without weights",
    "`input` logits x and `target` t">;

//===----------------------------------------------------------------------===//
// Negative log-likelihood
//===----------------------------------------------------------------------===//

def NN_NllLossOp : NN_Op<"nll_loss", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Negative log-likelihood of class indices";
  let description = [{
    `input` holds log-probabilities `[N, C]` or `[N, C, d1, ..., dk]` (the
    class axis is 1); `target` holds class indices (i8, i16, i32 or i64) of
    shape `[N]` or `[N, d1, ..., dk]`. Each position gives
    `-input[n, target[n, ...], ...]`, or 0 where the target equals
    `ignore_index` (default -100, which must fit the targets' type).
    Reduced by `reduction`: "sum", "none" (the target's shape), or "mean"
    (the default), which divides the sum by the number of targets that are
    not ignored (NaN when all are), as torch.nn.functional.nll_loss without
    weights. A target outside `[0, C)` other than `ignore_index` is an error
    in PyTorch; here it contributes 0 and counts for "mean".

    ```mlir
    %l = nn.nll_loss %logp, %labels {reduction = "none"} : tensor<8x10xf32>, tensor<8xi64>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
                   RankedTensorOf<[I8, I16, I32, I64]>:$target,
                   NN_ReductionAttr:$reduction,
                   DefaultValuedAttr<I64Attr, "-100">:$ignore_index);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $target attr-dict `:` type($input) `,` type($target)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Kullback-Leibler divergence of Gaussians
//===----------------------------------------------------------------------===//

def NN_GaussianKlDivOp : NN_Op<"gaussian_kl_div", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "KL divergence between diagonal Gaussians";
  let description = [{
    `KL(N(mu_q, e^logvar_q) || N(mu_p, e^logvar_p))` per element:

      `0.5 (logvar_p - logvar_q + (e^logvar_q + (mu_q - mu_p)^2) / e^logvar_p - 1)`

    (torch.distributions.kl_divergence of two Normal distributions with
    scales `exp(0.5 logvar)`), reduced by `reduction` ("mean", the default,
    "sum" or "none"). With `mu_p = logvar_p = 0` it is the KL term of a
    variational autoencoder. The four operands have the same type.

    ```mlir
    %kl = nn.gaussian_kl_div %mu, %logvar, %mu_p, %logvar_p {reduction = "sum"}
        : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$mu_q, NN_FloatTensor:$logvar_q,
                   NN_FloatTensor:$mu_p, NN_FloatTensor:$logvar_p,
                   NN_ReductionAttr:$reduction);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $mu_q `,` $logvar_q `,` $mu_p `,` $logvar_p attr-dict `:` type($mu_q) `,`
    type($logvar_q) `,` type($mu_p) `,` type($logvar_p)
  }];
}

#endif // NNC_IR_NNLOSSOPS_TD

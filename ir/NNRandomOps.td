//===- NNRandomOps.td - Counter-based random ops -----------*- tablegen -*-===//
//
// Random ops take a key tensor and draw every random number as a pure
// function of the key and the element's position (a counter-based
// generator): no hidden state, the same key gives the same numbers, and a
// gradient rule can redraw exactly the numbers the forward pass used.
// Included from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNRANDOMOPS_TD
#define NNC_IR_NNRANDOMOPS_TD

def NN_DropoutOp : NN_Op<"dropout", [Pure, AllTypesMatch<["input", "result"]>,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Zeroes random elements and rescales the rest";
  let description = [{
    With `training` (the default), each element is zeroed with probability
    `p` (default 0.5) and the others are multiplied by `1 / (1 - p)`
    (torch.nn.functional.dropout); with `training = false` the op is the
    identity. `p` is in [0, 1]; `p = 1` zeroes everything.

    Whether the element at row-major linear index `i` is kept is a pure
    function of the rank-0 `key` and `i` (splitmix64 seeded with a hash of
    the key), so equal keys drop the same elements and the gradient is
    `nn.dropout` of the result gradient with the same key. In 64-bit
    wrapping arithmetic, with `>>` a logical shift:

      `mix(z) = z3` where `z1 = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9`,
      `z2 = (z1 ^ (z1 >> 27)) * 0x94D049BB133111EB`, `z3 = z2 ^ (z2 >> 31)`;
      `bits = mix(mix(key) + (i + 1) * 0x9E3779B97F4A7C15)`;
      element `i` is kept when `bits >> 11 >= round(p * 2^53)`.

    ```mlir
    %y = nn.dropout %x, %key {p = 0.1} : tensor<8x128xf32>, tensor<i64>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$input, 0DTensorOf<[I64]>:$key,
                   DefaultValuedAttr<F64Attr, "0.5">:$p,
                   DefaultValuedAttr<BoolAttr, "true">:$training);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $key attr-dict `:` type($input) `,` type($key)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def NN_RandomNormalOp : NN_Op<"random_normal", [Pure]> {
  let summary = "Standard normal samples drawn from a key";
  let description = [{
    A tensor of independent N(0, 1) samples (torch.randn), each a pure
    function of the rank-0 `key` and the element's row-major linear index
    `i`, so equal keys give equal samples (reparameterized sampling in a
    VAE, noise in diffusion). With `mix` and the counter hash of
    `nn.dropout`, `bits(c) = mix(mix(key) + c * 0x9E3779B97F4A7C15)`; in
    double precision, `u1 = ((bits(2i + 1) >> 11) + 1) * 2^-53` (in
    (0, 1]) and `u2 = (bits(2i + 2) >> 11) * 2^-53`, and the sample is the
    Box-Muller `sqrt(-2 ln u1) cos(2 pi u2)`, rounded to the result type.

    ```mlir
    %eps = nn.random_normal %key : tensor<i64> -> tensor<8x16xf32>
    ```
  }];
  let arguments = (ins 0DTensorOf<[I64]>:$key);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = "$key attr-dict `:` type($key) `->` type($result)";
}

def NN_RandomUniformOp : NN_Op<"random_uniform", [Pure]> {
  let summary = "Uniform samples in [0, 1) drawn from a key";
  let description = [{
    A tensor of independent samples uniform on [0, 1) (torch.rand), each a
    pure function of the rank-0 `key` and the element's row-major linear
    index `i`, so equal keys give equal samples (Bernoulli and Gibbs
    sampling by comparing with a probability, masking decisions). With
    `bits(c)` as for `nn.random_normal`, the sample is
    `(bits(i + 1) >> (64 - p)) * 2^-p`, where `p` is the precision of the
    result's float type in bits (24 for f32, 53 for f64, 11 for f16, 8 for
    bf16): every sample is exact in the result type, and 1 is never drawn.
    `nn.dropout` draws the same bits for the same key, so a program wanting
    independent masks and samples gives them different keys.

    ```mlir
    %u = nn.random_uniform %key : tensor<i64> -> tensor<8x16xf32>
    %p = nn.compare lt, %u, %probability : tensor<8x16xf32>, tensor<8x16xf32>
    ```
  }];
  let arguments = (ins 0DTensorOf<[I64]>:$key);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = "$key attr-dict `:` type($key) `->` type($result)";
}

#endif // NNC_IR_NNRANDOMOPS_TD

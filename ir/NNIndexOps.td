//===- NNIndexOps.td - Indexing, casting and spiking ops ---*- tablegen -*-===//
//
// Ops that pick, place or count along an axis by integer indices (gather,
// scatter_add, scatter_reduce, argmax, argmin, cumsum), the element type
// conversion nn.cast, and the Heaviside step of spiking neurons with its
// surrogate gradient. Embedding lookup is nn.gather along axis 0 of the
// table; graph message passing is nn.gather of node rows by edge source and
// nn.scatter_add (nn.scatter_reduce for a mean, maximum or minimum per node)
// of messages by edge target. Included from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNINDEXOPS_TD
#define NNC_IR_NNINDEXOPS_TD

/// Index operands: PyTorch's index tensors are int64; int32 is accepted too.
def NN_IndexTensor : StaticShapeTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Gather and scatter
//===----------------------------------------------------------------------===//

def NN_GatherOp : NN_Op<"gather", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Slices of a tensor picked by integer indices along an axis";
  let description = [{
    `result[i..., j..., k...] = input[i..., indices[j...], k...]` where
    `i...` runs over the dimensions of `input` before `axis` (negative
    counts from the end) and `k...` over those after it: the result shape is
    `input.shape[:axis] + indices.shape + input.shape[axis+1:]`
    (torch.index_select generalized to an index tensor of any shape, as
    `input[:, ..., indices]`; an embedding lookup is a gather along axis 0
    of the table). `indices` is i32 or i64.

    Every index must be in `[0, input.shape[axis])` (no negative indices
    counting from the end). An index outside that range is an error of the
    program, which PyTorch reports at run time; the compiled code never
    reads out of bounds: it reads the nearest row in range instead (clamps
    the index).

    ```mlir
    %rows = nn.gather %table, %tokens {axis = 0} : tensor<1000x64xf32>, tensor<8x16xi64>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[AnyFloat, AnySignlessInteger]>:$input,
                   NN_IndexTensor:$indices, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $indices attr-dict `:` type($input) `,` type($indices)
  }];
}

def NN_ScatterAddOp : NN_Op<"scatter_add", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Adds slices into a tensor at integer indices along an axis";
  let description = [{
    `dest` with slice `k` of `source` along `axis` (negative counts from the
    end) added to slice `indices[k]` of `dest` along that axis, for every
    `k`; slices sent to one index add up (torch.index_add(dest, axis,
    indices, source), out of place). `indices` is one-dimensional, i32 or
    i64, of length `K`; `source` has `dest`'s shape with extent `K` along
    `axis`. An index outside `[0, dest.shape[axis])` is an error of the
    program (PyTorch reports it); its slice is then added nowhere.

    Cost: `O(K)` slice additions, linear in the number of indices (an
    edge list of a million edges costs a million slice additions, whatever
    the number of nodes). The lowering walks the indices in order and adds
    each source slice into its destination slice in place; on a GPU each
    step is one kernel over a slice, so the steps run one after another.

    ```mlir
    %agg = nn.scatter_add %zeros, %targets, %messages {axis = 0}
        : tensor<100x16xf32>, tensor<400xi64>, tensor<400x16xf32>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[AnyFloat, AnySignlessInteger]>:$dest,
                   NN_IndexTensor:$indices,
                   StaticShapeTensorOf<[AnyFloat, AnySignlessInteger]>:$source,
                   I64Attr:$axis);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $dest `,` $indices `,` $source attr-dict `:` type($dest) `,`
    type($indices) `,` type($source)
  }];
}

def NN_ScatterReduceOp : NN_Op<"scatter_reduce", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Reduces slices into a tensor at integer indices along an axis";
  let description = [{
    The segment reductions of message passing: slice `k` of `source` along
    `axis` (negative counts from the end) goes to slice `indices[k]` of
    `dest`, and the slices sent to one index are combined by `reduce`:
    "sum", "mean", "amax" (elementwise maximum) or "amin" (minimum). The
    semantics are torch.Tensor.index_reduce(axis, indices, source, reduce,
    include_self) out of place, with "sum" added (index_reduce has "prod"
    instead; "sum" with `include_self` is torch.index_add, nn.scatter_add):
    - `include_self` (default true): the destination slice takes part in
      the reduction as one more element (for "mean" it counts once);
    - `include_self = false`: a slice that receives at least one index is
      the reduction of its source slices alone.
    A slice that receives no index (an empty segment, such as a node
    without incoming edges) keeps `dest`'s value in every mode: pass zeros
    as `dest` for the usual 0 of an empty sum or mean. A NaN in a segment
    makes its "amax"/"amin" NaN. `indices` is one-dimensional, i32 or i64,
    of length `K`; `source` has `dest`'s float type and shape with extent
    `K` along `axis`. An index outside `[0, dest.shape[axis])` is an error
    of the program (PyTorch reports it); its slice then goes nowhere and is
    not counted.

    Cost: linear in `K`, like nn.scatter_add: one pass over the indices
    combining slices in place, a second one first for `include_self =
    false` (resetting the receiving slices), and for "mean" a count per
    destination slice and one division of the result.

    Gradient (torch's): "sum" passes the result gradient to `dest` and
    gathers it for `source`; "mean" divides it by each segment's count;
    "amax"/"amin" split it evenly among the elements equal to the result
    (ties share). Without `include_self`, `dest` gets no gradient at the
    slices that received an index and is not among the tied elements
    there (torch 1.13 still counts a `dest` element equal to the
    segment's extremum as tied, and so drops its share of the gradient).
    Floats only: torch's integer "mean" rounds down.

    ```mlir
    %m = nn.scatter_reduce %dest, %targets, %messages {axis = 0, reduce = "amax", include_self = false}
        : tensor<100x16xf32>, tensor<400xi64>, tensor<400x16xf32>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$dest, NN_IndexTensor:$indices,
                   NN_StaticFloatTensor:$source, I64Attr:$axis,
                   DefaultValuedAttr<StrAttr, "\"sum\"">:$reduce,
                   DefaultValuedAttr<BoolAttr, "true">:$include_self);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = [{
    $dest `,` $indices `,` $source attr-dict `:` type($dest) `,`
    type($indices) `,` type($source)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Arg reductions
//===----------------------------------------------------------------------===//

class NN_ArgReduceOp<string mnemonic, string what, string torchName>
    : NN_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "Index of the " # what # " along an axis";
  let description = [{
    The position (i64) along `axis` (negative counts from the end) of the
    }] # what # [{ of each slice of `input`, the first one where several
    are equal, and a NaN counting as the }] # what # [{ (}] # torchName #
    [{(input, dim = axis, keepdim)). With `keepdim` (default false) the axis
    stays with extent 1. Not differentiable: the result is an integer
    tensor, which autodiff treats as constant.

    ```mlir
    %label = nn.}] # mnemonic # [{ %logits {axis = 1} : tensor<8x10xf32>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[AnyFloat]>:$input, I64Attr:$axis,
                   DefaultValuedAttr<BoolAttr, "false">:$keepdim);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def NN_ArgMaxOp : NN_ArgReduceOp<"argmax", "maximum", "torch.argmax">;
def NN_ArgMinOp : NN_ArgReduceOp<"argmin", "minimum", "torch.argmin">;

//===----------------------------------------------------------------------===//
// Scans along an axis
//===----------------------------------------------------------------------===//

def NN_CumsumOp : NN_Op<"cumsum", [Pure, SameOperandsAndResultType,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Running sum along an axis";
  let description = [{
    `result[..., i, ...] = sum of input[..., j, ...] for j <= i` along
    `axis` (negative counts from the end), torch.cumsum; with `reverse`
    (default false) the sum runs from the end, `j >= i`
    (torch.flip(torch.cumsum(torch.flip(x, [axis]), axis), [axis])). Each
    element is its own reduction over the axis, so the op costs `O(n^2)`
    for an axis of extent `n`, with no dependence between elements.

    ```mlir
    %c = nn.cumsum %x {axis = 1, reverse = true} : tensor<4x16xf32>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$input, I64Attr:$axis,
                   DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Element type conversion
//===----------------------------------------------------------------------===//

def NN_CastOp : NN_Op<"cast", [Pure,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Converts every element to another element type";
  let description = [{
    `input.to(dtype)` in PyTorch, between float types (f16, bf16, f32, f64:
    rounded to nearest) and signless integer types (signed; i1 is bool).
    Float to integer truncates toward zero; integer to float rounds to
    nearest; to i1 tests `!= 0`; i1 to a number gives 0 or 1; integer to
    integer sign-extends or wraps. A float that is NaN or out of the
    integer type's range gives an unspecified value (as in PyTorch), never a
    trap. The shape is unchanged. Differentiable between float types only
    (the gradient is cast back); to or from integers it has no gradient.

    ```mlir
    %i = nn.cast %x : tensor<8xf32> -> tensor<8xi64>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[AnyFloat, AnySignlessInteger]>:$input);
  let results = (outs StaticShapeTensorOf<[AnyFloat, AnySignlessInteger]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Spiking
//===----------------------------------------------------------------------===//

def NN_HeavisideOp : NN_Op<"heaviside", [Pure, SameOperandsAndResultType,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Spike: a step at 0 with a surrogate gradient";
  let description = [{
    Forward: 1 where `input > 0`, else 0, in the input's float type
    (`(v > 0).float()` in PyTorch: the spike of a neuron whose membrane
    potential minus threshold is `v`). The true derivative is 0 almost
    everywhere; the gradient uses the derivative of a smooth `surrogate`
    instead, with steepness `slope` (> 0), as snnTorch does:
    - "fast_sigmoid" (default): `1 / (slope * |v| + 1)^2`
      (snntorch.surrogate.fast_sigmoid, default slope 25);
    - "sigmoid": `slope * s * (1 - s)` with `s = sigmoid(slope * v)`
      (snntorch.surrogate.sigmoid);
    - "straight_through": 1, the gradient passes unchanged
      (snntorch.surrogate.straight_through_estimator); `slope` is unused.

    ```mlir
    %spk = nn.heaviside %v {surrogate = "sigmoid", slope = 5.0} : tensor<8x128xf32>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$input,
                   DefaultValuedAttr<StrAttr, "\"fast_sigmoid\"">:$surrogate,
                   DefaultValuedAttr<F64Attr, "25.0">:$slope);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

#endif // NNC_IR_NNINDEXOPS_TD

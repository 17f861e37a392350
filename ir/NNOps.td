//===- NNOps.td - Operations of the nn dialect -------------*- tablegen -*-===//
//
// Every op states PyTorch's reference semantics, verifies its operands with a
// message that says what was expected, and infers its result type.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNOPS_TD
#define NNC_IR_NNOPS_TD

include "ir/GradientOpInterface.td"
include "ir/NNDialect.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def NN_FloatTensor : RankedTensorOf<[AnyFloat]>;

/// Operand and result of the ops without shape inference: nothing else
/// rejects a dynamic extent there, and every lowering needs static shapes.
def NN_StaticFloatTensor : StaticShapeTensorOf<[AnyFloat]>;
/// Operands of arithmetic that is defined on integers too.
def NN_NumericTensor : RankedTensorOf<[AnyFloat, AnySignlessInteger]>;

/// The reduction a loss applies to its per-element values.
def NN_ReductionAttr : DefaultValuedAttr<StrAttr, "\"mean\"">;

//===----------------------------------------------------------------------===//
// Matrix multiplication
//===----------------------------------------------------------------------===//

def NN_MatmulOp : NN_Op<"matmul", [Pure, InferTypeOpAdaptor,
                                    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Batched matrix product with broadcast batch dimensions";
  let description = [{
    `lhs` is `[..., M, K]` and `rhs` is `[..., K, N]`, both of rank at least
    2; the leading batch dimensions broadcast as in numpy and the result is
    `[..., M, N]` (torch.matmul on operands of rank >= 2).

    ```mlir
    %y = nn.matmul %x, %w : tensor<8x64xf32>, tensor<64x128xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$lhs, NN_FloatTensor:$rhs);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
}

//===----------------------------------------------------------------------===//
// Broadcasting elementwise binary ops
//===----------------------------------------------------------------------===//

class NN_BroadcastBinaryOp<string mnemonic, string what, string torchName,
                           Type operandType = NN_NumericTensor>
    : NN_Op<mnemonic, [Pure, InferTypeOpAdaptor, DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Elementwise " # what # " with numpy broadcasting";
  let description = [{
    Both operands have the same element type; their shapes broadcast as in
    numpy (trailing dimensions align, size-1 dimensions stretch). Matches
    }] # torchName # [{.

    ```mlir
    %z = nn.}] # mnemonic # [{ %a, %b : tensor<8x128xf32>, tensor<128xf32>
    ```
  }];
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::nnc::nn::inferBroadcastBinaryType(
          loc, adaptor.getLhs().getType(), adaptor.getRhs().getType(), types);
    }
  }];
}

def NN_AddOp : NN_BroadcastBinaryOp<"add", "sum", "torch.add">;
def NN_SubOp : NN_BroadcastBinaryOp<"sub", "difference", "torch.sub">;
def NN_MulOp : NN_BroadcastBinaryOp<"mul", "product", "torch.mul">;
def NN_DivOp : NN_BroadcastBinaryOp<"div", "quotient (true division)",
                                    "torch.div", NN_FloatTensor>;
def NN_PowOp : NN_BroadcastBinaryOp<"pow", "power", "torch.pow",
                                    NN_FloatTensor>;
def NN_MaximumOp : NN_BroadcastBinaryOp<"maximum", "maximum",
                                        "torch.maximum">;
def NN_MinimumOp : NN_BroadcastBinaryOp<"minimum", "minimum",
                                        "torch.minimum">;

//===----------------------------------------------------------------------===//
// Elementwise unary math and activations
//===----------------------------------------------------------------------===//

class NN_UnaryOp<string mnemonic, string what, string formula,
                 list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultType,
                                   DeclareOpInterfaceMethods<NN_GradientOpInterface>], traits)> {
  let summary = what;
  let description = [{
    Elementwise on a floating-point tensor: }] # formula # [{.

    ```mlir
    %y = nn.}] # mnemonic # [{ %x : tensor<8x128xf32>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$input);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def NN_NegOp : NN_UnaryOp<"neg", "Negation", "`-x`">;
def NN_AbsOp : NN_UnaryOp<"abs", "Absolute value", "`|x|`">;
def NN_ExpOp : NN_UnaryOp<"exp", "Exponential", "`e^x`">;
def NN_LogOp : NN_UnaryOp<"log", "Natural logarithm", "`ln(x)`">;
def NN_SqrtOp : NN_UnaryOp<"sqrt", "Square root", "`sqrt(x)`">;
def NN_RsqrtOp : NN_UnaryOp<"rsqrt", "Reciprocal square root",
                            "`1 / sqrt(x)`">;
def NN_SigmoidOp : NN_UnaryOp<"sigmoid", "Logistic sigmoid",
                              "`1 / (1 + e^-x)` (torch.sigmoid)">;
def NN_TanhOp : NN_UnaryOp<"tanh", "Hyperbolic tangent", "`tanh(x)`">;
def NN_ReluOp : NN_UnaryOp<"relu", "Rectified linear unit",
                           "`max(x, 0)` (torch.nn.functional.relu)">;
def NN_SiluOp : NN_UnaryOp<"silu", "Sigmoid linear unit (swish)",
                           "`x * sigmoid(x)` (torch.nn.functional.silu)">;
def NN_MishOp : NN_UnaryOp<"mish", "Mish",
    "`x * tanh(softplus(x))` (torch.nn.functional.mish)">;

def NN_ErfOp : NN_UnaryOp<"erf", "Gauss error function",
                          "`erf(x)` (torch.erf)">;
def NN_SinOp : NN_UnaryOp<"sin", "Sine", "`sin(x)` (torch.sin)">;
def NN_CosOp : NN_UnaryOp<"cos", "Cosine", "`cos(x)` (torch.cos)">;
def NN_SignOp : NN_UnaryOp<"sign", "Sign",
    "`-1`, `0` or `1` as `x` is negative, zero or positive (torch.sign); "
    "its gradient is zero">;
def NN_StopGradientOp : NN_UnaryOp<"stop_gradient", "Identity that blocks "
    "gradients", "`x`, treated as a constant by differentiation "
    "(torch.Tensor.detach)">;

def NN_LeakyReluOp : NN_UnaryOp<"leaky_relu", "Leaky rectified linear unit",
    "`x` where `x >= 0`, else `negative_slope * x` "
    "(torch.nn.functional.leaky_relu, default slope 0.01)"> {
  let arguments = (ins NN_StaticFloatTensor:$input,
                   DefaultValuedAttr<F64Attr, "0.01">:$negative_slope);
}

def NN_EluOp : NN_UnaryOp<"elu", "Exponential linear unit",
    "`x` where `x > 0`, else `alpha * (e^x - 1)` "
    "(torch.nn.functional.elu, default alpha 1)"> {
  let arguments = (ins NN_StaticFloatTensor:$input,
                   DefaultValuedAttr<F64Attr, "1.0">:$alpha);
}

def NN_GeluOp : NN_UnaryOp<"gelu", "Gaussian error linear unit",
    "with `approximate = \"none\"` (the default) `x * Phi(x)` with the exact "
    "normal CDF `Phi(x) = (1 + erf(x / sqrt(2))) / 2`; with "
    "`approximate = \"tanh\"` "
    "`0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))` "
    "(torch.nn.functional.gelu)"> {
  let arguments = (ins NN_StaticFloatTensor:$input,
                   DefaultValuedAttr<StrAttr, "\"none\"">:$approximate);
  let hasVerifier = 1;
}

def NN_SoftplusOp : NN_UnaryOp<"softplus", "Softplus",
    "`log(1 + e^(beta x)) / beta`, and `x` where `beta x > threshold` "
    "(torch.nn.functional.softplus, defaults beta 1, threshold 20)"> {
  let arguments = (ins NN_StaticFloatTensor:$input,
                   DefaultValuedAttr<F64Attr, "1.0">:$beta,
                   DefaultValuedAttr<F64Attr, "20.0">:$threshold);
  let hasVerifier = 1;
}

class NN_AxisOp<string mnemonic, string what, string formula>
    : NN_Op<mnemonic, [Pure, SameOperandsAndResultType,
                       DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = what;
  let description = [{
    Along dimension `axis` (negative counts from the end): }] # formula # [{.
    Computed stably (the maximum along the axis is subtracted first).

    ```mlir
    %p = nn.}] # mnemonic # [{ %logits axis 1 : tensor<8x10xf32>
    ```
  }];
  let arguments = (ins NN_StaticFloatTensor:$input, I64Attr:$axis);
  let results = (outs NN_StaticFloatTensor:$result);
  let assemblyFormat = "$input `axis` $axis attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def NN_SoftmaxOp : NN_AxisOp<"softmax", "Softmax",
    "`e^x / sum(e^x)` (torch.softmax)">;
def NN_LogSoftmaxOp : NN_AxisOp<"log_softmax", "Log-softmax",
    "`x - log(sum(e^x))` (torch.log_softmax)">;

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class NN_ReduceOp<string mnemonic, string what, string torchName>
    : NN_Op<mnemonic, [Pure, InferTypeOpAdaptor,
                       DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = what # " over the given axes";
  let description = [{
    Reduces `input` over `axes` (distinct, negative counts from the end; an
    empty list reduces every axis). With `keepdim` the reduced axes stay with
    size 1. Matches }] # torchName # [{.

    ```mlir
    %s = nn.}] # mnemonic # [{ %x [1] {keepdim = true} : tensor<8x10xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, DenseI64ArrayAttr:$axes,
                   DefaultValuedAttr<BoolAttr, "false">:$keepdim);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = "$input $axes attr-dict `:` type($input)";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> loc,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      ::mlir::BoolAttr keepdim = ::nnc::nn::inherentAttr(
          adaptor.getKeepdimAttr(), adaptor.getAttributes(), "keepdim");
      return ::nnc::nn::inferReductionType(
          loc, adaptor.getInput().getType(), adaptor.getAxes(),
          keepdim && keepdim.getValue(), types);
    }
  }];
}

def NN_ReduceSumOp : NN_ReduceOp<"reduce_sum", "Sum", "torch.sum">;
def NN_ReduceMeanOp : NN_ReduceOp<"reduce_mean", "Mean", "torch.mean">;
def NN_ReduceMaxOp : NN_ReduceOp<"reduce_max", "Maximum", "torch.amax">;
def NN_ReduceProdOp : NN_ReduceOp<"reduce_prod", "Product",
                                  "torch.prod (over several axes at once)">;
def NN_LogSumExpOp : NN_ReduceOp<"logsumexp", "Stable log-sum-exp",
                                 "torch.logsumexp">;

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

def NN_ReshapeOp : NN_Op<"reshape", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Same elements in row-major order, new shape";
  let description = [{
    `shape` lists the new extents; at most one may be -1, meaning whatever
    makes the element counts agree (torch.reshape).

    ```mlir
    %y = nn.reshape %x [8, -1] : tensor<8x8x8xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input $shape attr-dict `:` type($input)";
}

def NN_TransposeOp : NN_Op<"transpose", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Permutes dimensions";
  let description = [{
    Result dimension `i` is input dimension `perm[i]` (torch.permute).

    ```mlir
    %wt = nn.transpose %w [1, 0] : tensor<128x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input $perm attr-dict `:` type($input)";
}

def NN_BroadcastToOp : NN_Op<"broadcast_to", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Broadcasts to a shape as numpy does";
  let description = [{
    Trailing dimensions align; each input dimension must equal the target's
    or be 1 (torch.broadcast_to).

    ```mlir
    %b = nn.broadcast_to %bias [8, 128] : tensor<128xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input $shape attr-dict `:` type($input)";
}

def NN_SliceOp : NN_Op<"slice", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Strided slice along every dimension";
  let description = [{
    Takes indices `starts[d], starts[d] + steps[d], ...` below `limits[d]` in
    each dimension `d` (Python's `x[s0:l0:t0, s1:l1:t1, ...]` with
    non-negative bounds and positive steps; `steps` defaults to all ones).

    ```mlir
    %y = nn.slice %x [0, 2] to [8, 10] by [1, 2] : tensor<8x10xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$starts,
                   DenseI64ArrayAttr:$limits,
                   OptionalAttr<DenseI64ArrayAttr>:$steps);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input $starts `to` $limits (`by` $steps^)? attr-dict `:` type($input)
  }];
}

def NN_ConcatOp : NN_Op<"concat", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Joins tensors along an axis";
  let description = [{
    All inputs share the element type, the rank and every extent but the one
    along `axis` (negative counts from the end), as torch.cat.

    ```mlir
    %y = nn.concat %a, %b axis 1 : tensor<8x3xf32>, tensor<8x5xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$inputs `axis` $axis attr-dict `:` type($inputs)";
}

//===----------------------------------------------------------------------===//
// Comparison and selection
//===----------------------------------------------------------------------===//

def NN_ComparePredicate : I32EnumAttr<"ComparePredicate",
    "what a compare op tests", [
      I32EnumAttrCase<"eq", 0>, I32EnumAttrCase<"ne", 1>,
      I32EnumAttrCase<"lt", 2>, I32EnumAttrCase<"le", 3>,
      I32EnumAttrCase<"gt", 4>, I32EnumAttrCase<"ge", 5>]> {
  let cppNamespace = "::nnc::nn";
}

def NN_CompareOp : NN_Op<"compare", [Pure, InferTypeOpAdaptor]> {
  let summary = "Elementwise comparison with numpy broadcasting";
  let description = [{
    `lhs <predicate> rhs` elementwise as an `i1` tensor of the broadcast
    shape; `predicate` is `eq`, `ne`, `lt`, `le`, `gt` or `ge` (torch.eq,
    torch.ne, torch.lt, torch.le, torch.gt, torch.ge). Floats compare
    ordered: any comparison with NaN is false except `ne`.

    ```mlir
    %m = nn.compare gt, %x, %zero : tensor<8x128xf32>, tensor<f32>
    ```
  }];
  let arguments = (ins NN_ComparePredicate:$predicate, NN_NumericTensor:$lhs,
                   NN_NumericTensor:$rhs);
  let results = (outs RankedTensorOf<[I1]>:$result);
  let assemblyFormat = [{
    $predicate `,` $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)
  }];
}

def NN_SelectOp : NN_Op<"select", [Pure, InferTypeOpAdaptor,
                                   DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Elementwise choice between two tensors (torch.where)";
  let description = [{
    `condition ? true_value : false_value` elementwise; the three operands
    broadcast as in numpy, and the two values share their element type.

    ```mlir
    %y = nn.select %m, %g, %zero : tensor<8x128xi1>, tensor<8x128xf32>, tensor<f32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[I1]>:$condition,
                   NN_NumericTensor:$true_value,
                   NN_NumericTensor:$false_value);
  let results = (outs NN_NumericTensor:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:`
    type($condition) `,` type($true_value) `,` type($false_value)
  }];
}

def NN_OneHotOp : NN_Op<"one_hot", [Pure]> {
  let summary = "Class indices to one-hot rows";
  let description = [{
    `labels` holds integer class indices (any signless integer type but
    `i1`); the result appends a dimension of `C` classes (taken from the
    result type) that is 1 at the label and 0 elsewhere
    (torch.nn.functional.one_hot, in the result's element type). A label
    outside `[0, C)` gives a row of zeros.

    ```mlir
    %t = nn.one_hot %labels : tensor<8xi64> -> tensor<8x10xf32>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[AnySignlessInteger]>:$labels);
  let results = (outs StaticShapeTensorOf<[AnyFloat, AnySignlessInteger]>:$result);
  let assemblyFormat = "$labels attr-dict `:` type($labels) `->` type($result)";
  let hasVerifier = 1;
}

def NN_SliceScatterOp : NN_Op<"slice_scatter", [Pure, InferTypeOpAdaptor,
                                                DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "A tensor with a strided slice replaced";
  let description = [{
    `input` with the elements `starts[d], starts[d] + steps[d], ...` of each
    dimension `d` replaced by `source`, whose shape is the slice's; the
    out-of-place form of `y = x.clone(); y[s0::t0, s1::t1, ...] = source`
    (torch.slice_scatter on several dimensions). `steps` defaults to ones.

    ```mlir
    %y = nn.slice_scatter %x, %s [0, 1] by [1, 2] : tensor<4x6xf32>, tensor<4x2xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$source,
                   DenseI64ArrayAttr:$starts,
                   OptionalAttr<DenseI64ArrayAttr>:$steps);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $source $starts (`by` $steps^)? attr-dict `:` type($input) `,`
    type($source)
  }];
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

def NN_MseLossOp : NN_Op<"mse_loss", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Mean squared error";
  let description = [{
    `(input - target)^2` elementwise, then reduced by `reduction`: "mean"
    (the default) or "sum" give a rank-0 tensor, "none" keeps the shape
    (torch.nn.functional.mse_loss). The operands have the same type.

    ```mlir
    %l = nn.mse_loss %pred, %y : tensor<8x1xf32>, tensor<8x1xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$target,
                   NN_ReductionAttr:$reduction);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $target attr-dict `:` type($input) `,` type($target)
  }];
}

def NN_CrossEntropyOp : NN_Op<"cross_entropy", [Pure, InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<NN_GradientOpInterface>]> {
  let summary = "Cross-entropy from logits";
  let description = [{
    `logits` is `[N, C]`. `target` is either `[N]` of integer class indices
    (not `i1`) in `[0, C)`, giving `-log_softmax(logits)[n, target[n]]`, or `[N, C]` of
    class probabilities with the logits' type, giving
    `-sum_c target[n, c] * log_softmax(logits)[n, c]`. Reduced by
    `reduction` ("mean", the default, "sum" or "none") as
    torch.nn.functional.cross_entropy.

    ```mlir
    %l = nn.cross_entropy %logits, %labels : tensor<8x10xf32>, tensor<8xi64>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$logits, AnyRankedTensor:$target,
                   NN_ReductionAttr:$reduction);
  let results = (outs NN_FloatTensor:$result);
  let assemblyFormat = [{
    $logits `,` $target attr-dict `:` type($logits) `,` type($target)
  }];
}

//===----------------------------------------------------------------------===//
// Differentiation and sequences
//===----------------------------------------------------------------------===//

def NN_GradOp : NN_Op<"grad", [Pure,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Gradient of a scalar function inside a computation";
  let description = [{
    Calls `callee` (a function whose first result is a rank-0 float tensor)
    on `operands` and yields the gradient of that result with respect to the
    operands listed in `wrt` (torch.autograd.grad with create_graph=True).
    `nnc-autodiff` expands it into the callee's forward and backward ops,
    which it can differentiate again: a loss that contains a gradient (the
    gradient penalty of a WGAN-GP) has second derivatives.

    ```mlir
    %dx = nn.grad @critic(%x, %w) wrt [0] : (tensor<8x2xf32>, tensor<2x1xf32>) -> tensor<8x2xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                   Variadic<AnyRankedTensor>:$operands,
                   DenseI64ArrayAttr:$wrt);
  let results = (outs Variadic<NN_FloatTensor>:$gradients);
  let assemblyFormat = [{
    $callee `(` $operands `)` `wrt` $wrt attr-dict `:`
    functional-type($operands, $gradients)
  }];
}

def NN_ScanOp : NN_Op<"scan", [AttrSizedOperandSegments,
    AttrSizedResultSegments, RecursiveMemoryEffects]> {
  let summary = "A step function applied along the leading axis of sequences";
  let description = [{
    For `t` in `0 .. T-1`, the body takes the carried values and entry `t`
    of every sequence (each `[T, ...]`) and yields the next carried values
    followed by this step's outputs. The results are the final carried
    values, then each output stacked along a new leading axis of `T`. A
    recurrent network is a scan of its cell over time (torch: a Python loop
    over `x[t]` with `torch.stack` of the step outputs).

    ```mlir
    %h, %ys = nn.scan init(%h0 : tensor<4x8xf32>) over(%xs : tensor<10x4x3xf32>)
        finals(tensor<4x8xf32>) outputs(tensor<10x4x8xf32>) {
    ^bb0(%h: tensor<4x8xf32>, %x: tensor<4x3xf32>):
      %i = nn.matmul %x, %wx : tensor<4x3xf32>, tensor<3x8xf32>
      %r = nn.matmul %h, %wh : tensor<4x8xf32>, tensor<8x8xf32>
      %s = nn.add %i, %r : tensor<4x8xf32>, tensor<4x8xf32>
      %n = nn.tanh %s : tensor<4x8xf32>
      nn.yield %n, %n : tensor<4x8xf32>, tensor<4x8xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inits,
                   Variadic<AnyRankedTensor>:$sequences);
  let results = (outs Variadic<AnyRankedTensor>:$finals,
                 Variadic<AnyRankedTensor>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    (`init` `(` $inits^ `:` type($inits) `)`)?
    `over` `(` $sequences `:` type($sequences) `)`
    (`finals` `(` type($finals)^ `)`)?
    (`outputs` `(` type($outputs)^ `)`)?
    attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// T: the common leading extent of the sequences.
    int64_t getLength();
  }];
}

def NN_YieldOp : NN_Op<"yield", [Pure, Terminator, ReturnLike,
                                 HasParent<"ScanOp">]> {
  let summary = "Ends a scan step: the next carried values, then the outputs";
  let description = [{
    ```mlir
    nn.yield %h_next, %y : tensor<4x8xf32>, tensor<4x8xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

include "ir/NNAttentionOps.td"
include "ir/NNConvOps.td"
include "ir/NNIndexOps.td"
include "ir/NNLinalgOps.td"
include "ir/NNLossOps.td"
include "ir/NNMathOps.td"
include "ir/NNNormOps.td"
include "ir/NNPoolOps.td"
include "ir/NNRandomOps.td"

#endif // NNC_IR_NNOPS_TD

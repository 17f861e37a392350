//===- NNMathOps.td - Rounding, trig, hyperbolic, remainder *- tablegen -*-===//
//
// The elementwise math that ONNX and PyTorch have beyond the activations of
// NNOps.td: rounding to integral values (floor, ceil, round half to even),
// tangent, the inverse trigonometric functions, the hyperbolic functions and
// their inverses, and the two remainders (truncated: fmod; floored:
// remainder). Included from NNOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_NNMATHOPS_TD
#define NNC_IR_NNMATHOPS_TD

//===----------------------------------------------------------------------===//
// Rounding (piecewise constant: zero gradient)
//===----------------------------------------------------------------------===//

def NN_FloorOp : NN_UnaryOp<"floor", "Round down",
    "the largest integral value `<= x` (torch.floor); its gradient is zero">;
def NN_CeilOp : NN_UnaryOp<"ceil", "Round up",
    "the smallest integral value `>= x` (torch.ceil); its gradient is zero">;
def NN_RoundOp : NN_UnaryOp<"round", "Round to nearest, ties to even",
    "the nearest integral value, halfway cases to the even one (torch.round, "
    "ONNX Round); its gradient is zero">;

//===----------------------------------------------------------------------===//
// Trigonometric and hyperbolic functions
//===----------------------------------------------------------------------===//

def NN_TanOp : NN_UnaryOp<"tan", "Tangent", "`tan(x)` (torch.tan)">;
def NN_AsinOp : NN_UnaryOp<"asin", "Arcsine",
    "`asin(x)`, NaN outside `[-1, 1]` (torch.asin)">;
def NN_AcosOp : NN_UnaryOp<"acos", "Arccosine",
    "`acos(x)`, NaN outside `[-1, 1]` (torch.acos)">;
def NN_AtanOp : NN_UnaryOp<"atan", "Arctangent", "`atan(x)` (torch.atan)">;
def NN_SinhOp : NN_UnaryOp<"sinh", "Hyperbolic sine", "`sinh(x)` (torch.sinh)">;
def NN_CoshOp : NN_UnaryOp<"cosh", "Hyperbolic cosine",
    "`cosh(x)` (torch.cosh)">;
def NN_AsinhOp : NN_UnaryOp<"asinh", "Inverse hyperbolic sine",
    "`asinh(x)` (torch.asinh)">;
def NN_AcoshOp : NN_UnaryOp<"acosh", "Inverse hyperbolic cosine",
    "`acosh(x)`, NaN below 1 (torch.acosh)">;
def NN_AtanhOp : NN_UnaryOp<"atanh", "Inverse hyperbolic tangent",
    "`atanh(x)`, `+-inf` at `+-1` and NaN beyond (torch.atanh)">;

//===----------------------------------------------------------------------===//
// Remainders
//===----------------------------------------------------------------------===//

def NN_FmodOp : NN_BroadcastBinaryOp<"fmod", "truncated remainder",
                                     "torch.fmod"> {
  let description = [{
    `lhs - trunc(lhs / rhs) * rhs`, which has the sign of `lhs` (C's fmod,
    ONNX Mod with `fmod = 1`, torch.fmod). Both operands have the same
    element type (float or signed integer) and broadcast as in numpy. A
    float remainder by 0 is NaN; an integer remainder by 0 is 0 (never a
    trap).

    ```mlir
    %r = nn.fmod %a, %b : tensor<8xf32>, tensor<f32>
    ```
  }];
}

def NN_RemainderOp : NN_BroadcastBinaryOp<"remainder", "floored remainder",
                                          "torch.remainder"> {
  let description = [{
    `lhs - floor(lhs / rhs) * rhs`, which has the sign of `rhs` (Python's
    `%`, ONNX Mod with `fmod = 0`, torch.remainder). Both operands have the
    same element type (float or signed integer) and broadcast as in numpy. A
    float remainder by 0 is NaN; an integer remainder by 0 is 0 (never a
    trap).

    ```mlir
    %r = nn.remainder %a, %b : tensor<8xi64>, tensor<8xi64>
    ```
  }];
}

#endif // NNC_IR_NNMATHOPS_TD

// RUN: nnc-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the nn dialect, one per case. Custom-form cases fail
// while the op's result type is inferred; cases in the generic form (which
// names the result type) fail in the verifier instead.

//===----------------------------------------------------------------------===//
// Static shapes
//===----------------------------------------------------------------------===//

// A broadcasting op needs a static lhs.
func.func @binary_dynamic_lhs(%a: tensor<?x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{lhs must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.add %a, %b : tensor<?x4xf32>, tensor<4xf32>
  return
}

// -----

// ... and a static rhs.
func.func @binary_dynamic_rhs(%a: tensor<2x4xf32>, %b: tensor<?xf32>) {
  // expected-error @+1 {{rhs must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.mul %a, %b : tensor<2x4xf32>, tensor<?xf32>
  return
}

// -----

func.func @matmul_dynamic(%a: tensor<8x?xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{lhs must have a static shape, got 'tensor<8x?xf32>'}}
  %0 = nn.matmul %a, %b : tensor<8x?xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @matmul_dynamic_rhs(%a: tensor<8x4xf32>, %b: tensor<4x?xf32>) {
  // expected-error @+1 {{rhs must have a static shape, got 'tensor<4x?xf32>'}}
  %0 = nn.matmul %a, %b : tensor<8x4xf32>, tensor<4x?xf32>
  return
}

// -----

// Unary ops have no shape inference; their type constraint asks for a
// static shape.
func.func @unary_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<?x4xf32>'}}
  %0 = nn.relu %x : tensor<?x4xf32>
  return
}

// -----

func.func @softmax_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<?x4xf32>'}}
  %0 = nn.softmax %x axis 1 : tensor<?x4xf32>
  return
}

// -----

func.func @reduce_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.reduce_sum %x [1] : tensor<?x4xf32>
  return
}

// -----

func.func @reshape_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.reshape %x [-1] : tensor<?x4xf32>
  return
}

// -----

func.func @transpose_dynamic(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.transpose %x [1, 0] : tensor<?x4xf32>
  return
}

// -----

func.func @broadcast_to_dynamic(%x: tensor<?xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.broadcast_to %x [2, 4] : tensor<?xf32>
  return
}

// -----

func.func @slice_dynamic(%x: tensor<?xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.slice %x [0] to [1] : tensor<?xf32>
  return
}

// -----

// The second input of a concatenation is dynamic.
func.func @concat_dynamic(%a: tensor<2x4xf32>, %b: tensor<?x4xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.concat %a, %b axis 0 : tensor<2x4xf32>, tensor<?x4xf32>
  return
}

// -----

func.func @mse_dynamic(%a: tensor<?xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.mse_loss %a, %a : tensor<?xf32>, tensor<?xf32>
  return
}

// -----

func.func @cross_entropy_dynamic_logits(%l: tensor<?x10xf32>, %t: tensor<8xi64>) {
  // expected-error @+1 {{logits must have a static shape, got 'tensor<?x10xf32>'}}
  %0 = nn.cross_entropy %l, %t : tensor<?x10xf32>, tensor<8xi64>
  return
}

// -----

func.func @cross_entropy_dynamic_target(%l: tensor<8x10xf32>, %t: tensor<?xi64>) {
  // expected-error @+1 {{target must have a static shape, got 'tensor<?xi64>'}}
  %0 = nn.cross_entropy %l, %t : tensor<8x10xf32>, tensor<?xi64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Broadcasting binary ops
//===----------------------------------------------------------------------===//

func.func @binary_element_types(%a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{operands must have the same element type, got 'f32' and 'f16'}}
  %0 = nn.sub %a, %b : tensor<4xf32>, tensor<4xf16>
  return
}

// -----

func.func @binary_no_broadcast(%a: tensor<8x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{shapes 8x3 and 4 do not broadcast}}
  %0 = nn.add %a, %b : tensor<8x3xf32>, tensor<4xf32>
  return
}

// -----

// Leading dimensions broadcast too: 2x1x3 against 5x1x3 does not.
func.func @binary_no_broadcast_leading(%a: tensor<2x1x3xf32>, %b: tensor<5x1x3xf32>) {
  // expected-error @+1 {{shapes 2x1x3 and 5x1x3 do not broadcast}}
  %0 = nn.maximum %a, %b : tensor<2x1x3xf32>, tensor<5x1x3xf32>
  return
}

// -----

// An unranked operand fails the type constraint.
func.func @binary_unranked(%a: tensor<*xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values, but got 'tensor<*xf32>'}}
  %0 = "nn.div"(%a, %b) : (tensor<*xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// Integer division is not true division; nn.div takes floats only.
func.func @div_integer(%a: tensor<4xi32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = nn.div %a, %b : tensor<4xi32>, tensor<4xi32>
  return
}

// -----

// Unsigned integers have no arithmetic in the lowering; signless only.
func.func @add_unsigned(%a: tensor<4xui8>, %b: tensor<4xui8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point or signless integer values, but got 'tensor<4xui8>'}}
  %0 = nn.add %a, %b : tensor<4xui8>, tensor<4xui8>
  return
}

// -----

// The generic form names a result type; it must be the inferred one.
func.func @binary_wrong_result(%a: tensor<8x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'nn.add' op inferred type(s) 'tensor<8x3xf32>' are incompatible with return type(s) of operation 'tensor<8x1xf32>'}}
  // expected-error @+1 {{'nn.add' op failed to infer returned types}}
  %0 = "nn.add"(%a, %b) : (tensor<8x1xf32>, tensor<3xf32>) -> tensor<8x1xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Matmul
//===----------------------------------------------------------------------===//

func.func @matmul_rank(%a: tensor<4xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{operands must have rank >= 2, got ranks 1 and 2}}
  %0 = nn.matmul %a, %b : tensor<4xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @matmul_element_types(%a: tensor<8x4xf32>, %b: tensor<4x3xbf16>) {
  // expected-error @+1 {{operands must have the same element type, got 'f32' and 'bf16'}}
  %0 = nn.matmul %a, %b : tensor<8x4xf32>, tensor<4x3xbf16>
  return
}

// -----

func.func @matmul_contraction(%a: tensor<8x4xf32>, %b: tensor<5x3xf32>) {
  // expected-error @+1 {{contraction dimensions differ: lhs 8x4 has K = 4, rhs 5x3 has K = 5}}
  %0 = nn.matmul %a, %b : tensor<8x4xf32>, tensor<5x3xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x8x4xf32>, %b: tensor<3x4x5xf32>) {
  // expected-error @+1 {{batch dimensions of 2x8x4 and 3x4x5 do not broadcast}}
  %0 = nn.matmul %a, %b : tensor<2x8x4xf32>, tensor<3x4x5xf32>
  return
}

// -----

// matmul works on floating-point tensors only.
func.func @matmul_integer(%a: tensor<8x4xi32>, %b: tensor<4x3xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values, but got 'tensor<8x4xi32>'}}
  %0 = "nn.matmul"(%a, %b) : (tensor<8x4xi32>, tensor<4x3xi32>) -> tensor<8x3xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Unary ops and activations
//===----------------------------------------------------------------------===//

func.func @relu_integer(%x: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = nn.relu %x : tensor<4xi32>
  return
}

// -----

func.func @unary_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.exp' op requires the same type for all operands and results}}
  %0 = "nn.exp"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

// erf, sign and stop_gradient are unary ops on static float tensors.
func.func @erf_integer(%x: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = nn.erf %x : tensor<4xi32>
  return
}

// -----

func.func @sign_dynamic(%x: tensor<?xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<?xf32>'}}
  %0 = nn.sign %x : tensor<?xf32>
  return
}

// -----

func.func @stop_gradient_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.stop_gradient' op requires the same type for all operands and results}}
  %0 = "nn.stop_gradient"(%x) : (tensor<4xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @gelu_approximate(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.gelu' op approximate must be "none" or "tanh", got "fast"}}
  %0 = nn.gelu %x {approximate = "fast"} : tensor<4xf32>
  return
}

// -----

func.func @softplus_beta(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.softplus' op beta must be non-zero}}
  %0 = nn.softplus %x {beta = 0.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @leaky_relu_slope_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.leaky_relu' op attribute 'negative_slope' failed to satisfy constraint: 64-bit float attribute}}
  %0 = nn.leaky_relu %x {negative_slope = 0.1 : f32} : tensor<4xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{'nn.softmax' op axis 2 is out of range for rank 2}}
  %0 = nn.softmax %x axis 2 : tensor<8x10xf32>
  return
}

// -----

func.func @log_softmax_axis(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{'nn.log_softmax' op axis -3 is out of range for rank 2}}
  %0 = nn.log_softmax %x axis -3 : tensor<8x10xf32>
  return
}

// -----

func.func @softmax_missing_axis(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{'nn.softmax' op requires attribute 'axis'}}
  %0 = "nn.softmax"(%x) : (tensor<8x10xf32>) -> tensor<8x10xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

func.func @reduce_axis_range(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = nn.reduce_mean %x [2] : tensor<8x10xf32>
  return
}

// -----

// -1 and 1 name the same axis of a rank-2 tensor.
func.func @reduce_axis_twice(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{axis -1 is listed twice}}
  %0 = nn.reduce_max %x [1, -1] {keepdim = true} : tensor<8x10xf32>
  return
}

// -----

func.func @reduce_prod_axis_range(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = nn.reduce_prod %x [-3] : tensor<8x10xf32>
  return
}

// -----

func.func @logsumexp_integer(%x: tensor<8xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values, but got 'tensor<8xi32>'}}
  %0 = "nn.logsumexp"(%x) <{axes = array<i64>}> : (tensor<8xi32>) -> tensor<i32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

func.func @reshape_two_inferred(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{at most one extent may be -1}}
  %0 = nn.reshape %x [-1, -1] : tensor<2x3xf32>
  return
}

// -----

func.func @reshape_negative(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{extent -2 is negative}}
  %0 = nn.reshape %x [-2, 3] : tensor<2x3xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{cannot reshape 2x3 (6 elements) to 4x2 (8 elements)}}
  %0 = nn.reshape %x [4, 2] : tensor<2x3xf32>
  return
}

// -----

func.func @reshape_not_divisible(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{cannot reshape 2x3 (6 elements) to a shape with a multiple of 4 elements}}
  %0 = nn.reshape %x [4, -1] : tensor<2x3xf32>
  return
}

// -----

// With an extent of 0 any value of -1 fits; PyTorch refuses too.
func.func @reshape_ambiguous(%x: tensor<0x3xf32>) {
  // expected-error @+1 {{extent -1 is ambiguous next to an extent of 0}}
  %0 = nn.reshape %x [0, -1] : tensor<0x3xf32>
  return
}

// -----

func.func @transpose_size(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{perm has 3 entries for an input of rank 2}}
  %0 = nn.transpose %x [0, 1, 2] : tensor<2x3xf32>
  return
}

// -----

func.func @transpose_repeated(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{perm must be a permutation of 0..1}}
  %0 = nn.transpose %x [1, 1] : tensor<2x3xf32>
  return
}

// -----

func.func @transpose_out_of_range(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{perm must be a permutation of 0..2}}
  %0 = nn.transpose %x [0, 3, 1] : tensor<2x3x4xf32>
  return
}

// -----

func.func @broadcast_to_negative(%x: tensor<3xf32>) {
  // expected-error @+1 {{target extents must be non-negative}}
  %0 = nn.broadcast_to %x [-1, 3] : tensor<3xf32>
  return
}

// -----

func.func @broadcast_to_incompatible(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{cannot broadcast 3x2 to 4x3}}
  %0 = nn.broadcast_to %x [4, 3] : tensor<3x2xf32>
  return
}

// -----

// broadcast_to never drops dimensions.
func.func @broadcast_to_lower_rank(%x: tensor<1x3xf32>) {
  // expected-error @+1 {{cannot broadcast 1x3 to 3}}
  %0 = nn.broadcast_to %x [3] : tensor<1x3xf32>
  return
}

// -----

func.func @slice_counts(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{starts, limits and steps need one entry per dimension (2)}}
  %0 = nn.slice %x [0] to [8, 10] : tensor<8x10xf32>
  return
}

// -----

func.func @slice_step_count(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{starts, limits and steps need one entry per dimension (2)}}
  %0 = nn.slice %x [0, 0] to [8, 10] by [1] : tensor<8x10xf32>
  return
}

// -----

func.func @slice_limit(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{dimension 1: need 0 <= start <= limit <= 10, got start 4 and limit 12}}
  %0 = nn.slice %x [0, 4] to [8, 12] : tensor<8x10xf32>
  return
}

// -----

func.func @slice_start_after_limit(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{dimension 0: need 0 <= start <= limit <= 8, got start 5 and limit 3}}
  %0 = nn.slice %x [5, 0] to [3, 10] : tensor<8x10xf32>
  return
}

// -----

func.func @slice_negative_start(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{dimension 0: need 0 <= start <= limit <= 8, got start -1 and limit 8}}
  %0 = nn.slice %x [-1, 0] to [8, 10] : tensor<8x10xf32>
  return
}

// -----

func.func @slice_step(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{dimension 1: step must be positive, got 0}}
  %0 = nn.slice %x [0, 0] to [8, 10] by [1, 0] : tensor<8x10xf32>
  return
}

// -----

// The custom form cannot spell a concatenation of nothing; the generic one
// can.
func.func @concat_empty() {
  // expected-error @+2 {{needs at least one input}}
  // expected-error @+1 {{'nn.concat' op failed to infer returned types}}
  %0 = "nn.concat"() <{axis = 0 : i64}> : () -> tensor<0xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = nn.concat %a, %b axis 2 : tensor<2x4xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @concat_negative_axis(%a: tensor<2x4xf32>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = nn.concat %a axis -3 : tensor<2x4xf32>
  return
}

// -----

// A rank-0 tensor has no axis to join along.
func.func @concat_scalar(%a: tensor<f32>) {
  // expected-error @+1 {{axis 0 is out of range for rank 0}}
  %0 = nn.concat %a, %a axis 0 : tensor<f32>, tensor<f32>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x4xf32>, %b: tensor<2x4x1xf32>) {
  // expected-error @+1 {{input #1 has type 'tensor<2x4x1xf32>', expected rank 2 and element type 'f32'}}
  %0 = nn.concat %a, %b axis 0 : tensor<2x4xf32>, tensor<2x4x1xf32>
  return
}

// -----

func.func @concat_element_type(%a: tensor<2x4xf32>, %b: tensor<2x4xf16>) {
  // expected-error @+1 {{input #1 has type 'tensor<2x4xf16>', expected rank 2 and element type 'f32'}}
  %0 = nn.concat %a, %b axis 0 : tensor<2x4xf32>, tensor<2x4xf16>
  return
}

// -----

func.func @concat_extent(%a: tensor<3x4xf32>, %b: tensor<3x5xf32>, %c: tensor<2x4xf32>) {
  // expected-error @+1 {{input #2 has shape 2x4, which differs from 3x4 outside axis 1}}
  %0 = nn.concat %a, %b, %c axis -1 : tensor<3x4xf32>, tensor<3x5xf32>, tensor<2x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Comparison and selection
//===----------------------------------------------------------------------===//

func.func @compare_element_types(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{operands must have the same element type, got 'f32' and 'i32'}}
  %0 = nn.compare eq, %a, %b : tensor<4xf32>, tensor<4xi32>
  return
}

// -----

// Floats of different widths do not compare either.
func.func @compare_float_widths(%a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+1 {{operands must have the same element type, got 'f32' and 'f16'}}
  %0 = nn.compare lt, %a, %b : tensor<4xf32>, tensor<4xf16>
  return
}

// -----

func.func @compare_no_broadcast(%a: tensor<8x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{shapes 8x3 and 4 do not broadcast}}
  %0 = nn.compare gt, %a, %b : tensor<8x3xf32>, tensor<4xf32>
  return
}

// -----

func.func @compare_dynamic(%a: tensor<4xf32>, %b: tensor<?xf32>) {
  // expected-error @+1 {{rhs must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.compare ne, %a, %b : tensor<4xf32>, tensor<?xf32>
  return
}

// -----

func.func @compare_unsigned(%a: tensor<4xui8>, %b: tensor<4xui8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point or signless integer values, but got 'tensor<4xui8>'}}
  %0 = nn.compare le, %a, %b : tensor<4xui8>, tensor<4xui8>
  return
}

// -----

func.func @compare_unknown_predicate(%a: tensor<4xf32>) {
  // expected-error @+1 {{custom op 'nn.compare' expected string or keyword containing one of the following enum values for attribute 'predicate' [eq, ne, lt, le, gt, ge]}}
  %0 = nn.compare gte, %a, %a : tensor<4xf32>, tensor<4xf32>
  return
}

// -----

// The generic form spells the predicate as its number, 0 to 5.
func.func @compare_predicate_value(%a: tensor<4xf32>) {
  // expected-error @+1 {{invalid properties {predicate = 6 : i32} for op nn.compare: Invalid attribute `predicate` in property conversion: 6 : i32}}
  %0 = "nn.compare"(%a, %a) <{predicate = 6 : i32}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

// The result is a mask of i1, never of the operands' type.
func.func @compare_float_result(%a: tensor<4xf32>) {
  // expected-error @+1 {{'nn.compare' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = "nn.compare"(%a, %a) <{predicate = 0 : i32}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @compare_result_shape(%a: tensor<4xf32>, %b: tensor<3x1xf32>) {
  // expected-error @+2 {{'nn.compare' op inferred type(s) 'tensor<3x4xi1>' are incompatible with return type(s) of operation 'tensor<4xi1>'}}
  // expected-error @+1 {{'nn.compare' op failed to infer returned types}}
  %0 = "nn.compare"(%a, %b) <{predicate = 2 : i32}> : (tensor<4xf32>, tensor<3x1xf32>) -> tensor<4xi1>
  return
}

// -----

// A condition is a mask of i1, not a float or wider integer tensor.
func.func @select_float_condition(%c: tensor<4xf32>, %x: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = nn.select %c, %x, %x : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @select_integer_condition(%c: tensor<4xi8>, %x: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xi8>'}}
  %0 = nn.select %c, %x, %x : tensor<4xi8>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @select_element_types(%c: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xi32>) {
  // expected-error @+1 {{true_value and false_value must have the same element type, got 'f32' and 'i32'}}
  %0 = nn.select %c, %x, %y : tensor<4xi1>, tensor<4xf32>, tensor<4xi32>
  return
}

// -----

// The two values do not broadcast with each other.
func.func @select_values_no_broadcast(%c: tensor<i1>, %x: tensor<3xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{shapes scalar (condition), 3 (true_value) and 4 (false_value) do not broadcast}}
  %0 = nn.select %c, %x, %y : tensor<i1>, tensor<3xf32>, tensor<4xf32>
  return
}

// -----

// The values broadcast to 2x4, which the condition does not fit.
func.func @select_condition_no_broadcast(%c: tensor<3x1xi1>, %x: tensor<2x1xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{shapes 3x1 (condition), 2x1 (true_value) and 4 (false_value) do not broadcast}}
  %0 = nn.select %c, %x, %y : tensor<3x1xi1>, tensor<2x1xf32>, tensor<4xf32>
  return
}

// -----

func.func @select_dynamic_condition(%c: tensor<?xi1>, %x: tensor<4xf32>) {
  // expected-error @+1 {{condition must have a static shape, got 'tensor<?xi1>'}}
  %0 = nn.select %c, %x, %x : tensor<?xi1>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @select_dynamic_true(%c: tensor<4xi1>, %x: tensor<?xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{true_value must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.select %c, %x, %y : tensor<4xi1>, tensor<?xf32>, tensor<4xf32>
  return
}

// -----

func.func @select_dynamic_false(%c: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<?xf32>) {
  // expected-error @+1 {{false_value must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.select %c, %x, %y : tensor<4xi1>, tensor<4xf32>, tensor<?xf32>
  return
}

// -----

func.func @select_result_shape(%c: tensor<3x1xi1>, %x: tensor<4xf32>) {
  // expected-error @+2 {{'nn.select' op inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{'nn.select' op failed to infer returned types}}
  %0 = "nn.select"(%c, %x, %x) : (tensor<3x1xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// The result must append exactly one class dimension to the labels' shape.
func.func @one_hot_rank(%l: tensor<8xi64>) {
  // expected-error @+1 {{'nn.one_hot' op result shape must be the labels' shape 8 followed by a positive class count, got 8x10x2}}
  %0 = nn.one_hot %l : tensor<8xi64> -> tensor<8x10x2xf32>
  return
}

// -----

func.func @one_hot_no_class_dimension(%l: tensor<8xi64>) {
  // expected-error @+1 {{'nn.one_hot' op result shape must be the labels' shape 8 followed by a positive class count, got 8}}
  %0 = nn.one_hot %l : tensor<8xi64> -> tensor<8xf32>
  return
}

// -----

// The leading extents are the labels' (here transposed).
func.func @one_hot_leading_shape(%l: tensor<2x3xi64>) {
  // expected-error @+1 {{'nn.one_hot' op result shape must be the labels' shape 2x3 followed by a positive class count, got 3x2x5}}
  %0 = nn.one_hot %l : tensor<2x3xi64> -> tensor<3x2x5xf32>
  return
}

// -----

func.func @one_hot_zero_classes(%l: tensor<8xi64>) {
  // expected-error @+1 {{'nn.one_hot' op result shape must be the labels' shape 8 followed by a positive class count, got 8x0}}
  %0 = nn.one_hot %l : tensor<8xi64> -> tensor<8x0xf32>
  return
}

// -----

func.func @one_hot_float_labels(%l: tensor<8xf32>) {
  // expected-error @+1 {{'nn.one_hot' op operand #0 must be statically shaped tensor of signless integer values, but got 'tensor<8xf32>'}}
  %0 = nn.one_hot %l : tensor<8xf32> -> tensor<8x10xf32>
  return
}

// -----

// An i1 label reads as 0 or -1 and cannot name class 1.
func.func @one_hot_bool_labels(%l: tensor<8xi1>) {
  // expected-error @+1 {{'nn.one_hot' op labels must be integer class indices wider than i1, got 'tensor<8xi1>'}}
  %0 = nn.one_hot %l : tensor<8xi1> -> tensor<8x2xf32>
  return
}

// -----

func.func @one_hot_dynamic_labels(%l: tensor<?xi64>) {
  // expected-error @+1 {{'nn.one_hot' op operand #0 must be statically shaped tensor of signless integer values, but got 'tensor<?xi64>'}}
  %0 = nn.one_hot %l : tensor<?xi64> -> tensor<8x10xf32>
  return
}

// -----

func.func @one_hot_dynamic_result(%l: tensor<8xi64>) {
  // expected-error @+1 {{'nn.one_hot' op result #0 must be statically shaped tensor of floating-point or signless integer values, but got 'tensor<8x?xf32>'}}
  %0 = nn.one_hot %l : tensor<8xi64> -> tensor<8x?xf32>
  return
}

// -----

func.func @one_hot_unsigned_result(%l: tensor<8xi64>) {
  // expected-error @+1 {{'nn.one_hot' op result #0 must be statically shaped tensor of floating-point or signless integer values, but got 'tensor<8x10xui8>'}}
  %0 = nn.one_hot %l : tensor<8xi64> -> tensor<8x10xui8>
  return
}

// -----

func.func @slice_scatter_element_types(%x: tensor<4x6xf32>, %s: tensor<4x2xf16>) {
  // expected-error @+1 {{input and source must have the same element type, got 'f32' and 'f16'}}
  %0 = nn.slice_scatter %x, %s [0, 0] : tensor<4x6xf32>, tensor<4x2xf16>
  return
}

// -----

func.func @slice_scatter_source_rank(%x: tensor<4x6xf32>, %s: tensor<2xf32>) {
  // expected-error @+1 {{source has rank 1, expected the input's rank 2}}
  %0 = nn.slice_scatter %x, %s [0, 0] : tensor<4x6xf32>, tensor<2xf32>
  return
}

// -----

func.func @slice_scatter_start_count(%x: tensor<4x6xf32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{starts and steps need one entry per dimension (2)}}
  %0 = nn.slice_scatter %x, %s [0] : tensor<4x6xf32>, tensor<4x2xf32>
  return
}

// -----

func.func @slice_scatter_step_count(%x: tensor<4x6xf32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{starts and steps need one entry per dimension (2)}}
  %0 = nn.slice_scatter %x, %s [0, 0] by [1, 2, 1] : tensor<4x6xf32>, tensor<4x2xf32>
  return
}

// -----

func.func @slice_scatter_zero_step(%x: tensor<4x6xf32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{dimension 1: step must be positive, got 0}}
  %0 = nn.slice_scatter %x, %s [0, 0] by [1, 0] : tensor<4x6xf32>, tensor<4x2xf32>
  return
}

// -----

func.func @slice_scatter_negative_step(%x: tensor<4x6xf32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{dimension 0: step must be positive, got -1}}
  %0 = nn.slice_scatter %x, %s [3, 0] by [-1, 1] : tensor<4x6xf32>, tensor<4x2xf32>
  return
}

// -----

func.func @slice_scatter_negative_start(%x: tensor<4x6xf32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{dimension 1: start must be non-negative, got -2}}
  %0 = nn.slice_scatter %x, %s [0, -2] : tensor<4x6xf32>, tensor<4x2xf32>
  return
}

// -----

// Columns 1, 3, 5 fit in 6; 1, 3, 5, 7 do not.
func.func @slice_scatter_steps_overrun(%x: tensor<4x6xf32>, %s: tensor<4x4xf32>) {
  // expected-error @+1 {{dimension 1: 4 elements from 1 by 2 do not fit in 6}}
  %0 = nn.slice_scatter %x, %s [0, 1] by [1, 2] : tensor<4x6xf32>, tensor<4x4xf32>
  return
}

// -----

func.func @slice_scatter_source_too_big(%x: tensor<4x6xf32>, %s: tensor<5x6xf32>) {
  // expected-error @+1 {{dimension 0: 5 elements from 0 by 1 do not fit in 4}}
  %0 = nn.slice_scatter %x, %s [0, 0] : tensor<4x6xf32>, tensor<5x6xf32>
  return
}

// -----

func.func @slice_scatter_start_past_end(%x: tensor<4x6xf32>, %s: tensor<1x6xf32>) {
  // expected-error @+1 {{dimension 0: 1 elements from 4 by 1 do not fit in 4}}
  %0 = nn.slice_scatter %x, %s [4, 0] : tensor<4x6xf32>, tensor<1x6xf32>
  return
}

// -----

// start + (count - 1) * step overflows int64; the check must not.
func.func @slice_scatter_huge_step(%x: tensor<4x6xf32>, %s: tensor<4x3xf32>) {
  // expected-error @+1 {{dimension 1: 3 elements from 0 by 4611686018427387904 do not fit in 6}}
  %0 = nn.slice_scatter %x, %s [0, 0] by [1, 4611686018427387904] : tensor<4x6xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @slice_scatter_dynamic_input(%x: tensor<?x6xf32>, %s: tensor<4x2xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x6xf32>'}}
  %0 = nn.slice_scatter %x, %s [0, 0] : tensor<?x6xf32>, tensor<4x2xf32>
  return
}

// -----

func.func @slice_scatter_dynamic_source(%x: tensor<4x6xf32>, %s: tensor<4x?xf32>) {
  // expected-error @+1 {{source must have a static shape, got 'tensor<4x?xf32>'}}
  %0 = nn.slice_scatter %x, %s [0, 0] : tensor<4x6xf32>, tensor<4x?xf32>
  return
}

// -----

// The result has the input's type, not the source's.
func.func @slice_scatter_result_type(%x: tensor<4x6xf32>, %s: tensor<4x2xf32>) {
  // expected-error @+2 {{'nn.slice_scatter' op inferred type(s) 'tensor<4x6xf32>' are incompatible with return type(s) of operation 'tensor<4x2xf32>'}}
  // expected-error @+1 {{'nn.slice_scatter' op failed to infer returned types}}
  %0 = "nn.slice_scatter"(%x, %s) <{starts = array<i64: 0, 0>}> : (tensor<4x6xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

func.func @mse_types(%a: tensor<8x1xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{input and target must have the same type, got 'tensor<8x1xf32>' and 'tensor<8xf32>'}}
  %0 = nn.mse_loss %a, %b : tensor<8x1xf32>, tensor<8xf32>
  return
}

// -----

func.func @mse_reduction(%a: tensor<8xf32>) {
  // expected-error @+1 {{reduction must be "none", "mean" or "sum", got "avg"}}
  %0 = nn.mse_loss %a, %a {reduction = "avg"} : tensor<8xf32>, tensor<8xf32>
  return
}

// -----

func.func @cross_entropy_reduction(%l: tensor<8x10xf32>, %t: tensor<8xi64>) {
  // expected-error @+1 {{reduction must be "none", "mean" or "sum", got "batchmean"}}
  %0 = nn.cross_entropy %l, %t {reduction = "batchmean"} : tensor<8x10xf32>, tensor<8xi64>
  return
}

// -----

func.func @cross_entropy_logits_rank(%l: tensor<10xf32>, %t: tensor<1xi64>) {
  // expected-error @+1 {{logits must be [N, C], got 10}}
  %0 = nn.cross_entropy %l, %t : tensor<10xf32>, tensor<1xi64>
  return
}

// -----

// Class indices must be integers, one per row.
func.func @cross_entropy_float_indices(%l: tensor<8x10xf32>, %t: tensor<8xf32>) {
  // expected-error @+1 {{target must be [8] integer class indices or 8x10 probabilities of type 'f32', got 'tensor<8xf32>'}}
  %0 = nn.cross_entropy %l, %t : tensor<8x10xf32>, tensor<8xf32>
  return
}

// -----

// An i1 reads as 0 or -1, so it cannot be a class index.
func.func @cross_entropy_bool_indices(%l: tensor<8x2xf32>, %t: tensor<8xi1>) {
  // expected-error @+1 {{target must be [8] integer class indices or 8x2 probabilities of type 'f32', got 'tensor<8xi1>'}}
  %0 = nn.cross_entropy %l, %t : tensor<8x2xf32>, tensor<8xi1>
  return
}

// -----

func.func @cross_entropy_index_count(%l: tensor<8x10xf32>, %t: tensor<4xi64>) {
  // expected-error @+1 {{target must be [8] integer class indices or 8x10 probabilities of type 'f32', got 'tensor<4xi64>'}}
  %0 = nn.cross_entropy %l, %t : tensor<8x10xf32>, tensor<4xi64>
  return
}

// -----

// Probabilities have the logits' type exactly.
func.func @cross_entropy_probabilities(%l: tensor<8x10xf32>, %t: tensor<8x10xf16>) {
  // expected-error @+1 {{target must be [8] integer class indices or 8x10 probabilities of type 'f32', got 'tensor<8x10xf16>'}}
  %0 = nn.cross_entropy %l, %t : tensor<8x10xf32>, tensor<8x10xf16>
  return
}

// -----

func.func @bce_types(%p: tensor<8x3xf32>, %t: tensor<8x3xf64>) {
  // expected-error @+1 {{input and target must have the same type, got 'tensor<8x3xf32>' and 'tensor<8x3xf64>'}}
  %0 = nn.binary_cross_entropy %p, %t : tensor<8x3xf32>, tensor<8x3xf64>
  return
}

// -----

func.func @bce_dynamic(%p: tensor<?x3xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x3xf32>'}}
  %0 = nn.binary_cross_entropy %p, %p : tensor<?x3xf32>, tensor<?x3xf32>
  return
}

// -----

func.func @bce_logits_types(%x: tensor<8x3xf32>, %t: tensor<8x1xf32>) {
  // expected-error @+1 {{input and target must have the same type, got 'tensor<8x3xf32>' and 'tensor<8x1xf32>'}}
  %0 = nn.binary_cross_entropy_with_logits %x, %t : tensor<8x3xf32>, tensor<8x1xf32>
  return
}

// -----

func.func @bce_logits_reduction(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{reduction must be "none", "mean" or "sum", got "max"}}
  %0 = nn.binary_cross_entropy_with_logits %x, %x {reduction = "max"} : tensor<8x3xf32>, tensor<8x3xf32>
  return
}

// -----

// nll_loss needs a class axis after the batch axis.
func.func @nll_rank(%l: tensor<10xf32>, %t: tensor<1xi64>) {
  // expected-error @+1 {{input must be log-probabilities [N, C] or [N, C, d1, ...], got 10}}
  %0 = nn.nll_loss %l, %t : tensor<10xf32>, tensor<1xi64>
  return
}

// -----

func.func @nll_target_shape(%l: tensor<8x10x4xf32>, %t: tensor<8x10xi64>) {
  // expected-error @+1 {{target must hold one class index per position, shape 8x4 for input 8x10x4, got 8x10}}
  %0 = nn.nll_loss %l, %t : tensor<8x10x4xf32>, tensor<8x10xi64>
  return
}

// -----

// Targets are class indices, not probabilities.
func.func @nll_float_target(%l: tensor<8x10xf32>, %t: tensor<8xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer values, but got 'tensor<8xf32>'}}
  %0 = nn.nll_loss %l, %t : tensor<8x10xf32>, tensor<8xf32>
  return
}

// -----

// i1 is no index type (it reads as 0 or -1).
func.func @nll_bool_target(%l: tensor<8x10xf32>, %t: tensor<8xi1>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer values, but got 'tensor<8xi1>'}}
  %0 = nn.nll_loss %l, %t : tensor<8x10xf32>, tensor<8xi1>
  return
}

// -----

// No i8 target can equal -200.
func.func @nll_ignore_index(%l: tensor<8x10xf32>, %t: tensor<8xi8>) {
  // expected-error @+1 {{'nn.nll_loss' op ignore_index -200 does not fit the targets' type 'i8'}}
  %0 = nn.nll_loss %l, %t {ignore_index = -200} : tensor<8x10xf32>, tensor<8xi8>
  return
}

// -----

func.func @nll_dynamic_target(%l: tensor<8x10xf32>, %t: tensor<?xi64>) {
  // expected-error @+1 {{target must have a static shape, got 'tensor<?xi64>'}}
  %0 = nn.nll_loss %l, %t : tensor<8x10xf32>, tensor<?xi64>
  return
}

// -----

func.func @nll_reduction(%l: tensor<8x10xf32>, %t: tensor<8xi64>) {
  // expected-error @+1 {{reduction must be "none", "mean" or "sum", got "batchmean"}}
  %0 = nn.nll_loss %l, %t {reduction = "batchmean"} : tensor<8x10xf32>, tensor<8xi64>
  return
}

// -----

func.func @kl_types(%a: tensor<8x4xf32>, %b: tensor<8x1xf32>) {
  // expected-error @+1 {{mu_q, logvar_q, mu_p and logvar_p must have the same type, got 'tensor<8x4xf32>', 'tensor<8x4xf32>', 'tensor<8x1xf32>' and 'tensor<8x4xf32>'}}
  %0 = nn.gaussian_kl_div %a, %a, %b, %a : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x1xf32>, tensor<8x4xf32>
  return
}

// -----

func.func @kl_dynamic(%a: tensor<?x4xf32>) {
  // expected-error @+1 {{mu_q must have a static shape, got 'tensor<?x4xf32>'}}
  %0 = nn.gaussian_kl_div %a, %a, %a, %a : tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
  return
}

// -----

func.func @kl_reduction(%a: tensor<8x4xf32>) {
  // expected-error @+1 {{reduction must be "none", "mean" or "sum", got "batchmean"}}
  %0 = nn.gaussian_kl_div %a, %a, %a, %a {reduction = "batchmean"} : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Dropout
//===----------------------------------------------------------------------===//

func.func @dropout_probability(%x: tensor<8x4xf32>, %key: tensor<i64>) {
  // expected-error @+1 {{'nn.dropout' op p must be a probability in [0, 1], got 1.5}}
  %0 = nn.dropout %x, %key {p = 1.5} : tensor<8x4xf32>, tensor<i64>
  return
}

// -----

func.func @dropout_negative(%x: tensor<8x4xf32>, %key: tensor<i64>) {
  // expected-error @+1 {{'nn.dropout' op p must be a probability in [0, 1], got -1.000000e-01}}
  %0 = nn.dropout %x, %key {p = -0.1} : tensor<8x4xf32>, tensor<i64>
  return
}

// -----

// The key is one 64-bit integer.
func.func @dropout_key(%x: tensor<8x4xf32>, %key: tensor<2xi64>) {
  // expected-error @+1 {{operand #1 must be 0D tensor of 64-bit signless integer values, but got 'tensor<2xi64>'}}
  %0 = nn.dropout %x, %key : tensor<8x4xf32>, tensor<2xi64>
  return
}

// -----

func.func @dropout_dynamic(%x: tensor<?x4xf32>, %key: tensor<i64>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<?x4xf32>'}}
  %0 = nn.dropout %x, %key : tensor<?x4xf32>, tensor<i64>
  return
}

// -----

// The generic form names a result type; it must be the input's.
func.func @dropout_result(%x: tensor<8x4xf32>, %key: tensor<i64>) {
  // expected-error @+1 {{all of {input, result} have same type}}
  %0 = "nn.dropout"(%x, %key) : (tensor<8x4xf32>, tensor<i64>) -> tensor<8x4xf16>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

func.func @batch_norm_rank(%x: tensor<8xf32>, %c: tensor<8xf32>) {
  // expected-error @+1 {{input must be [N, C, ...] with rank >= 2, got 8}}
  %y, %m, %v = nn.batch_norm %x, %c, %c, %c, %c : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
  return
}

// -----

func.func @batch_norm_dynamic(%x: tensor<?x4xf32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x4xf32>'}}
  %y, %m, %v = nn.batch_norm %x, %c, %c, %c, %c : tensor<?x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

// One weight per channel (axis 1), not per trailing feature.
func.func @batch_norm_weight(%x: tensor<8x4x5xf32>, %c: tensor<4xf32>, %w: tensor<5xf32>) {
  // expected-error @+1 {{weight must be 'tensor<4xf32>' (one value per channel of 'tensor<8x4x5xf32>'), got 'tensor<5xf32>'}}
  %y, %m, %v = nn.batch_norm %x, %w, %c, %c, %c : tensor<8x4x5xf32>, tensor<5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @batch_norm_running_var(%x: tensor<8x4xf32>, %c: tensor<4xf32>, %v64: tensor<4xf64>) {
  // expected-error @+1 {{running_var must be 'tensor<4xf32>' (one value per channel of 'tensor<8x4xf32>'), got 'tensor<4xf64>'}}
  %y, %m, %v = nn.batch_norm %x, %c, %c, %c, %v64 : tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf64>
  return
}

// -----

func.func @batch_norm_eps(%x: tensor<8x4xf32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op eps must be non-negative, got -1.000000e-05}}
  %y, %m, %v = nn.batch_norm %x, %c, %c, %c, %c {eps = -1.0e-5} : tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @batch_norm_momentum(%x: tensor<8x4xf32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op momentum must be in [0, 1], got 1.5}}
  %y, %m, %v = nn.batch_norm %x, %c, %c, %c, %c {momentum = 1.5} : tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

// A variance needs two values; PyTorch refuses a batch of one sample too.
func.func @batch_norm_single_value(%x: tensor<1x4xf32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{'nn.batch_norm' op in training mode needs more than one value per channel to take a variance, got input 'tensor<1x4xf32>'}}
  %y, %m, %v = nn.batch_norm %x, %c, %c, %c, %c : tensor<1x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return
}

// -----

func.func @layer_norm_shape(%x: tensor<8x16x32xf32>, %w: tensor<16xf32>) {
  // expected-error @+1 {{weight must have the input's element type and a shape of 1 to 3 trailing dimensions of the input 8x16x32, got 'tensor<16xf32>'}}
  %0 = nn.layer_norm %x, %w, %w : tensor<8x16x32xf32>, tensor<16xf32>, tensor<16xf32>
  return
}

// -----

func.func @layer_norm_dynamic_weight(%x: tensor<8x32xf32>, %w: tensor<?xf32>) {
  // expected-error @+1 {{weight must have a static shape, got 'tensor<?xf32>'}}
  %0 = nn.layer_norm %x, %w, %w : tensor<8x32xf32>, tensor<?xf32>, tensor<?xf32>
  return
}

// -----

func.func @layer_norm_bias(%x: tensor<8x32xf32>, %w: tensor<32xf32>, %b: tensor<32xf16>) {
  // expected-error @+1 {{bias must have the weight's type 'tensor<32xf32>', got 'tensor<32xf16>'}}
  %0 = nn.layer_norm %x, %w, %b : tensor<8x32xf32>, tensor<32xf32>, tensor<32xf16>
  return
}

// -----

func.func @layer_norm_dynamic(%x: tensor<?x32xf32>, %w: tensor<32xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<?x32xf32>'}}
  %0 = nn.layer_norm %x, %w, %w : tensor<?x32xf32>, tensor<32xf32>, tensor<32xf32>
  return
}

// -----

func.func @layer_norm_eps(%x: tensor<8x32xf32>, %w: tensor<32xf32>) {
  // expected-error @+1 {{'nn.layer_norm' op eps must be non-negative, got -1.000000e+00}}
  %0 = nn.layer_norm %x, %w, %w {eps = -1.0} : tensor<8x32xf32>, tensor<32xf32>, tensor<32xf32>
  return
}

// -----

// The weight cannot have more dimensions than the input.
func.func @rms_norm_rank(%x: tensor<32xf32>, %w: tensor<1x32xf32>) {
  // expected-error @+1 {{weight must have the input's element type and a shape of 1 to 1 trailing dimensions of the input 32, got 'tensor<1x32xf32>'}}
  %0 = nn.rms_norm %x, %w : tensor<32xf32>, tensor<1x32xf32>
  return
}

// -----

func.func @rms_norm_element_type(%x: tensor<8x32xf32>, %w: tensor<32xf16>) {
  // expected-error @+1 {{weight must have the input's element type and a shape of 1 to 2 trailing dimensions of the input 8x32, got 'tensor<32xf16>'}}
  %0 = nn.rms_norm %x, %w : tensor<8x32xf32>, tensor<32xf16>
  return
}

// -----

func.func @rms_norm_eps(%x: tensor<8x32xf32>, %w: tensor<32xf32>) {
  // expected-error @+1 {{'nn.rms_norm' op eps must be non-negative, got -1.000000e-06}}
  %0 = nn.rms_norm %x, %w {eps = -1.0e-6} : tensor<8x32xf32>, tensor<32xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Function argument and result attributes
//===----------------------------------------------------------------------===//

// expected-error @+1 {{unknown argument attribute 'nn.weight', expected 'nn.input', 'nn.param', 'nn.buffer', 'nn.state', 'nn.derived' or 'nn.output'}}
func.func @unknown_arg_attribute(%x: tensor<4xf32> {nn.weight = "w"}) {
  return
}

// -----

// expected-error @+1 {{unknown result attribute 'nn.input', expected 'nn.output'}}
func.func @unknown_result_attribute(%x: tensor<4xf32>) -> (tensor<4xf32> {nn.input = "y"}) {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{'nn.input' on argument #1 must be a non-empty string}}
func.func @empty_input_name(%x: tensor<4xf32> {nn.input = "x"}, %y: tensor<4xf32> {nn.input = ""}) {
  return
}

// -----

// expected-error @+1 {{'nn.param' on argument #0 must be a non-empty string}}
func.func @param_not_a_string(%w: tensor<4xf32> {nn.param = 3 : i64}) {
  return
}

// -----

// expected-error @+1 {{'nn.output' on argument #0 must be a non-empty string}}
func.func @destination_unit(%out: tensor<4xf32> {nn.output}) {
  return
}

// -----

// expected-error @+1 {{'nn.output' on result #1 must be a non-empty string}}
func.func @empty_output_name(%x: tensor<4xf32>) -> (tensor<4xf32> {nn.output = "a"}, tensor<4xf32> {nn.output = ""}) {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}

// -----

func.func @scan_no_sequence(%h0: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'nn.scan' op needs at least one sequence to scan over}}
  %h = "nn.scan"(%h0) <{operandSegmentSizes = array<i32: 1, 0>, resultSegmentSizes = array<i32: 1, 0>}> ({
  ^bb0(%hp: tensor<2xf32>):
    "nn.yield"(%hp) : (tensor<2xf32>) -> ()
  }) : (tensor<2xf32>) -> tensor<2xf32>
  return %h : tensor<2xf32>
}

// -----

func.func @scan_lengths(%h0: tensor<2xf32>, %a: tensor<4x2xf32>, %b: tensor<5x2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'nn.scan' op sequence #1 has 5 steps, sequence #0 has 4}}
  %h = nn.scan init(%h0 : tensor<2xf32>) over(%a, %b : tensor<4x2xf32>, tensor<5x2xf32>) finals(tensor<2xf32>) {
  ^bb0(%hp: tensor<2xf32>, %x: tensor<2xf32>, %y: tensor<2xf32>):
    nn.yield %hp : tensor<2xf32>
  }
  return %h : tensor<2xf32>
}

// -----

func.func @scan_body_args(%h0: tensor<2xf32>, %a: tensor<4x2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'nn.scan' op body arguments must be the carried values' types, then one step of each sequence: expected ('tensor<2xf32>', 'tensor<2xf32>'), got ('tensor<2xf32>', 'tensor<4x2xf32>')}}
  %h = nn.scan init(%h0 : tensor<2xf32>) over(%a : tensor<4x2xf32>) finals(tensor<2xf32>) {
  ^bb0(%hp: tensor<2xf32>, %x: tensor<4x2xf32>):
    nn.yield %hp : tensor<2xf32>
  }
  return %h : tensor<2xf32>
}

// -----

func.func @scan_yield(%h0: tensor<2xf32>, %a: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %h, %ys = nn.scan init(%h0 : tensor<2xf32>) over(%a : tensor<4x2xf32>) finals(tensor<2xf32>) outputs(tensor<4x2xf32>) {
  ^bb0(%hp: tensor<2xf32>, %x: tensor<2xf32>):
    // expected-error @+1 {{'nn.yield' op must yield the next carried values, then one step of each output: expected ('tensor<2xf32>', 'tensor<2xf32>'), got ('tensor<2xf32>')}}
    nn.yield %hp : tensor<2xf32>
  }
  return %ys : tensor<4x2xf32>
}

// -----

func.func @scan_output_steps(%h0: tensor<2xf32>, %a: tensor<4x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'nn.scan' op output 'tensor<3x2xf32>' must stack 4 steps along its leading axis}}
  %h, %ys = nn.scan init(%h0 : tensor<2xf32>) over(%a : tensor<4x2xf32>) finals(tensor<2xf32>) outputs(tensor<3x2xf32>) {
  ^bb0(%hp: tensor<2xf32>, %x: tensor<2xf32>):
    nn.yield %hp, %x : tensor<2xf32>, tensor<2xf32>
  }
  return %ys : tensor<3x2xf32>
}

// -----

func.func @grad_unknown(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'nn.grad' op calls @nowhere, which is not a function in this module}}
  %g = nn.grad @nowhere(%a) wrt [0] : (tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

func.func private @vector_valued(%a: tensor<3xf32>) -> tensor<3xf32>
func.func @grad_not_scalar(%a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'nn.grad' op needs @vector_valued to return a rank-0 float tensor first, got '(tensor<3xf32>) -> tensor<3xf32>'}}
  %g = nn.grad @vector_valued(%a) wrt [0] : (tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

func.func private @count(%a: tensor<3xi32>, %b: tensor<3xf32>) -> tensor<f32>
func.func @grad_integer(%a: tensor<3xi32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'nn.grad' op cannot differentiate with respect to operand #0 of type 'tensor<3xi32>': gradients exist only for float tensors}}
  %g = nn.grad @count(%a, %b) wrt [0] : (tensor<3xi32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

func.func private @pair(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<f32>
func.func @grad_repeated(%a: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  // expected-error @+1 {{'nn.grad' op wrt index 0 is out of range or repeated}}
  %g:2 = nn.grad @pair(%a, %a) wrt [0, 0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %g#0, %g#1 : tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @random_normal_int(%key: tensor<i64>) -> tensor<4xi32> {
  // expected-error @+1 {{'nn.random_normal' op result #0 must be statically shaped tensor of floating-point values, but got 'tensor<4xi32>'}}
  %a = nn.random_normal %key : tensor<i64> -> tensor<4xi32>
  return %a : tensor<4xi32>
}

// -----

func.func @random_normal_key(%key: tensor<2xi64>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.random_normal' op operand #0 must be 0D tensor of 64-bit signless integer values, but got 'tensor<2xi64>'}}
  %a = nn.random_normal %key : tensor<2xi64> -> tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

func.func @random_uniform_int(%key: tensor<i64>) -> tensor<4xi64> {
  // expected-error @+1 {{'nn.random_uniform' op result #0 must be statically shaped tensor of floating-point values, but got 'tensor<4xi64>'}}
  %a = nn.random_uniform %key : tensor<i64> -> tensor<4xi64>
  return %a : tensor<4xi64>
}

// -----

func.func @random_uniform_key(%key: tensor<i32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.random_uniform' op operand #0 must be 0D tensor of 64-bit signless integer values, but got 'tensor<i32>'}}
  %a = nn.random_uniform %key : tensor<i32> -> tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

func.func @sin_integer(%x: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = nn.sin %x : tensor<4xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

// Pooling needs [N, C] and 1 to 3 spatial dimensions.
func.func @max_pool_rank_2(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{input must be [N, C, spatial...] with 1 to 3 spatial dimensions, got 'tensor<4x8xf32>'}}
  %0 = nn.max_pool %x {kernel = array<i64: 2>} : tensor<4x8xf32>
  return
}

// -----

func.func @avg_pool_rank_6(%x: tensor<1x1x2x2x2x2xf32>) {
  // expected-error @+1 {{input must be [N, C, spatial...] with 1 to 3 spatial dimensions, got 'tensor<1x1x2x2x2x2xf32>'}}
  %0 = nn.avg_pool %x {kernel = array<i64: 1, 1, 1, 1>} : tensor<1x1x2x2x2x2xf32>
  return
}

// -----

func.func @max_pool_dynamic(%x: tensor<1x2x?xf32>) {
  // expected-error @+1 {{input must have a static shape, got 'tensor<1x2x?xf32>'}}
  %0 = nn.max_pool %x {kernel = array<i64: 2>} : tensor<1x2x?xf32>
  return
}

// -----

func.func @max_pool_integer(%x: tensor<1x2x8xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values, but got 'tensor<1x2x8xi32>'}}
  %0 = nn.max_pool %x {kernel = array<i64: 2>} : tensor<1x2x8xi32>
  return
}

// -----

// One kernel extent per spatial dimension.
func.func @max_pool_kernel_length(%x: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{kernel must have 2 entries (one per spatial dimension of 'tensor<1x2x8x8xf32>'), got 1}}
  %0 = nn.max_pool %x {kernel = array<i64: 2>} : tensor<1x2x8x8xf32>
  return
}

// -----

func.func @avg_pool_kernel_zero(%x: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{kernel entries must be at least 1, got 0}}
  %0 = nn.avg_pool %x {kernel = array<i64: 2, 0>} : tensor<1x2x8x8xf32>
  return
}

// -----

func.func @max_pool_stride_length(%x: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{stride must have 2 entries (one per spatial dimension), got 3}}
  %0 = nn.max_pool %x {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1, 1>} : tensor<1x2x8x8xf32>
  return
}

// -----

func.func @avg_pool_stride_zero(%x: tensor<1x2x8xf32>) {
  // expected-error @+1 {{stride entries must be at least 1, got 0}}
  %0 = nn.avg_pool %x {kernel = array<i64: 2>, stride = array<i64: 0>} : tensor<1x2x8xf32>
  return
}

// -----

func.func @max_pool_dilation_length(%x: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{dilation must have 2 entries (one per spatial dimension), got 1}}
  %0 = nn.max_pool %x {kernel = array<i64: 2, 2>, dilation = array<i64: 2>} : tensor<1x2x8x8xf32>
  return
}

// -----

func.func @max_pool_padding_length(%x: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{padding must have 2 entries (both sides) or 4 (begins, then ends), got 3}}
  %0 = nn.max_pool %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1, 1>} : tensor<1x2x8x8xf32>
  return
}

// -----

func.func @avg_pool_padding_negative(%x: tensor<1x2x8xf32>) {
  // expected-error @+1 {{padding entries must be at least 0, got -1}}
  %0 = nn.avg_pool %x {kernel = array<i64: 3>, padding = array<i64: -1>} : tensor<1x2x8xf32>
  return
}

// -----

// ONNX's rule: padding below the kernel, on either side.
func.func @max_pool_padding_not_below_kernel(%x: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{padding must be below the kernel (3) along spatial dimension 1, got 3 before and 3 after}}
  %0 = nn.max_pool %x {kernel = array<i64: 3, 3>, padding = array<i64: 1, 3>} : tensor<1x2x8x8xf32>
  return
}

// -----

func.func @avg_pool_padding_end_not_below_kernel(%x: tensor<1x2x8xf32>) {
  // expected-error @+1 {{padding must be below the kernel (2) along spatial dimension 0, got 0 before and 2 after}}
  %0 = nn.avg_pool %x {kernel = array<i64: 2>, padding = array<i64: 0, 2>} : tensor<1x2x8xf32>
  return
}

// -----

func.func @max_pool_indices_storage_order(%x: tensor<1x2x8x8xf32>) {
  // expected-error @+2 {{storage_order must be 0 (row-major) or 1 (column-major), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max_pool_indices %x {kernel = array<i64: 2, 2>, storage_order = 2} : tensor<1x2x8x8xf32> -> tensor<1x2x4x4xi64>
  return
}

// -----

// The (dilated) window must fit in the padded input.
func.func @max_pool_window_too_large(%x: tensor<1x2x8x4xf32>) {
  // expected-error @+1 {{spatial dimension 1 of extent 4 with padding 1+1 is smaller than the window's span 7 (kernel 3, dilation 3)}}
  %0 = nn.max_pool %x {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1>, dilation = array<i64: 1, 3>} : tensor<1x2x8x4xf32>
  return
}

// -----

func.func @avg_pool_window_too_large(%x: tensor<1x2x2xf32>) {
  // expected-error @+1 {{spatial dimension 0 of extent 2 with padding 0+0 is smaller than the window's span 3 (kernel 3, dilation 1)}}
  %0 = nn.avg_pool %x {kernel = array<i64: 3>} : tensor<1x2x2xf32>
  return
}

// -----

// The gradient ops check grad_output against the forward result type.
func.func @max_pool_grad_output_type(%g: tensor<1x2x3xf32>, %x: tensor<1x2x8xf32>) {
  // expected-error @+1 {{grad_output must be 'tensor<1x2x4xf32>' (the pooled type of 'tensor<1x2x8xf32>'), got 'tensor<1x2x3xf32>'}}
  %0 = nn.max_pool_grad %g, %x {kernel = array<i64: 2>} : tensor<1x2x3xf32>, tensor<1x2x8xf32>
  return
}

// -----

func.func @avg_pool_grad_result_type(%g: tensor<1x2x4xf32>) {
  // expected-error @+1 {{grad_output must be 'tensor<1x2x5xf32>' (the pooled type of 'tensor<1x2x10xf32>'), got 'tensor<1x2x4xf32>'}}
  %0 = nn.avg_pool_grad %g {kernel = array<i64: 2>} : tensor<1x2x4xf32> -> tensor<1x2x10xf32>
  return
}

// -----

func.func @avg_pool_grad_window(%g: tensor<1x2x4xf32>) {
  // expected-error @+1 {{kernel must have 1 entries (one per spatial dimension of 'tensor<1x2x8xf32>'), got 2}}
  %0 = nn.avg_pool_grad %g {kernel = array<i64: 2, 2>} : tensor<1x2x4xf32> -> tensor<1x2x8xf32>
  return
}

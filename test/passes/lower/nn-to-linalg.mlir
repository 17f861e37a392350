// RUN: nnc-opt %s -split-input-file --nnc-lower-nn-to-linalg | FileCheck %s

// A rank-2 matmul becomes linalg.matmul into a zero-filled accumulator.
// CHECK-LABEL: func.func @matmul_2d
// CHECK-SAME: (%[[A:.*]]: tensor<8x4xf32>, %[[B:.*]]: tensor<4x3xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<8x3xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<8x3xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<8x4xf32>, tensor<4x3xf32>)
// CHECK-SAME: outs(%[[ACC]] : tensor<8x3xf32>)
// CHECK: return %[[MM]]
// CHECK-NOT: nn.
func.func @matmul_2d(%a: tensor<8x4xf32>, %b: tensor<4x3xf32>) -> tensor<8x3xf32> {
  %0 = nn.matmul %a, %b : tensor<8x4xf32>, tensor<4x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

// A matmul by a transposed matrix (a linear layer's x * w^T) reads w in place
// through a transposed-B linalg.matmul; the transpose is left unused.
// CHECK-DAG: #[[MAPA:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[MAPBT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[MAPC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_transposed_b
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xf32>, %[[W:.*]]: tensor<3x4xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#[[MAPA]], #[[MAPBT]], #[[MAPC]]] ins(%[[X]], %[[W]] : tensor<2x4xf32>, tensor<3x4xf32>)
// CHECK: return %[[MM]]
func.func @matmul_transposed_b(%x: tensor<2x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x3xf32> {
  %t = nn.transpose %w [1, 0] : tensor<3x4xf32>
  %0 = nn.matmul %x, %t : tensor<2x4xf32>, tensor<4x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A transposed left operand (a weight gradient's x^T * dy) is read in place
// through a transposed-A linalg.matmul.
// CHECK-DAG: #[[MAPAT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[MAPB:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[MAPC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_transposed_a
// CHECK-SAME: (%[[X:.*]]: tensor<5x2xf32>, %[[DY:.*]]: tensor<5x3xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#[[MAPAT]], #[[MAPB]], #[[MAPC]]] ins(%[[X]], %[[DY]] : tensor<5x2xf32>, tensor<5x3xf32>)
// CHECK: return %[[MM]]
func.func @matmul_transposed_a(%x: tensor<5x2xf32>, %dy: tensor<5x3xf32>) -> tensor<2x3xf32> {
  %t = nn.transpose %x [1, 0] : tensor<5x2xf32>
  %0 = nn.matmul %t, %dy : tensor<2x5xf32>, tensor<5x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The transpose of a product with a transposed operand, (x^T dy)^T (the
// gradient of a linear layer's weight), is dy^T x: one transposed-A matmul
// and no transposed copy.
// CHECK-LABEL: func.func @transposed_product
// CHECK-SAME: (%[[X:.*]]: tensor<5x2xf32>, %[[DY:.*]]: tensor<5x3xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#[[MAPAT]], #[[MAPB]], #[[MAPC]]] ins(%[[DY]], %[[X]] : tensor<5x3xf32>, tensor<5x2xf32>) outs(%{{.*}} : tensor<3x2xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: return %[[MM]]
func.func @transposed_product(%x: tensor<5x2xf32>, %dy: tensor<5x3xf32>) -> tensor<3x2xf32> {
  %t = nn.transpose %x [1, 0] : tensor<5x2xf32>
  %0 = nn.matmul %t, %dy : tensor<2x5xf32>, tensor<5x3xf32>
  %1 = nn.transpose %0 [1, 0] : tensor<2x3xf32>
  return %1 : tensor<3x2xf32>
}

// -----

// Batched rows by one matrix (a linear layer on a sequence) are one 2-d
// matmul of all the rows: [2, 5, 4] as [10, 4], by w^T read in place, and
// the product laid out as [2, 5, 3] again.
// CHECK-LABEL: func.func @matmul_rows_by_matrix
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x4xf32>, %[[W:.*]]: tensor<3x4xf32>)
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<2x5x4xf32> into tensor<10x4xf32>
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[ROWS]], %[[W]] : tensor<10x4xf32>, tensor<3x4xf32>)
// CHECK: %[[Y:.*]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2]] output_shape [2, 5, 3] : tensor<10x3xf32> into tensor<2x5x3xf32>
// CHECK: return %[[Y]]
func.func @matmul_rows_by_matrix(%x: tensor<2x5x4xf32>, %w: tensor<3x4xf32>) -> tensor<2x5x3xf32> {
  %t = nn.transpose %w [1, 0] : tensor<3x4xf32>
  %0 = nn.matmul %x, %t : tensor<2x5x4xf32>, tensor<4x3xf32>
  return %0 : tensor<2x5x3xf32>
}

// -----

// Equal batch dimensions on both sides (attention's q k^T): one
// linalg.batch_matmul over the batch dimensions collapsed into one, reading
// k in place through transposed-B maps.
// CHECK-LABEL: func.func @matmul_batch_transposed_b
// CHECK-SAME: (%[[Q:.*]]: tensor<2x3x5x4xf32>, %[[K:.*]]: tensor<2x3x6x4xf32>)
// CHECK-DAG: %[[QS:.*]] = tensor.collapse_shape %[[Q]] {{\[\[}}0, 1], [2], [3]] : tensor<2x3x5x4xf32> into tensor<6x5x4xf32>
// CHECK-DAG: %[[KS:.*]] = tensor.collapse_shape %[[K]] {{\[\[}}0, 1], [2], [3]] : tensor<2x3x6x4xf32> into tensor<6x6x4xf32>
// CHECK: %[[MM:.*]] = linalg.batch_matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[QS]], %[[KS]] : tensor<6x5x4xf32>, tensor<6x6x4xf32>)
// CHECK: tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2], [3]] output_shape [2, 3, 5, 6] : tensor<6x5x6xf32> into tensor<2x3x5x6xf32>
func.func @matmul_batch_transposed_b(%q: tensor<2x3x5x4xf32>, %k: tensor<2x3x6x4xf32>) -> tensor<2x3x5x6xf32> {
  %t = nn.transpose %k [0, 1, 3, 2] : tensor<2x3x6x4xf32>
  %0 = nn.matmul %q, %t : tensor<2x3x5x4xf32>, tensor<2x3x4x6xf32>
  return %0 : tensor<2x3x5x6xf32>
}

// -----

// Unit batch dimensions on every side (one head's tile, as flash
// attention's gradient takes them: P^T dO): one matrix product, reading the
// transposed left operand in place through a transposed-A linalg.matmul.
// CHECK-DAG: #[[MAPAT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func.func @matmul_unit_batch_transposed_a
// CHECK-SAME: (%[[P:.*]]: tensor<1x1x5x4xf32>, %[[DO:.*]]: tensor<1x1x5x3xf32>)
// CHECK-DAG: %[[PM:.*]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1, 2], [3]] : tensor<1x1x5x4xf32> into tensor<5x4xf32>
// CHECK-DAG: %[[DOM:.*]] = tensor.collapse_shape %[[DO]] {{\[\[}}0, 1, 2], [3]] : tensor<1x1x5x3xf32> into tensor<5x3xf32>
// CHECK: %[[MM:.*]] = linalg.matmul indexing_maps = [#[[MAPAT]], #{{.*}}, #{{.*}}] ins(%[[PM]], %[[DOM]] : tensor<5x4xf32>, tensor<5x3xf32>)
// CHECK: tensor.expand_shape %[[MM]] {{\[\[}}0, 1, 2], [3]] output_shape [1, 1, 4, 3] : tensor<4x3xf32> into tensor<1x1x4x3xf32>
func.func @matmul_unit_batch_transposed_a(%p: tensor<1x1x5x4xf32>, %do: tensor<1x1x5x3xf32>) -> tensor<1x1x4x3xf32> {
  %t = nn.transpose %p [0, 1, 3, 2] : tensor<1x1x5x4xf32>
  %0 = nn.matmul %t, %do : tensor<1x1x4x5xf32>, tensor<1x1x5x3xf32>
  return %0 : tensor<1x1x4x3xf32>
}

// -----

// A batched matmul is a contraction over (batch..., m, n, k): the lhs batch
// extent of 1 reads index 0, the rank-3 rhs skips the leading batch loop.
// CHECK-DAG: #[[$BMM_LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[$BMM_RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[$BMM_OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_batched
// CHECK-SAME: (%[[A:.*]]: tensor<2x1x8x4xf32>, %[[B:.*]]: tensor<5x4x3xf32>)
// CHECK: %[[ACC:.*]] = linalg.fill
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[$BMM_LHS]], #[[$BMM_RHS]], #[[$BMM_OUT]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<2x1x8x4xf32>, tensor<5x4x3xf32>)
// CHECK-SAME: outs(%[[ACC]] : tensor<2x5x8x3xf32>)
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK: %[[P:.*]] = arith.mulf %[[L]], %[[R]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[OUT]], %[[P]] : f32
// CHECK: linalg.yield %[[S]] : f32
// CHECK-NOT: linalg.matmul
func.func @matmul_batched(%a: tensor<2x1x8x4xf32>, %b: tensor<5x4x3xf32>) -> tensor<2x5x8x3xf32> {
  %0 = nn.matmul %a, %b : tensor<2x1x8x4xf32>, tensor<5x4x3xf32>
  return %0 : tensor<2x5x8x3xf32>
}

// -----

// Broadcasting: trailing dimensions align and a size-1 dimension facing a
// larger one reads index 0.
// CHECK-DAG: #[[$LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[$RHS:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK-SAME: (%[[A:.*]]: tensor<8x1x4xf32>, %[[B:.*]]: tensor<3x1xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<8x3x4xf32>
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$ID3]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel"]
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<8x1x4xf32>, tensor<3x1xf32>)
// CHECK-SAME: outs(%[[EMPTY]] : tensor<8x3x4xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[SUM:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[SUM]]
func.func @add_broadcast(%a: tensor<8x1x4xf32>, %b: tensor<3x1xf32>) -> tensor<8x3x4xf32> {
  %0 = nn.add %a, %b : tensor<8x1x4xf32>, tensor<3x1xf32>
  return %0 : tensor<8x3x4xf32>
}

// -----

// A missing leading dimension is not indexed: tensor<3xf32> against 2x3.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @float_binary
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]]
// CHECK: arith.subf
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: linalg.generic
// CHECK: arith.divf
// CHECK: linalg.generic
// CHECK: math.powf
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: arith.minimumf
func.func @float_binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = nn.sub %a, %b : tensor<2x3xf32>, tensor<3xf32>
  %1 = nn.mul %0, %b : tensor<2x3xf32>, tensor<3xf32>
  %2 = nn.div %1, %b : tensor<2x3xf32>, tensor<3xf32>
  %3 = nn.pow %2, %b : tensor<2x3xf32>, tensor<3xf32>
  %4 = nn.maximum %3, %b : tensor<2x3xf32>, tensor<3xf32>
  %5 = nn.minimum %4, %b : tensor<2x3xf32>, tensor<3xf32>
  return %5 : tensor<2x3xf32>
}

// -----

// Integer operands use integer arithmetic (signed max/min); a rank-0 operand
// is read through an empty map.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @integer_binary
// CHECK-SAME: (%[[I:.*]]: tensor<2x3xi32>, %[[S:.*]]: tensor<i32>)
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$SCALAR]], #[[$ID2]]]
// CHECK-SAME: ins(%[[I]], %[[S]] : tensor<2x3xi32>, tensor<i32>)
// CHECK: arith.addi
// CHECK: arith.subi
// CHECK: arith.muli
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK-NOT: arith.{{.*}}f
func.func @integer_binary(%i: tensor<2x3xi32>, %s: tensor<i32>) -> tensor<2x3xi32> {
  %0 = nn.add %i, %s : tensor<2x3xi32>, tensor<i32>
  %1 = nn.sub %0, %s : tensor<2x3xi32>, tensor<i32>
  %2 = nn.mul %1, %s : tensor<2x3xi32>, tensor<i32>
  %3 = nn.maximum %2, %s : tensor<2x3xi32>, tensor<i32>
  %4 = nn.minimum %3, %s : tensor<2x3xi32>, tensor<i32>
  return %4 : tensor<2x3xi32>
}

// -----

// Unary math maps one-to-one onto arith and math; relu is a maximum with 0;
// sigmoid is 1 / (1 + exp(-x)).
// CHECK-LABEL: func.func @unary
// CHECK: ^bb0(%[[X0:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.negf %[[X0]] : f32
// CHECK: ^bb0(%[[X1:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.absf %[[X1]] : f32
// CHECK: ^bb0(%[[X2:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.exp %[[X2]] : f32
// CHECK: ^bb0(%[[X3:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.log %[[X3]] : f32
// CHECK: ^bb0(%[[X4:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.sqrt %[[X4]] : f32
// CHECK: ^bb0(%[[X5:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.rsqrt %[[X5]] : f32
// CHECK: ^bb0(%[[X6:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: math.tanh %[[X6]] : f32
// CHECK: ^bb0(%[[X7:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: arith.maximumf %[[X7]], %[[Z]] : f32
// CHECK: ^bb0(%[[X8:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[X8]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[NEG]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK-NEXT: %[[SIG:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK-NEXT: linalg.yield %[[SIG]] : f32
func.func @unary(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.neg %x : tensor<4xf32>
  %1 = nn.abs %0 : tensor<4xf32>
  %2 = nn.exp %1 : tensor<4xf32>
  %3 = nn.log %2 : tensor<4xf32>
  %4 = nn.sqrt %3 : tensor<4xf32>
  %5 = nn.rsqrt %4 : tensor<4xf32>
  %6 = nn.tanh %5 : tensor<4xf32>
  %7 = nn.relu %6 : tensor<4xf32>
  %8 = nn.sigmoid %7 : tensor<4xf32>
  return %8 : tensor<4xf32>
}

// -----

// Exact GELU: x/2 * (1 + erf(x / sqrt(2))).
// CHECK-LABEL: func.func @gelu_none
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[RSQRT2:.*]] = arith.constant 0.707106769 : f32
// CHECK: %[[SCALED:.*]] = arith.mulf %[[X]], %[[RSQRT2]] : f32
// CHECK: %[[ERF:.*]] = math.erf %[[SCALED]] : f32
// CHECK: %[[HX:.*]] = arith.mulf %[[HALF]], %[[X]] : f32
// CHECK: %[[SUM:.*]] = arith.addf %[[ONE]], %[[ERF]] : f32
// CHECK: %[[R:.*]] = arith.mulf %[[HX]], %[[SUM]] : f32
// CHECK: linalg.yield %[[R]]
// CHECK-NOT: math.tanh
func.func @gelu_none(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.gelu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tanh GELU: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
// CHECK-LABEL: func.func @gelu_tanh
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[X2:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK: %[[X3:.*]] = arith.mulf %[[X]], %[[X2]] : f32
// CHECK: %[[C:.*]] = arith.constant 4.471500e-02 : f32
// CHECK: %[[CX3:.*]] = arith.mulf %[[X3]], %[[C]] : f32
// CHECK: %[[POLY:.*]] = arith.addf %[[X]], %[[CX3]] : f32
// CHECK: %[[K:.*]] = arith.constant 0.797884583 : f32
// CHECK: %[[ARG:.*]] = arith.mulf %[[POLY]], %[[K]] : f32
// CHECK: %[[T:.*]] = math.tanh %[[ARG]] : f32
// CHECK: arith.addf %{{.*}}, %[[T]] : f32
// CHECK-NOT: math.erf
func.func @gelu_tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.gelu %x {approximate = "tanh"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// SiLU: x * (1 / (1 + exp(-x))).
// CHECK-LABEL: func.func @silu
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[NEG:.*]] = arith.negf %[[X]] : f32
// CHECK: %[[E:.*]] = math.exp %[[NEG]] : f32
// CHECK: %[[DEN:.*]] = arith.addf %{{.*}}, %[[E]] : f32
// CHECK: %[[SIG:.*]] = arith.divf %{{.*}}, %[[DEN]] : f32
// CHECK: %[[R:.*]] = arith.mulf %[[X]], %[[SIG]] : f32
// CHECK: linalg.yield %[[R]]
func.func @silu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.silu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Softplus with beta 2 and threshold 10: x where 2x > 10, else
// log1p(exp(2x)) / 2.
// CHECK-LABEL: func.func @softplus
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[BETA:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[BX:.*]] = arith.mulf %[[X]], %[[BETA]] : f32
// CHECK: %[[E:.*]] = math.exp %[[BX]] : f32
// CHECK: %[[L:.*]] = math.log1p %[[E]] : f32
// CHECK: %[[SOFT:.*]] = arith.divf %[[L]], %{{.*}} : f32
// CHECK: %[[THRESHOLD:.*]] = arith.constant 1.000000e+01 : f32
// CHECK: %[[LINEAR:.*]] = arith.cmpf ogt, %[[BX]], %[[THRESHOLD]] : f32
// CHECK: %[[R:.*]] = arith.select %[[LINEAR]], %[[X]], %[[SOFT]] : f32
// CHECK: linalg.yield %[[R]]
func.func @softplus(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.softplus %x {beta = 2.0 : f64, threshold = 10.0 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Mish: x * tanh(softplus(x)) with PyTorch's softplus defaults.
// CHECK-LABEL: func.func @mish
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: math.log1p
// CHECK: %[[THRESHOLD:.*]] = arith.constant 2.000000e+01 : f32
// CHECK: arith.cmpf ogt, %{{.*}}, %[[THRESHOLD]] : f32
// CHECK: %[[SP:.*]] = arith.select
// CHECK: %[[T:.*]] = math.tanh %[[SP]] : f32
// CHECK: %[[R:.*]] = arith.mulf %[[X]], %[[T]] : f32
// CHECK: linalg.yield %[[R]]
func.func @mish(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.mish %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Leaky ReLU: x where x >= 0, else slope * x.
// CHECK-LABEL: func.func @leaky_relu
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[SLOPE:.*]] = arith.constant 2.000000e-01 : f32
// CHECK: %[[SCALED:.*]] = arith.mulf %[[X]], %[[SLOPE]] : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[POS:.*]] = arith.cmpf oge, %[[X]], %[[ZERO]] : f32
// CHECK: %[[R:.*]] = arith.select %[[POS]], %[[X]], %[[SCALED]] : f32
// CHECK: linalg.yield %[[R]]
func.func @leaky_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.leaky_relu %x {negative_slope = 0.2 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// ELU in f64: x where x > 0, else alpha * expm1(x).
// CHECK-LABEL: func.func @elu
// CHECK: ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK: %[[EM1:.*]] = math.expm1 %[[X]] : f64
// CHECK: %[[ALPHA:.*]] = arith.constant 5.000000e-01 : f64
// CHECK: %[[NEG:.*]] = arith.mulf %[[EM1]], %[[ALPHA]] : f64
// CHECK: %[[POS:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f64
// CHECK: %[[R:.*]] = arith.select %[[POS]], %[[X]], %[[NEG]] : f64
// CHECK: linalg.yield %[[R]] : f64
func.func @elu(%x: tensor<4xf64>) -> tensor<4xf64> {
  %0 = nn.elu %x {alpha = 0.5 : f64} : tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

// Softmax along the last axis: a maximum (from -inf) kept as 8x1 and
// broadcast back, exp(x - max), a sum kept as 8x1, a division.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$KEEP:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: (%[[X:.*]]: tensor<8x10xf32>)
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAX_INIT:.*]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.*}} : tensor<8x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<8x10xf32>) outs(%[[MAX_INIT]] : tensor<8x1xf32>)
// CHECK: arith.maximumf
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP]], #[[$ID]]]
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<8x10xf32>, tensor<8x1xf32>)
// CHECK: arith.subf
// CHECK: %[[EXP:.*]] = linalg.generic
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[EXP]] : tensor<8x10xf32>)
// CHECK: arith.addf
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP]], #[[$ID]]]
// CHECK-SAME: ins(%[[EXP]], %[[SUM]] : tensor<8x10xf32>, tensor<8x1xf32>)
// CHECK: arith.divf
// CHECK: return %[[R]]
func.func @softmax(%x: tensor<8x10xf32>) -> tensor<8x10xf32> {
  %0 = nn.softmax %x axis -1 : tensor<8x10xf32>
  return %0 : tensor<8x10xf32>
}

// -----

// Log-softmax along axis 0: the maximum is kept as 1x10 (a non-finite one
// counts as 0), then (x - m) - log(sum(exp(x - m))).
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$KEEP:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @log_softmax
// CHECK-SAME: (%[[X:.*]]: tensor<8x10xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP]]], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<8x10xf32>) outs(%{{.*}} : tensor<1x10xf32>)
// CHECK: arith.maximumf
// CHECK: math.isfinite
// CHECK: arith.select
// CHECK: %[[SHIFTED:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP]], #[[$ID]]]
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<8x10xf32>, tensor<1x10xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK: arith.addf
// CHECK: %[[LOG:.*]] = linalg.generic
// CHECK: math.log
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP]], #[[$ID]]]
// CHECK-SAME: ins(%[[SHIFTED]], %[[LOG]] : tensor<8x10xf32>, tensor<1x10xf32>)
// CHECK: arith.subf
// CHECK: return %[[R]]
func.func @log_softmax(%x: tensor<8x10xf32>) -> tensor<8x10xf32> {
  %0 = nn.log_softmax %x axis 0 : tensor<8x10xf32>
  return %0 : tensor<8x10xf32>
}

// -----

// logsumexp is log(sum(exp(x - m))) + m with the axis kept; without keepdim
// a reduction over the unit axis then drops it.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$DROP:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @logsumexp
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: math.log
// CHECK: %[[LSE:.*]] = linalg.generic
// CHECK: arith.addf
// CHECK: } -> tensor<2x1xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$DROP]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[LSE]] : tensor<2x1xf32>) outs(%{{.*}} : tensor<2xf32>)
// CHECK: return %[[R]] : tensor<2xf32>
// CHECK-LABEL: func.func @logsumexp_keepdim
// CHECK: math.log
// CHECK: %[[LSE:.*]] = linalg.generic
// CHECK: arith.addf
// CHECK: } -> tensor<2x1xf32>
// CHECK-NEXT: return %[[LSE]] : tensor<2x1xf32>
func.func @logsumexp(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = nn.logsumexp %x [1] : tensor<2x3xf32>
  return %0 : tensor<2xf32>
}
func.func @logsumexp_keepdim(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = nn.logsumexp %x [-1] {keepdim = true} : tensor<2x3xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// Reductions: kept axes are read at index 0 of the result; dropped ones are
// not indexed; reducing every axis gives a rank-0 tensor.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$KEEP1:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[$ONLY1:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[$NONE:.*]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-LABEL: func.func @reductions
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x1x4xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEEP1]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2x1x4xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: arith.addf %[[ACC]], %[[IN]] : f32
// CHECK: %[[MSUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ONLY1]]], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<3xf32>)
// CHECK: arith.addf
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[MSUM]] : tensor<3xf32>)
// CHECK: %[[EIGHTH:.*]] = arith.constant 1.250000e-01 : f32
// CHECK: arith.mulf %{{.*}}, %[[EIGHTH]] : f32
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAX_INIT:.*]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.*}} : tensor<f32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$NONE]]], iterator_types = ["reduction", "reduction", "reduction"]}
// CHECK-SAME: outs(%[[MAX_INIT]] : tensor<f32>)
// CHECK: arith.maximumf
// CHECK: return %[[SUM]], %[[MEAN]], %[[MAX]]
func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<2x1x4xf32>, tensor<3xf32>, tensor<f32>) {
  %0 = nn.reduce_sum %x [1] {keepdim = true} : tensor<2x3x4xf32>
  %1 = nn.reduce_mean %x [-1, 0] : tensor<2x3x4xf32>
  %2 = nn.reduce_max %x [] : tensor<2x3x4xf32>
  return %0, %1, %2 : tensor<2x1x4xf32>, tensor<3xf32>, tensor<f32>
}

// -----

// reduce_prod multiplies into an accumulator filled with 1.
// CHECK-LABEL: func.func @reduce_prod
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ONE]] : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK: %[[P:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<3xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: arith.mulf %[[ACC]], %[[IN]] : f32
// CHECK: return %[[P]]
func.func @reduce_prod(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %0 = nn.reduce_prod %x [0, 2] : tensor<2x3x4xf32>
  return %0 : tensor<3xf32>
}

// -----

// A reshape that merges neighbouring dimensions is a collapse_shape.
// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: return %[[R]]
func.func @reshape(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = nn.reshape %x [-1, 4] : tensor<2x3x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// One that splits dimensions is an expand_shape.
// CHECK-LABEL: func.func @reshape_split
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
func.func @reshape_split(%x: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  %0 = nn.reshape %x [2, 3, 4] : tensor<6x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Any other static reshape goes through one dimension.
// CHECK-LABEL: func.func @reshape_regroup
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK: tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
func.func @reshape_regroup(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = nn.reshape %x [3, 2] : tensor<2x3xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[EMPTY]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
// CHECK: return %[[T]]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = nn.transpose %x [2, 0, 1] : tensor<2x3x4xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// broadcast_to is a copy through a broadcasting map.
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_to
// CHECK-SAME: (%[[X:.*]]: tensor<3x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<3x1xf32>) outs(%{{.*}} : tensor<2x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @broadcast_to(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = nn.broadcast_to %x [2, 3, 4] : tensor<3x1xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// A strided slice: offsets are the starts, sizes the inferred extents,
// strides the steps.
// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:.*]]: tensor<8x10xf32>)
// CHECK: %[[A:.*]] = tensor.extract_slice %[[X]][1, 0] [4, 4] [2, 3] : tensor<8x10xf32> to tensor<4x4xf32>
// CHECK: %[[B:.*]] = tensor.extract_slice %[[X]][0, 2] [8, 8] [1, 1] : tensor<8x10xf32> to tensor<8x8xf32>
// CHECK: return %[[A]], %[[B]]
func.func @slice(%x: tensor<8x10xf32>) -> (tensor<4x4xf32>, tensor<8x8xf32>) {
  %0 = nn.slice %x [1, 0] to [8, 10] by [2, 3] : tensor<8x10xf32>
  %1 = nn.slice %x [0, 2] to [8, 10] : tensor<8x10xf32>
  return %0, %1 : tensor<4x4xf32>, tensor<8x8xf32>
}

// -----

// An empty slice holds no data: it is a tensor.empty, also where it starts
// at the end of a dimension (x[8:8]), which extract_slice would reject.
// CHECK-LABEL: func.func @slice_empty
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<0x10xf32>
// CHECK-NEXT: return %[[E]]
// CHECK-NOT: tensor.extract_slice
func.func @slice_empty(%x: tensor<8x10xf32>) -> tensor<0x10xf32> {
  %0 = nn.slice %x [8, 0] to [8, 10] : tensor<8x10xf32>
  return %0 : tensor<0x10xf32>
}

// -----

// Concatenation inserts each input at a growing offset along the axis.
// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.*]]: tensor<8x3xf32>, %[[B:.*]]: tensor<8x5xf32>, %[[C:.*]]: tensor<8x1xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<8x9xf32>
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[A]] into %[[EMPTY]][0, 0] [8, 3] [1, 1] : tensor<8x3xf32> into tensor<8x9xf32>
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[B]] into %[[S0]][0, 3] [8, 5] [1, 1] : tensor<8x5xf32> into tensor<8x9xf32>
// CHECK: %[[S2:.*]] = tensor.insert_slice %[[C]] into %[[S1]][0, 8] [8, 1] [1, 1] : tensor<8x1xf32> into tensor<8x9xf32>
// CHECK: return %[[S2]]
func.func @concat(%a: tensor<8x3xf32>, %b: tensor<8x5xf32>, %c: tensor<8x1xf32>) -> tensor<8x9xf32> {
  %0 = nn.concat %a, %b, %c axis -1 : tensor<8x3xf32>, tensor<8x5xf32>, tensor<8x1xf32>
  return %0 : tensor<8x9xf32>
}

// -----

// Empty inputs contribute nothing and are not inserted.
// CHECK-LABEL: func.func @concat_empty_input
// CHECK-SAME: (%[[A:.*]]: tensor<8x3xf32>, %[[B:.*]]: tensor<8x0xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<8x3xf32>
// CHECK: %[[S:.*]] = tensor.insert_slice %[[A]] into %[[EMPTY]][0, 0] [8, 3] [1, 1]
// CHECK-NOT: tensor.insert_slice
// CHECK: return %[[S]]
func.func @concat_empty_input(%a: tensor<8x3xf32>, %b: tensor<8x0xf32>) -> tensor<8x3xf32> {
  %0 = nn.concat %a, %b axis 1 : tensor<8x3xf32>, tensor<8x0xf32>
  return %0 : tensor<8x3xf32>
}

// -----

// MSE: (input - target)^2, then one reduction over every element, scaled by
// 1/16 for "mean"; "sum" does not scale and "none" does not reduce.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ALL:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @mse_loss
// CHECK-SAME: (%[[P:.*]]: tensor<8x2xf32>, %[[Y:.*]]: tensor<8x2xf32>)
// CHECK: %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]]]
// CHECK-SAME: ins(%[[P]], %[[Y]] : tensor<8x2xf32>, tensor<8x2xf32>)
// CHECK: %[[D:.*]] = arith.subf
// CHECK: arith.mulf %[[D]], %[[D]] : f32
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ALL]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: ins(%[[SQ]] : tensor<8x2xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<f32>)
// CHECK: arith.constant 6.250000e-02 : f32
// CHECK: %[[SQ2:.*]] = linalg.generic
// CHECK: %[[SUM2:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK-SAME: ins(%[[SQ2]] : tensor<8x2xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[NONE:.*]] = linalg.generic
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
// CHECK: return %[[MEAN]], %[[SUM2]], %[[NONE]]
func.func @mse_loss(%p: tensor<8x2xf32>, %y: tensor<8x2xf32>) -> (tensor<f32>, tensor<f32>, tensor<8x2xf32>) {
  %0 = nn.mse_loss %p, %y : tensor<8x2xf32>, tensor<8x2xf32>
  %1 = nn.mse_loss %p, %y {reduction = "sum"} : tensor<8x2xf32>, tensor<8x2xf32>
  %2 = nn.mse_loss %p, %y {reduction = "none"} : tensor<8x2xf32>, tensor<8x2xf32>
  return %0, %1, %2 : tensor<f32>, tensor<f32>, tensor<8x2xf32>
}

// -----

// Cross-entropy from class indices without log-probabilities as a tensor:
// the row maximum m, L = log(sum(exp(x - m))), and row i's loss
// L - (x[i, target[i]] - m) gathered from the logits themselves; "mean"
// divides the sum by N = 4.
// CHECK-LABEL: func.func @cross_entropy_indices
// CHECK-SAME: (%[[L:.*]]: tensor<4x10xf32>, %[[T:.*]]: tensor<4xi64>)
// CHECK: arith.maximumf
// CHECK: %[[M:.*]] = linalg.generic
// CHECK: math.isfinite
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: %[[LOGSUM:.*]] = linalg.generic
// CHECK: math.log
// CHECK-NOT: tensor<4x10xf32>
// CHECK: %[[LV:.*]] = tensor.collapse_shape %[[LOGSUM]] {{\[\[}}0, 1]] : tensor<4x1xf32> into tensor<4xf32>
// CHECK: %[[MV:.*]] = tensor.collapse_shape %[[M]] {{\[\[}}0, 1]] : tensor<4x1xf32> into tensor<4xf32>
// CHECK: %[[ROWS:.*]] = linalg.generic
// CHECK-SAME: ins(%[[T]], %[[LV]], %[[MV]] : tensor<4xi64>, tensor<4xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[CLS:.*]]: i64, %[[LSE:.*]]: f32, %[[MAX:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ROW:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[COL:.*]] = arith.index_cast %[[CLS]] : i64 to index
// CHECK-NEXT: %[[X:.*]] = tensor.extract %[[L]][%[[ROW]], %[[COL]]] : tensor<4x10xf32>
// CHECK-NEXT: %[[SHIFTED:.*]] = arith.subf %[[X]], %[[MAX]] : f32
// CHECK-NEXT: %[[LOSS:.*]] = arith.subf %[[LSE]], %[[SHIFTED]] : f32
// CHECK-NEXT: linalg.yield %[[LOSS]] : f32
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK-SAME: ins(%[[ROWS]] : tensor<4xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<f32>)
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: return %[[MEAN]] : tensor<f32>
func.func @cross_entropy_indices(%l: tensor<4x10xf32>, %t: tensor<4xi64>) -> tensor<f32> {
  %0 = nn.cross_entropy %l, %t : tensor<4x10xf32>, tensor<4xi64>
  return %0 : tensor<f32>
}

// -----

// Cross-entropy from probabilities t, one value per row with "none":
// L * sum(t) - sum(t * (x - m)), both sums from one sweep over the logits.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$KEPT:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @cross_entropy_probabilities
// CHECK-SAME: (%[[L:.*]]: tensor<4x10xf32>, %[[P:.*]]: tensor<4x10xf32>)
// CHECK: arith.maximumf
// CHECK: %[[M:.*]] = linalg.generic
// CHECK: math.isfinite
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: %[[LOGSUM:.*]] = linalg.generic
// CHECK: math.log
// CHECK: %[[LV:.*]] = tensor.collapse_shape %[[LOGSUM]]
// CHECK: %[[SUMS:.*]]:2 = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$KEPT]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[P]], %[[L]], %[[M]] : tensor<4x10xf32>, tensor<4x10xf32>, tensor<4x1xf32>) outs(%{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[T:.*]]: f32, %[[X:.*]]: f32, %[[MAX:.*]]: f32, %[[ST:.*]]: f32, %[[STS:.*]]: f32):
// CHECK-NEXT: %[[S:.*]] = arith.subf %[[X]], %[[MAX]] : f32
// CHECK-NEXT: %[[ST2:.*]] = arith.addf %[[ST]], %[[T]] : f32
// CHECK-NEXT: %[[TS:.*]] = arith.mulf %[[T]], %[[S]] : f32
// CHECK-NEXT: %[[STS2:.*]] = arith.addf %[[STS]], %[[TS]] : f32
// CHECK-NEXT: linalg.yield %[[ST2]], %[[STS2]] : f32, f32
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: ins(%[[LV]], %[[SUMS]]#0, %[[SUMS]]#1 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[C:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[AB:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[LOSS:.*]] = arith.subf %[[AB]], %[[C]] : f32
// CHECK: return %[[R]] : tensor<4xf32>
// CHECK-NOT: tensor.extract
func.func @cross_entropy_probabilities(%l: tensor<4x10xf32>, %p: tensor<4x10xf32>) -> tensor<4xf32> {
  %0 = nn.cross_entropy %l, %p {reduction = "none"} : tensor<4x10xf32>, tensor<4x10xf32>
  return %0 : tensor<4xf32>
}

// -----

// erf is math.erf.
// CHECK-LABEL: func.func @erf
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[E:.*]] = math.erf %[[V]] : f32
// CHECK-NEXT: linalg.yield %[[E]] : f32
// CHECK: return %[[R]]
func.func @erf(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.erf %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// sign is -1 below 0, 1 above, and 0 otherwise (zeros of either sign give
// +0, as torch.sign does).
// CHECK-LABEL: func.func @sign
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.cmpf olt, %[[V]], %[[ZERO]] : f32
// CHECK-NEXT: %[[MINUS:.*]] = arith.constant -1.000000e+00 : f32
// CHECK-NEXT: %[[LOW:.*]] = arith.select %[[NEG]], %[[MINUS]], %[[ZERO]] : f32
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[V]], %[[ZERO]] : f32
// CHECK-NEXT: %[[PLUS:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[POS]], %[[PLUS]], %[[LOW]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @sign(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.sign %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// stop_gradient only matters to differentiation: it lowers to its operand.
// CHECK-LABEL: func.func @stop_gradient
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]] : tensor<4xf32>
func.func @stop_gradient(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.stop_gradient %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Float compare broadcasts like a binary op and yields i1. Comparisons are
// ordered (false with a NaN operand) except ne, which is unordered (true
// with a NaN), as in PyTorch.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @compare_float
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<3x4xi1>
// CHECK: %[[EQ:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4xf32>) outs(%[[EMPTY]] : tensor<3x4xi1>)
// CHECK-NEXT: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: %[[C:.*]] = arith.cmpf oeq, %[[L]], %[[R]] : f32
// CHECK-NEXT: linalg.yield %[[C]] : i1
// CHECK: arith.cmpf une
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oge
func.func @compare_float(%a: tensor<3x4xf32>, %b: tensor<4xf32>) -> (tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>,
        tensor<3x4xi1>, tensor<3x4xi1>) {
  %0 = nn.compare eq, %a, %b : tensor<3x4xf32>, tensor<4xf32>
  %1 = nn.compare ne, %a, %b : tensor<3x4xf32>, tensor<4xf32>
  %2 = nn.compare lt, %a, %b : tensor<3x4xf32>, tensor<4xf32>
  %3 = nn.compare le, %a, %b : tensor<3x4xf32>, tensor<4xf32>
  %4 = nn.compare gt, %a, %b : tensor<3x4xf32>, tensor<4xf32>
  %5 = nn.compare ge, %a, %b : tensor<3x4xf32>, tensor<4xf32>
  return %0, %1, %2, %3, %4, %5
      : tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4xi1>,
        tensor<3x4xi1>, tensor<3x4xi1>
}

// -----

// Integers compare signed; i1 masks compare unsigned, so that false < true
// as for PyTorch's bools (signed, true would be -1).
// CHECK-LABEL: func.func @compare_integer
// CHECK: arith.cmpi eq, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi ne, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi slt, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi sle, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi sgt, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi sge, %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi eq, %{{.*}}, %{{.*}} : i1
// CHECK: arith.cmpi ne, %{{.*}}, %{{.*}} : i1
// CHECK: arith.cmpi ult, %{{.*}}, %{{.*}} : i1
// CHECK: arith.cmpi ule, %{{.*}}, %{{.*}} : i1
// CHECK: arith.cmpi ugt, %{{.*}}, %{{.*}} : i1
// CHECK: arith.cmpi uge, %{{.*}}, %{{.*}} : i1
// CHECK-NOT: arith.cmpf
func.func @compare_integer(%i: tensor<3xi32>, %j: tensor<i32>,
                           %m: tensor<3xi1>, %n: tensor<3xi1>) {
  %0 = nn.compare eq, %i, %j : tensor<3xi32>, tensor<i32>
  %1 = nn.compare ne, %i, %j : tensor<3xi32>, tensor<i32>
  %2 = nn.compare lt, %i, %j : tensor<3xi32>, tensor<i32>
  %3 = nn.compare le, %i, %j : tensor<3xi32>, tensor<i32>
  %4 = nn.compare gt, %i, %j : tensor<3xi32>, tensor<i32>
  %5 = nn.compare ge, %i, %j : tensor<3xi32>, tensor<i32>
  %6 = nn.compare eq, %m, %n : tensor<3xi1>, tensor<3xi1>
  %7 = nn.compare ne, %m, %n : tensor<3xi1>, tensor<3xi1>
  %8 = nn.compare lt, %m, %n : tensor<3xi1>, tensor<3xi1>
  %9 = nn.compare le, %m, %n : tensor<3xi1>, tensor<3xi1>
  %10 = nn.compare gt, %m, %n : tensor<3xi1>, tensor<3xi1>
  %11 = nn.compare ge, %m, %n : tensor<3xi1>, tensor<3xi1>
  return
}

// -----

// select is one arith.select per element; each of the three operands reads
// through its own broadcasting map.
// CHECK-DAG: #[[$COND:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, 0)>
// CHECK-DAG: #[[$TRUE:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[$FALSE:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @select
// CHECK-SAME: (%[[C:.*]]: tensor<2x1x1xi1>, %[[T:.*]]: tensor<3x1xf32>, %[[F:.*]]: tensor<4xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$COND]], #[[$TRUE]], #[[$FALSE]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[C]], %[[T]], %[[F]] : tensor<2x1x1xi1>, tensor<3x1xf32>, tensor<4xf32>) outs(%[[EMPTY]] : tensor<2x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[CV:.*]]: i1, %[[TV:.*]]: f32, %[[FV:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.select %[[CV]], %[[TV]], %[[FV]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @select(%c: tensor<2x1x1xi1>, %t: tensor<3x1xf32>, %f: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %0 = nn.select %c, %t, %f : tensor<2x1x1xi1>, tensor<3x1xf32>, tensor<4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// one_hot: a generic over (labels..., class) reads the label and compares
// it, as an index, with the class index; float results pick 1.0 or 0.0.
// CHECK-DAG: #[[$LABEL:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @one_hot_float
// CHECK-SAME: (%[[L:.*]]: tensor<2x3xi64>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x3x5xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$LABEL]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[L]] : tensor<2x3xi64>) outs(%[[EMPTY]] : tensor<2x3x5xf32>)
// CHECK-NEXT: ^bb0(%[[V:.*]]: i64, %{{.*}}: f32):
// CHECK-NEXT: %[[LABEL:.*]] = arith.index_cast %[[V]] : i64 to index
// CHECK-NEXT: %[[CLASS:.*]] = linalg.index 2 : index
// CHECK-NEXT: %[[HIT:.*]] = arith.cmpi eq, %[[LABEL]], %[[CLASS]] : index
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[S:.*]] = arith.select %[[HIT]], %[[ONE]], %[[ZERO]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @one_hot_float(%labels: tensor<2x3xi64>) -> tensor<2x3x5xf32> {
  %0 = nn.one_hot %labels : tensor<2x3xi64> -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Integer results pick integer 1 or 0. An i8 label is widened, never the
// class index narrowed: class 300 cast to i8 would wrap to label 44.
// CHECK-LABEL: func.func @one_hot_integer
// CHECK-SAME: (%[[L:.*]]: tensor<4xi8>)
// CHECK: ^bb0(%[[V:.*]]: i8, %{{.*}}: i32):
// CHECK-NEXT: %[[LABEL:.*]] = arith.index_cast %[[V]] : i8 to index
// CHECK-NEXT: %[[CLASS:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[HIT:.*]] = arith.cmpi eq, %[[LABEL]], %[[CLASS]] : index
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[S:.*]] = arith.select %[[HIT]], %[[ONE]], %[[ZERO]] : i32
// CHECK-NEXT: linalg.yield %[[S]] : i32
// CHECK: } -> tensor<4x300xi32>
func.func @one_hot_integer(%labels: tensor<4xi8>) -> tensor<4x300xi32> {
  %0 = nn.one_hot %labels : tensor<4xi8> -> tensor<4x300xi32>
  return %0 : tensor<4x300xi32>
}

// -----

// slice_scatter is tensor.insert_slice of the source into the input at the
// starts, with the source's shape as sizes and the steps as strides (ones
// without steps).
// CHECK-LABEL: func.func @slice_scatter
// CHECK-SAME: (%[[X:.*]]: tensor<4x6xf32>, %[[S:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<2x2xf32>)
// CHECK: %[[A:.*]] = tensor.insert_slice %[[S]] into %[[X]][0, 0] [4, 3] [1, 2] : tensor<4x3xf32> into tensor<4x6xf32>
// CHECK: %[[C:.*]] = tensor.insert_slice %[[B]] into %[[A]][2, 4] [2, 2] [1, 1] : tensor<2x2xf32> into tensor<4x6xf32>
// CHECK: return %[[C]]
func.func @slice_scatter(%x: tensor<4x6xf32>, %s: tensor<4x3xf32>, %b: tensor<2x2xf32>) -> tensor<4x6xf32> {
  %0 = nn.slice_scatter %x, %s [0, 0] by [1, 2] : tensor<4x6xf32>, tensor<4x3xf32>
  %1 = nn.slice_scatter %0, %b [2, 4] : tensor<4x6xf32>, tensor<2x2xf32>
  return %1 : tensor<4x6xf32>
}

// -----

// An empty source writes nothing: the result is the input, also where the
// source starts at the end of a dimension, which insert_slice would reject.
// CHECK-LABEL: func.func @slice_scatter_empty
// CHECK-SAME: (%[[X:.*]]: tensor<4x6xf32>, %{{.*}}: tensor<0x6xf32>)
// CHECK-NEXT: return %[[X]] : tensor<4x6xf32>
func.func @slice_scatter_empty(%x: tensor<4x6xf32>, %e: tensor<0x6xf32>) -> tensor<4x6xf32> {
  %0 = nn.slice_scatter %x, %e [4, 0] : tensor<4x6xf32>, tensor<0x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// nn.scan becomes a counted loop over its steps: step t of each sequence is
// sliced out, the body runs, and each output step is written into its stack.
// CHECK-LABEL: func.func @scan
// CHECK: %[[STACK:.*]] = tensor.empty() : tensor<4x2xf32>
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[YS:.*]] = %[[STACK]])
// CHECK:   %[[X:.*]] = tensor.extract_slice %{{.*}}[%[[T]], 0] [1, 2] [1, 1] : tensor<4x2xf32> to tensor<2xf32>
// CHECK:   %[[N:.*]] = linalg.generic
// CHECK:   %[[NEXT:.*]] = tensor.insert_slice %[[N]] into %[[YS]][%[[T]], 0] [1, 2] [1, 1]
// CHECK:   scf.yield %[[N]], %[[NEXT]]
// CHECK: return %[[LOOP]]#0, %[[LOOP]]#1
func.func @scan(%h0: tensor<2xf32>, %xs: tensor<4x2xf32>) -> (tensor<2xf32>, tensor<4x2xf32>) {
  %h, %ys = nn.scan init(%h0 : tensor<2xf32>) over(%xs : tensor<4x2xf32>) finals(tensor<2xf32>) outputs(tensor<4x2xf32>) {
  ^bb0(%hp: tensor<2xf32>, %x: tensor<2xf32>):
    %n = nn.add %hp, %x : tensor<2xf32>, tensor<2xf32>
    nn.yield %n, %n : tensor<2xf32>, tensor<2xf32>
  }
  return %h, %ys : tensor<2xf32>, tensor<4x2xf32>
}

// -----

// Binary cross-entropy: both logs clamped at -100 in one elementwise body,
// then the mean over the 8 elements.
// CHECK-LABEL: func.func @binary_cross_entropy
// CHECK-SAME: (%[[P:.*]]: tensor<4x2xf32>, %[[T:.*]]: tensor<4x2xf32>)
// CHECK: %[[PER:.*]] = linalg.generic
// CHECK-SAME: ins(%[[P]], %[[T]] : tensor<4x2xf32>, tensor<4x2xf32>)
// CHECK: %[[FLOOR:.*]] = arith.constant -1.000000e+02 : f32
// CHECK: %[[LOGP:.*]] = math.log
// CHECK: arith.maximumf %[[LOGP]], %[[FLOOR]] : f32
// CHECK: %[[COMPLEMENT:.*]] = arith.subf
// CHECK: %[[LOGQ:.*]] = math.log %[[COMPLEMENT]]
// CHECK: arith.maximumf %[[LOGQ]], %[[FLOOR]] : f32
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK-SAME: ins(%[[PER]] : tensor<4x2xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<f32>)
// CHECK: arith.constant 1.250000e-01 : f32
// CHECK: return %[[MEAN]]
func.func @binary_cross_entropy(%p: tensor<4x2xf32>, %t: tensor<4x2xf32>) -> tensor<f32> {
  %0 = nn.binary_cross_entropy %p, %t : tensor<4x2xf32>, tensor<4x2xf32>
  return %0 : tensor<f32>
}

// -----

// Binary cross-entropy of logits: max(x, 0) - x t + log1p(exp(-|x|)), whose
// exp cannot overflow; "none" keeps the elementwise result.
// CHECK-LABEL: func.func @binary_cross_entropy_with_logits
// CHECK: %[[R:.*]] = linalg.generic
// CHECK: %[[POS:.*]] = arith.maximumf
// CHECK: %[[ABS:.*]] = math.absf
// CHECK: %[[NEG:.*]] = arith.negf %[[ABS]]
// CHECK: %[[E:.*]] = math.exp %[[NEG]]
// CHECK: %[[TAIL:.*]] = math.log1p %[[E]]
// CHECK: %[[XT:.*]] = arith.mulf
// CHECK: %[[D:.*]] = arith.subf %[[POS]], %[[XT]]
// CHECK: arith.addf %[[D]], %[[TAIL]]
// CHECK-NOT: linalg.generic
// CHECK: return %[[R]] : tensor<4x2xf32>
func.func @binary_cross_entropy_with_logits(%x: tensor<4x2xf32>, %t: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %0 = nn.binary_cross_entropy_with_logits %x, %t {reduction = "none"} : tensor<4x2xf32>, tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// nll_loss on [N, C, d]: each target position gathers -input[n, t, d] (0 for
// an ignored or out-of-range target, compared as i64); "mean" divides the sum
// by the number of targets that are not ignored.
// CHECK-LABEL: func.func @nll_loss_mean
// CHECK-SAME: (%[[L:.*]]: tensor<2x4x3xf32>, %[[T:.*]]: tensor<2x3xi32>)
// CHECK: %[[PER:.*]] = linalg.generic
// CHECK-SAME: ins(%[[T]] : tensor<2x3xi32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: ^bb0(%[[LABEL:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[WIDE:.*]] = arith.extsi %[[LABEL]] : i32 to i64
// CHECK: %[[N:.*]] = linalg.index 0 : index
// CHECK: %[[CLS:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[D:.*]] = linalg.index 1 : index
// CHECK: tensor.extract %[[L]][%[[N]], %[[CLS]], %[[D]]] : tensor<2x4x3xf32>
// CHECK: %[[IGNORE:.*]] = arith.constant 1 : i64
// CHECK: arith.cmpi ne, %[[WIDE]], %[[IGNORE]] : i64
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[PER]] : tensor<2x3xf32>)
// CHECK: %[[KEPT:.*]] = linalg.generic
// CHECK-SAME: ins(%[[T]] : tensor<2x3xi32>)
// CHECK: arith.uitofp
// CHECK: %[[COUNT:.*]] = linalg.generic {{.*}} ins(%[[KEPT]] : tensor<2x3xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]], %[[COUNT]] : tensor<f32>, tensor<f32>)
// CHECK: arith.divf
// CHECK: return %[[MEAN]]
func.func @nll_loss_mean(%l: tensor<2x4x3xf32>, %t: tensor<2x3xi32>) -> tensor<f32> {
  %0 = nn.nll_loss %l, %t {ignore_index = 1} : tensor<2x4x3xf32>, tensor<2x3xi32>
  return %0 : tensor<f32>
}

// -----

// The Gaussian KL divergence is one elementwise body over the four operands,
// then the sum.
// CHECK-LABEL: func.func @gaussian_kl_div
// CHECK: %[[PER:.*]] = linalg.generic
// CHECK-SAME: ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-COUNT-2: math.exp
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK-SAME: ins(%[[PER]] : tensor<4xf32>)
// CHECK: return %[[SUM]]
func.func @gaussian_kl_div(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<4xf32>, %d: tensor<4xf32>) -> tensor<f32> {
  %0 = nn.gaussian_kl_div %a, %b, %c, %d {reduction = "sum"} : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return %0 : tensor<f32>
}

// -----

// Dropout hashes the key and the linear index (i0 * 8 + i1) with splitmix64
// inside the elementwise body, keeps an element when the top 53 bits reach
// round(p 2^53), and scales it by 1 / (1 - p); in inference mode it is the
// input itself.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @dropout
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[KEY:.*]]: tensor<i64>)
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$SCALAR]], #[[$ID]]]
// CHECK-SAME: ins(%[[X]], %[[KEY]] : tensor<4x8xf32>, tensor<i64>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[K:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[I0:.*]] = linalg.index 0 : index
// CHECK: %[[ROW:.*]] = arith.muli %[[I0]], %{{.*}} : index
// CHECK: %[[I1:.*]] = linalg.index 1 : index
// CHECK: arith.addi %[[ROW]], %[[I1]] : index
// CHECK: arith.shrui %[[K]]
// CHECK: arith.constant -4658895280553007687 : i64
// CHECK: arith.constant -7046029254386353131 : i64
// CHECK: %[[THRESHOLD:.*]] = arith.constant 2251799813685248 : i64
// CHECK: %[[KEEP:.*]] = arith.cmpi uge, %{{.*}}, %[[THRESHOLD]] : i64
// CHECK: %[[SCALE:.*]] = arith.constant 1.33333337 : f32
// CHECK: %[[SCALED:.*]] = arith.mulf %[[IN]], %[[SCALE]] : f32
// CHECK: arith.select %[[KEEP]], %[[SCALED]], %{{.*}} : f32
// CHECK: return %[[Y]], %[[X]]
func.func @dropout(%x: tensor<4x8xf32>, %key: tensor<i64>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = nn.dropout %x, %key {p = 0.25} : tensor<4x8xf32>, tensor<i64>
  %1 = nn.dropout %x, %key {training = false} : tensor<4x8xf32>, tensor<i64>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// Batch norm in training mode: one sweep over axis 0 sums the deviations
// from the first row (the pivot) and their squares; the per-channel mean is
// pivot + S1/4 and the biased variance max(S2/4 - (S1/4)^2, 0). The running
// statistics are updated with momentum 0.25 (the variance unbiased:
// 0.25 * 4/3).
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$CHANNEL:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @batch_norm_training
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xf32>, %[[W:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>, %[[RM:.*]]: tensor<3xf32>, %[[RV:.*]]: tensor<3xf32>)
// CHECK: %[[PIVOT:.*]] = tensor.extract_slice %[[X]][0, 0] [1, 3] [1, 1] : tensor<4x3xf32> to tensor<1x3xf32>
// CHECK: %[[SUMS:.*]]:2 = linalg.generic {indexing_maps = [#[[$ID]], #[[$CHANNEL]], #[[$CHANNEL]], #[[$CHANNEL]]], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[PIVOT]] : tensor<4x3xf32>, tensor<1x3xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[P:.*]]: f32, %[[S1:.*]]: f32, %[[S2:.*]]: f32):
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[IN]], %[[P]] : f32
// CHECK-NEXT: arith.addf %[[S1]], %[[D]] : f32
// CHECK-NEXT: %[[DD:.*]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK-NEXT: arith.addf %[[S2]], %[[DD]] : f32
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUMS]]#0, %[[PIVOT]] : tensor<1x3xf32>, tensor<1x3xf32>)
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: %[[VAR:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUMS]]#0, %[[SUMS]]#1 : tensor<1x3xf32>, tensor<1x3xf32>)
// CHECK: arith.subf
// CHECK: arith.maximumf
// CHECK: %[[MEANC:.*]] = tensor.collapse_shape %[[MEAN]] {{\[\[}}0, 1]] : tensor<1x3xf32> into tensor<3xf32>
// CHECK: %[[VARC:.*]] = tensor.collapse_shape %[[VAR]]
// CHECK: math.rsqrt
// CHECK: %[[CENTERED:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[MEAN]] : tensor<4x3xf32>, tensor<1x3xf32>)
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[CENTERED]], %{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<1x3xf32>, tensor<1x3xf32>)
// CHECK: %[[NEWMEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[RM]], %[[MEANC]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: arith.constant 7.500000e-01 : f32
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: %[[NEWVAR:.*]] = linalg.generic
// CHECK-SAME: ins(%[[RV]], %[[VARC]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: arith.constant 0.333333343 : f32
// CHECK: return %[[Y]], %[[NEWMEAN]], %[[NEWVAR]]
func.func @batch_norm_training(%x: tensor<4x3xf32>, %w: tensor<3xf32>, %b: tensor<3xf32>, %rm: tensor<3xf32>, %rv: tensor<3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %y, %m, %v = nn.batch_norm %x, %w, %b, %rm, %rv {momentum = 0.25} : tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
  return %y, %m, %v : tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// Batch norm in inference mode normalizes with the running statistics and
// returns them as they are.
// CHECK-LABEL: func.func @batch_norm_inference
// CHECK-SAME: (%[[X:.*]]: tensor<8x4x5xf32>, %[[W:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>, %[[RM:.*]]: tensor<4xf32>, %[[RV:.*]]: tensor<4xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[RV]], %[[W]] : tensor<4xf32>, tensor<4xf32>)
// CHECK: math.rsqrt
// CHECK: tensor.expand_shape %[[RM]] {{\[\[}}0, 1, 2]] output_shape [1, 4, 1]
// CHECK-NOT: iterator_types = [{{.*}}"reduction"
// CHECK: return %{{.*}}, %[[RM]], %[[RV]]
func.func @batch_norm_inference(%x: tensor<8x4x5xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %rm: tensor<4xf32>, %rv: tensor<4xf32>) -> (tensor<8x4x5xf32>, tensor<4xf32>, tensor<4xf32>) {
  %y, %m, %v = nn.batch_norm %x, %w, %b, %rm, %rv {training = false} : tensor<8x4x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  return %y, %m, %v : tensor<8x4x5xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Layer norm over the last dimension: one sweep sums the deviations from
// each row's first element and their squares, giving the mean and variance;
// then rsqrt per row, and normalize, scale and shift.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$FEATURE:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @layer_norm
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>, %[[W:.*]]: tensor<8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: %[[PIVOT:.*]] = tensor.extract_slice %[[X]][0, 0] [2, 1] [1, 1] : tensor<2x8xf32> to tensor<2x1xf32>
// CHECK: %[[SUMS:.*]]:2 = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[PIVOT]] : tensor<2x8xf32>, tensor<2x1xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUMS]]#0, %[[PIVOT]] : tensor<2x1xf32>, tensor<2x1xf32>)
// CHECK: arith.constant 1.250000e-01 : f32
// CHECK: %[[VAR:.*]] = linalg.generic
// CHECK-SAME: ins(%[[SUMS]]#0, %[[SUMS]]#1 : tensor<2x1xf32>, tensor<2x1xf32>)
// CHECK: %[[CENTERED:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[MEAN]] : tensor<2x8xf32>, tensor<2x1xf32>)
// CHECK: arith.subf
// CHECK: %[[RSTD:.*]] = linalg.generic
// CHECK-SAME: ins(%[[VAR]] : tensor<2x1xf32>)
// CHECK: math.rsqrt
// CHECK: %[[NORM:.*]] = linalg.generic
// CHECK-SAME: ins(%[[CENTERED]], %[[RSTD]] : tensor<2x8xf32>, tensor<2x1xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$FEATURE]], #[[$FEATURE]], #[[$ID]]]
// CHECK-SAME: ins(%[[NORM]], %[[W]], %[[B]] : tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>)
// CHECK: return %[[Y]]
func.func @layer_norm(%x: tensor<2x8xf32>, %w: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x8xf32> {
  %0 = nn.layer_norm %x, %w, %b : tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// RMS norm: mean of squares (no centering), rsqrt with eps 1e-6, scale.
// CHECK-LABEL: func.func @rms_norm
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>, %[[W:.*]]: tensor<8xf32>)
// CHECK-NOT: arith.subf
// CHECK: arith.constant 9.99999997E-7 : f32
// CHECK: math.rsqrt
// CHECK: %[[NORM:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<2x8xf32>, tensor<2x1xf32>)
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[NORM]], %[[W]] : tensor<2x8xf32>, tensor<8xf32>)
// CHECK: return %[[Y]]
func.func @rms_norm(%x: tensor<2x8xf32>, %w: tensor<8xf32>) -> tensor<2x8xf32> {
  %0 = nn.rms_norm %x, %w : tensor<2x8xf32>, tensor<8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// nn.random_normal: per element, two 53-bit uniforms from the counter hash
// of the key, then Box-Muller in double precision, rounded to the result.
// CHECK-LABEL: func.func @random_normal
// CHECK: linalg.generic
// CHECK: linalg.index 0
// CHECK: math.log %{{.*}} : f64
// CHECK: math.cos %{{.*}} : f64
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @random_normal(%key: tensor<i64>) -> tensor<4xf32> {
  %a = nn.random_normal %key : tensor<i64> -> tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

// nn.random_uniform: per element, the counter hash of the key shifted down
// to the result's precision (24 bits for f32, 11 for f16) and scaled by
// 2^-precision.
// CHECK-LABEL: func.func @random_uniform
// CHECK: linalg.generic
// CHECK: %[[SHIFT:.*]] = arith.constant 40 : i64
// CHECK: arith.shrui %{{.*}}, %[[SHIFT]] : i64
// CHECK: arith.uitofp %{{.*}} : i64 to f32
// CHECK: arith.constant 5.96046448E-8 : f32
// CHECK: linalg.generic
// CHECK: %[[SHIFT16:.*]] = arith.constant 53 : i64
// CHECK: arith.shrui %{{.*}}, %[[SHIFT16]] : i64
// CHECK: arith.uitofp %{{.*}} : i64 to f16
func.func @random_uniform(%key: tensor<i64>) -> (tensor<4xf32>, tensor<2x2xf16>) {
  %a = nn.random_uniform %key : tensor<i64> -> tensor<4xf32>
  %b = nn.random_uniform %key : tensor<i64> -> tensor<2x2xf16>
  return %a, %b : tensor<4xf32>, tensor<2x2xf16>
}

// -----

// A value returned twice gets a copy for its second result, so that
// bufferization gives each result its own buffer (a gradient function can
// return one value for two params).
// CHECK-LABEL: func.func @repeated_result
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[COPY:.*]] = linalg.copy ins(%[[Y]] : tensor<4xf32>) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK: return %[[Y]], %[[COPY]], %{{.*}} :
func.func @repeated_result(%x: tensor<4xf32>, %s: tensor<f32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<f32>) {
  %y = nn.relu %x : tensor<4xf32>
  return %y, %y, %s : tensor<4xf32>, tensor<4xf32>, tensor<f32>
}

// -----

// A transpose that moves only dimensions of extent 1 (a batch of one from
// first to second, as a sequence-first model's input) keeps the order of the
// data: a reshape, not a copy. One that moves two larger ones copies.
// CHECK-LABEL: func.func @transpose_of_unit_dims
// CHECK-SAME: (%[[X:.*]]: tensor<1x128x256xf32>, %[[Y:.*]]: tensor<128x4x64xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[X]]
// CHECK: %[[VIEW:.*]] = tensor.expand_shape %[[FLAT]]
// CHECK-SAME: into tensor<128x1x256xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[Y]] : tensor<128x4x64xf32>)
// CHECK-SAME: permutation = [1, 0, 2]
// CHECK: return %[[VIEW]], %[[T]]
func.func @transpose_of_unit_dims(%x: tensor<1x128x256xf32>, %y: tensor<128x4x64xf32>)
    -> (tensor<128x1x256xf32>, tensor<4x128x64xf32>) {
  %0 = nn.transpose %x [1, 0, 2] : tensor<1x128x256xf32>
  %1 = nn.transpose %y [1, 0, 2] : tensor<128x4x64xf32>
  return %0, %1 : tensor<128x1x256xf32>, tensor<4x128x64xf32>
}

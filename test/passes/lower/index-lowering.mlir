// RUN: nnc-opt %s -split-input-file --nnc-lower-nn-to-linalg | FileCheck %s

// gather: one parallel loop nest over the result, reading the index tensor
// at the result's index dimensions and the table with tensor.extract at the
// index clamped into [0, 5] (never out of bounds).
// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[TABLE:.*]]: tensor<6x4xf32>, %[[IDS:.*]]: tensor<2x3xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[IDS]] : tensor<2x3xi64>)
// CHECK: ^bb0(%[[ID:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[I:.*]] = arith.index_cast %[[ID]] : i64 to index
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[LOW:.*]] = arith.maxsi %[[I]], %[[C0]] : index
// CHECK: %[[ROW:.*]] = arith.minsi %[[LOW]], %[[C5]] : index
// CHECK: %[[COL:.*]] = linalg.index 2 : index
// CHECK: %[[V:.*]] = tensor.extract %[[TABLE]][%[[ROW]], %[[COL]]] : tensor<6x4xf32>
// CHECK: linalg.yield %[[V]] : f32
// CHECK-NOT: nn.
func.func @gather(%table: tensor<6x4xf32>, %ids: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %0 = nn.gather %table, %ids {axis = 0} : tensor<6x4xf32>, tensor<2x3xi64>
  return %0 : tensor<2x3x4xf32>
}

// -----

// scatter_add along the last axis: one loop over the 4 indices, carrying
// the result (dest at first). An index in [0, 6) selects the destination
// column; the source column k is added into it by a parallel generic on
// that 3x1 slice, which is inserted back at the same offsets. An index out
// of range leaves the result as it is.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @scatter_add
// CHECK-SAME: (%[[D:.*]]: tensor<3x6xf32>, %[[I:.*]]: tensor<4xi32>, %[[S:.*]]: tensor<3x4xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[R:.*]] = scf.for %[[K:.*]] = %[[C0]] to %[[C4]] step %[[C1]] iter_args(%[[ACC:.*]] = %[[D]]) -> (tensor<3x6xf32>)
// CHECK: %[[T:.*]] = tensor.extract %[[I]][%[[K]]] : tensor<4xi32>
// CHECK: %[[TI:.*]] = arith.index_cast %[[T]] : i32 to index
// CHECK: %[[LOW:.*]] = arith.cmpi sge, %[[TI]], %{{.*}} : index
// CHECK: %[[C6:.*]] = arith.constant 6 : index
// CHECK: %[[HIGH:.*]] = arith.cmpi slt, %[[TI]], %[[C6]] : index
// CHECK: %[[IN:.*]] = arith.andi %[[LOW]], %[[HIGH]] : i1
// CHECK: %[[NEXT:.*]] = scf.if %[[IN]] -> (tensor<3x6xf32>) {
// CHECK: %[[FROM:.*]] = tensor.extract_slice %[[S]][0, %[[K]]] [3, 1] [1, 1] : tensor<3x4xf32> to tensor<3x1xf32>
// CHECK: %[[TO:.*]] = tensor.extract_slice %[[ACC]][0, %[[TI]]] [3, 1] [1, 1] : tensor<3x6xf32> to tensor<3x1xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[FROM]] : tensor<3x1xf32>) outs(%[[TO]] : tensor<3x1xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32):
// CHECK: %[[ADD:.*]] = arith.addf %[[Y]], %[[X]] : f32
// CHECK: linalg.yield %[[ADD]] : f32
// CHECK: %[[UPDATED:.*]] = tensor.insert_slice %[[SUM]] into %[[ACC]][0, %[[TI]]] [3, 1] [1, 1] : tensor<3x1xf32> into tensor<3x6xf32>
// CHECK: scf.yield %[[UPDATED]] : tensor<3x6xf32>
// CHECK: } else {
// CHECK: scf.yield %[[ACC]] : tensor<3x6xf32>
// CHECK: scf.yield %[[NEXT]] : tensor<3x6xf32>
// CHECK: return %[[R]] : tensor<3x6xf32>
func.func @scatter_add(%d: tensor<3x6xf32>, %i: tensor<4xi32>, %s: tensor<3x4xf32>) -> tensor<3x6xf32> {
  %0 = nn.scatter_add %d, %i, %s {axis = -1} : tensor<3x6xf32>, tensor<4xi32>, tensor<3x4xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// scatter_reduce "amax" with include_self: scatter_add's loop, combining
// with a NaN-propagating maximum.
// CHECK-LABEL: func.func @scatter_amax
// CHECK-SAME: (%[[D:.*]]: tensor<5x2xf32>, %[[I:.*]]: tensor<3xi64>, %[[S:.*]]: tensor<3x2xf32>)
// CHECK: %[[R:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[D]]) -> (tensor<5x2xf32>)
// CHECK: scf.if
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32):
// CHECK: %[[M:.*]] = arith.maximumf %[[Y]], %[[X]] : f32
// CHECK: linalg.yield %[[M]] : f32
// CHECK-NOT: scf.for
// CHECK: return %[[R]] : tensor<5x2xf32>
func.func @scatter_amax(%d: tensor<5x2xf32>, %i: tensor<3xi64>, %s: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %0 = nn.scatter_reduce %d, %i, %s {axis = 0, reduce = "amax"} : tensor<5x2xf32>, tensor<3xi64>, tensor<3x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

// scatter_reduce "mean" without include_self: a first loop resets every
// receiving row to 0, a second adds the source rows, a third counts the
// rows each node receives (from 0, adding a 1 per index), and one generic
// divides each row by its count, at least 1 (an empty segment keeps dest).
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @scatter_mean
// CHECK-SAME: (%[[D:.*]]: tensor<5x2xf32>, %[[I:.*]]: tensor<3xi64>, %[[S:.*]]: tensor<3x2xf32>)
// CHECK: %[[RESET:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[D]]) -> (tensor<5x2xf32>)
// CHECK: linalg.generic
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: linalg.yield %[[ZERO]] : f32
// CHECK: %[[SUMS:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[RESET]]) -> (tensor<5x2xf32>)
// CHECK: arith.addf
// CHECK: %[[NONE:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<5xf32>) -> tensor<5xf32>
// CHECK: %[[ONES:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[COUNTS:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[NONE]]) -> (tensor<5xf32>)
// CHECK: tensor.extract_slice %[[ONES]]
// CHECK: arith.addf
// CHECK: %[[MEAN:.*]] = linalg.generic {indexing_maps = [#[[ALL]], #[[ROW]], #[[ALL]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[SUMS]], %[[COUNTS]] : tensor<5x2xf32>, tensor<5xf32>)
// CHECK: ^bb0(%[[SUM:.*]]: f32, %[[COUNT:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[DIVISOR:.*]] = arith.maximumf %[[COUNT]], %[[ONE]] : f32
// CHECK: %[[Q:.*]] = arith.divf %[[SUM]], %[[DIVISOR]] : f32
// CHECK: linalg.yield %[[Q]] : f32
// CHECK: return %[[MEAN]] : tensor<5x2xf32>
func.func @scatter_mean(%d: tensor<5x2xf32>, %i: tensor<3xi64>, %s: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %0 = nn.scatter_reduce %d, %i, %s {axis = 0, reduce = "mean", include_self = false} : tensor<5x2xf32>, tensor<3xi64>, tensor<3x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

// argmax along axis 0 with keepdim: a reduction to (value, index) pairs
// from (-inf, 0); an element wins when it is a NaN and the best is not, or
// compares greater, or ties (equal or both NaN) at a lower index. The
// index is the result.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[KEEP:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @argmax
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[VALUES:.*]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.*}} : tensor<1x6xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK: %[[INDICES:.*]] = linalg.fill ins(%[[ZERO]] : i64) outs(%{{.*}} : tensor<1x6xi64>)
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[IN]], #[[KEEP]], #[[KEEP]]], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: outs(%[[VALUES]], %[[INDICES]] : tensor<1x6xf32>, tensor<1x6xi64>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[BEST:.*]]: f32, %[[BEST_I:.*]]: i64):
// CHECK: %[[POS:.*]] = linalg.index 0 : index
// CHECK: %[[I:.*]] = arith.index_cast %[[POS]] : index to i64
// CHECK: %[[X_NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK: %[[BEST_OK:.*]] = arith.cmpf ord, %[[BEST]], %[[BEST]] : f32
// CHECK: %[[EARLIER:.*]] = arith.cmpi slt, %[[I]], %[[BEST_I]] : i64
// CHECK: %[[EQ:.*]] = arith.cmpf oeq, %[[X]], %[[BEST]] : f32
// CHECK: %[[TIE:.*]] = arith.andi %[[EQ]], %[[EARLIER]] : i1
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[BEST]] : f32
// CHECK: %[[GT_OR_TIE:.*]] = arith.ori %[[GT]], %[[TIE]] : i1
// CHECK: %[[NUMBER_WINS:.*]] = arith.andi %[[BEST_OK]], %[[GT_OR_TIE]] : i1
// CHECK: %[[NAN_WINS:.*]] = arith.ori %[[BEST_OK]], %[[EARLIER]] : i1
// CHECK: %[[WINS:.*]] = arith.select %[[X_NAN]], %[[NAN_WINS]], %[[NUMBER_WINS]] : i1
// CHECK: %[[V:.*]] = arith.select %[[WINS]], %[[X]], %[[BEST]] : f32
// CHECK: %[[J:.*]] = arith.select %[[WINS]], %[[I]], %[[BEST_I]] : i64
// CHECK: linalg.yield %[[V]], %[[J]] : f32, i64
// CHECK: return %[[R]]#1 : tensor<1x6xi64>
func.func @argmax(%x: tensor<4x6xf32>) -> tensor<1x6xi64> {
  %0 = nn.argmax %x {axis = 0, keepdim = true} : tensor<4x6xf32>
  return %0 : tensor<1x6xi64>
}

// -----

// argmin: the same reduction from +inf comparing less, the axis dropped.
// CHECK-DAG: #[[DROP:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmin
// CHECK: arith.constant 0x7F800000 : f32
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[DROP]], #[[DROP]]], iterator_types = ["parallel", "reduction"]}
// CHECK: linalg.index 1 : index
// CHECK: arith.cmpf olt
func.func @argmin(%x: tensor<4x6xf32>) -> tensor<4xi64> {
  %0 = nn.argmin %x {axis = 1} : tensor<4x6xf32>
  return %0 : tensor<4xi64>
}

// -----

// Reversed cumsum along axis 1: per element, a reduction over the positions
// j of its row, adding those at or after its own position.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @cumsum_reverse
// CHECK: %[[ZEROS:.*]] = linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: outs(%[[ZEROS]] : tensor<3x5xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[J:.*]] = linalg.index 2 : index
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[TAKE:.*]] = arith.cmpi uge, %[[J]], %[[I]] : index
// CHECK: %[[SUM:.*]] = arith.addf %[[ACC]], %[[X]] : f32
// CHECK: arith.select %[[TAKE]], %[[SUM]], %[[ACC]] : f32
func.func @cumsum_reverse(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %0 = nn.cumsum %x {axis = 1, reverse = true} : tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// cast, elementwise: float to integer truncates (fptosi), to i1 tests != 0
// (NaN counts as true, cmpf une), narrower floats truncf, i1 to a number
// is unsigned (0 or 1), other integers signed; i64 to i32 wraps (trunci).
// CHECK-LABEL: func.func @casts
// CHECK: arith.fptosi %{{.*}} : f32 to i64
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.cmpf une, %{{.*}}, %[[ZERO]] : f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: arith.uitofp %{{.*}} : i1 to f64
// CHECK: arith.sitofp %{{.*}} : i64 to f32
// CHECK: arith.trunci %{{.*}} : i64 to i32
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK-NOT: nn.
func.func @casts(%x: tensor<4xf32>, %m: tensor<4xi1>, %l: tensor<4xi64>)
    -> (tensor<4xi64>, tensor<4xi1>, tensor<4xf16>, tensor<4xf64>,
        tensor<4xf32>, tensor<4xi32>, tensor<4xi32>) {
  %0 = nn.cast %x : tensor<4xf32> -> tensor<4xi64>
  %1 = nn.cast %x : tensor<4xf32> -> tensor<4xi1>
  %2 = nn.cast %x : tensor<4xf32> -> tensor<4xf16>
  %3 = nn.cast %m : tensor<4xi1> -> tensor<4xf64>
  %4 = nn.cast %l : tensor<4xi64> -> tensor<4xf32>
  %5 = nn.cast %l : tensor<4xi64> -> tensor<4xi32>
  %6 = nn.cast %m : tensor<4xi1> -> tensor<4xi32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xi64>, tensor<4xi1>,
      tensor<4xf16>, tensor<4xf64>, tensor<4xf32>, tensor<4xi32>, tensor<4xi32>
}

// -----

// heaviside: 1 where v > 0 (ordered: NaN gives 0), else 0.
// CHECK-LABEL: func.func @heaviside
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FIRES:.*]] = arith.cmpf ogt, %[[V]], %[[ZERO]] : f32
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[S:.*]] = arith.select %[[FIRES]], %[[ONE]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[S]] : f32
func.func @heaviside(%v: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.heaviside %v : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// RUN: nnc-opt %s -split-input-file --nnc-lower-nn-to-linalg | FileCheck %s

// nn.solve: the operands as a batch of one matrix, then an scf.for over the
// pivot columns: the column below the diagonal, a reduction choosing the
// pivot row (first of largest magnitude, at or below the step), and two
// gathers that swap it into place and eliminate below it, in the matrix and
// in the right-hand sides; then an scf.for over the rows bottom-up for the
// back substitution, reading the factored matrix.
// CHECK-DAG: #[[COLUMN:.*]] = affine_map<(d0, d1) -> (d0, d1, 0)>
// CHECK-DAG: #[[BATCH2:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[BATCH3:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[ALL3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @solve
// CHECK-SAME: (%[[A:.*]]: tensor<3x3xf32>, %[[B:.*]]: tensor<3x2xf32>)
// CHECK: %[[AM:.*]] = tensor.expand_shape %[[A]] {{\[\[}}0, 1], [2]] output_shape [1, 3, 3] : tensor<3x3xf32> into tensor<1x3x3xf32>
// CHECK: %[[BM:.*]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1], [2]] output_shape [1, 3, 2] : tensor<3x2xf32> into tensor<1x3x2xf32>
// CHECK: %[[LU:.*]]:2 = scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[CA:.*]] = %[[AM]], %[[CX:.*]] = %[[BM]])
// CHECK: %[[COL:.*]] = tensor.extract_slice %[[CA]][0, 0, %[[K]]] [1, 3, 1] [1, 1, 1] : tensor<1x3x3xf32> to tensor<1x3x1xf32>
// CHECK: %[[PIVOT:.*]]:2 = linalg.generic {indexing_maps = [#[[COLUMN]], #[[BATCH2]], #[[BATCH2]]], iterator_types = ["parallel", "reduction"]} ins(%[[COL]] : tensor<1x3x1xf32>)
// CHECK: math.absf
// CHECK: arith.cmpi uge, %{{.*}}, %[[K]] : index
// CHECK: arith.cmpf ogt
// CHECK: } -> (tensor<1xf32>, tensor<1xindex>)
// CHECK: %[[NA:.*]] = linalg.generic {indexing_maps = [#[[BATCH3]], #[[ALL3]]], {{.*}}} ins(%[[PIVOT]]#1 : tensor<1xindex>) outs(%{{.*}} : tensor<1x3x3xf32>)
// CHECK: arith.divf
// CHECK: arith.cmpi ugt, %{{.*}}, %[[K]] : index
// CHECK: %[[NX:.*]] = linalg.generic {indexing_maps = [#[[BATCH3]], #[[ALL3]]], {{.*}}} ins(%[[PIVOT]]#1 : tensor<1xindex>) outs(%{{.*}} : tensor<1x3x2xf32>)
// CHECK: tensor.extract %[[CX]]
// CHECK: scf.yield %[[NA]], %[[NX]] : tensor<1x3x3xf32>, tensor<1x3x2xf32>
// CHECK: %[[X:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[CS:.*]] = %[[LU]]#1)
// CHECK: %[[ROW:.*]] = arith.subi %{{.*}}, %{{.*}} : index
// CHECK: linalg.generic {indexing_maps = [#[[ALL3]], #[[ALL3]]], {{.*}}} ins(%[[CS]] : tensor<1x3x2xf32>)
// CHECK: tensor.extract %[[LU]]#0[%{{.*}}, %[[ROW]], %[[ROW]]]
// CHECK: %[[RESULT:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<1x3x2xf32> into tensor<3x2xf32>
// CHECK: return %[[RESULT]]
// CHECK-NOT: nn.
func.func @solve(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = nn.solve %a, %b : tensor<3x3xf32>, tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Batch dimensions that broadcast: each operand is first broadcast to the
// result's batch shape 2x3, then laid out as 6 matrices.
// CHECK-LABEL: func.func @solve_broadcast
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<2x1x4x4xf32>) outs(%{{.*}} : tensor<2x3x4x4xf32>)
// CHECK: tensor.collapse_shape {{.*}} into tensor<6x4x4xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<3x4x1xf32>) outs(%{{.*}} : tensor<2x3x4x1xf32>)
// CHECK: tensor.collapse_shape {{.*}} into tensor<6x4x1xf32>
// CHECK: tensor.expand_shape {{.*}} : tensor<6x4x1xf32> into tensor<2x3x4x1xf32>
func.func @solve_broadcast(%a: tensor<2x1x4x4xf32>, %b: tensor<3x4x1xf32>)
    -> tensor<2x3x4x1xf32> {
  %0 = nn.solve %a, %b : tensor<2x1x4x4xf32>, tensor<3x4x1xf32>
  return %0 : tensor<2x3x4x1xf32>
}

// -----

// nn.fft of N = 4: a gather into bit-reversed order (0 2 1 3), then
// log2(4) = 2 butterfly stages reading the stage before and the twiddle
// table exp(+2 pi i m / 4), m < 2 (inverse: plus), blocks of 2 then 4;
// the inverse's "backward" norm scales by 1/4 at the end.
// CHECK-DAG: #[[SEQ:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @ifft
// CHECK-SAME: (%[[X:.*]]: tensor<2x4x2xf32>)
// CHECK: %[[ORDER:.*]] = arith.constant dense<[0, 2, 1, 3]> : tensor<4xindex>
// CHECK: %[[REV:.*]] = linalg.generic {indexing_maps = [#[[SEQ]], #[[ALL]]], {{.*}}} ins(%[[ORDER]] : tensor<4xindex>)
// CHECK: ^bb0(%[[FROM:.*]]: index, %{{.*}}: f32):
// CHECK: tensor.extract %[[X]][%{{.*}}, %[[FROM]], %{{.*}}]
// CHECK: %[[TW:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00], [{{.*}}, 1.000000e+00]]> : tensor<2x2xf32>
// CHECK: %[[S1:.*]] = linalg.generic {indexing_maps = [#[[ALL]]], {{.*}}} outs(
// CHECK: arith.remui %{{.*}}, %c2 : index
// CHECK: tensor.extract %[[REV]]
// CHECK: tensor.extract %[[TW]]
// CHECK: %[[S2:.*]] = linalg.generic {indexing_maps = [#[[ALL]]], {{.*}}} outs(
// CHECK: arith.remui %{{.*}}, %c4 : index
// CHECK: tensor.extract %[[S1]]
// CHECK: %[[SCALED:.*]] = linalg.generic {{.*}} ins(%[[S2]] : tensor<2x4x2xf32>)
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: return %[[SCALED]]
func.func @ifft(%x: tensor<2x4x2xf32>) -> tensor<2x4x2xf32> {
  %0 = nn.fft %x {inverse = true} : tensor<2x4x2xf32>
  return %0 : tensor<2x4x2xf32>
}

// -----

// The forward transform's twiddles are exp(-2 pi i m / N); "backward"
// leaves it unscaled.
// CHECK-LABEL: func.func @fft
// CHECK: arith.constant dense<{{\[\[}}1.000000e+00, -0.000000e+00], [{{.*}}, -1.000000e+00]]> : tensor<2x2xf32>
// CHECK-NOT: arith.constant {{.*}} : f32
// CHECK: return
func.func @fft(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %0 = nn.fft %x : tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// N = 1: the transform is the identity under every norm (1/N = 1).
// CHECK-LABEL: func.func @fft_one
// CHECK-SAME: (%[[X:.*]]: tensor<3x1x2xf32>)
// CHECK-NEXT: return %[[X]]
func.func @fft_one(%x: tensor<3x1x2xf32>) -> tensor<3x1x2xf32> {
  %0 = nn.fft %x {inverse = true, norm = "ortho"} : tensor<3x1x2xf32>
  return %0 : tensor<3x1x2xf32>
}

// RUN: nnc-opt %s -split-input-file -nnc-reassociate-reductions | FileCheck %s

// A row sum and a row maximum: each combiner folds an element into the
// accumulator of its row, so each becomes reassociable; the exp before the
// sum keeps its strict semantics.
#rows = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @row_sum_and_max
// CHECK: math.exp %{{.*}} : f32
// CHECK: arith.addf %{{.*}}, %{{.*}} fastmath<reassoc> : f32
// CHECK: arith.maximumf %{{.*}}, %{{.*}} fastmath<reassoc> : f32
func.func @row_sum_and_max(%x: tensor<4x128xf32>, %init: tensor<4xf32>)
    -> (tensor<4xf32>, tensor<4xf32>) {
  %sum = linalg.generic {indexing_maps = [#rows, #row],
                         iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x128xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %e = math.exp %in : f32
    %s = arith.addf %acc, %e : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %max = linalg.generic {indexing_maps = [#rows, #row],
                         iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x128xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  return %sum, %max : tensor<4xf32>, tensor<4xf32>
}

// -----

// Flags the combiner has already are kept; a product over the whole
// tensor (every loop a reduction) is one accumulator.
#all = affine_map<(d0, d1) -> (d0, d1)>
#none = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @product_keeps_flags
// CHECK: arith.mulf %{{.*}}, %{{.*}} fastmath<reassoc,nnan> : f32
func.func @product_keeps_flags(%x: tensor<4x8xf32>, %init: tensor<f32>)
    -> tensor<f32> {
  %p = linalg.generic {indexing_maps = [#all, #none],
                       iterator_types = ["reduction", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.mulf %acc, %in fastmath<nnan> : f32
    linalg.yield %m : f32
  } -> tensor<f32>
  return %p : tensor<f32>
}

// -----

// Left alone: an accumulator that is used again besides its combiner (an
// arg-max-like select reads it), a subtraction (not associative), and an
// elementwise generic with no reduction loop.
#rows = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: reassoc
// CHECK: return
func.func @left_alone(%x: tensor<4x128xf32>, %init: tensor<4xf32>,
                      %y: tensor<4x128xf32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4x128xf32>) {
  %twice = linalg.generic {indexing_maps = [#rows, #row],
                           iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x128xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    %big = arith.cmpf ogt, %acc, %in : f32
    %r = arith.select %big, %s, %acc : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %difference = linalg.generic {indexing_maps = [#rows, #row],
                                iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x128xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %d = arith.subf %acc, %in : f32
    linalg.yield %d : f32
  } -> tensor<4xf32>
  %add = linalg.generic {indexing_maps = [#rows, #rows],
                         iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x128xf32>) outs(%y : tensor<4x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<4x128xf32>
  return %twice, %difference, %add
      : tensor<4xf32>, tensor<4xf32>, tensor<4x128xf32>
}

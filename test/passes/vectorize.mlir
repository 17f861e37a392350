// RUN: nnc-opt %s -split-input-file -nnc-vectorize=vector-bits=512 -canonicalize -cse | FileCheck %s
// RUN: nnc-opt %s -split-input-file -nnc-vectorize=vector-bits=256 -canonicalize -cse | FileCheck %s --check-prefix=AVX2

// A bias add, a per-row scale and a ReLU over rows of 100: a parallel loop
// over the rows and over vectors of 16 (8 with 256-bit registers); the last
// vector of each row (4 of 16) is masked on every read and the write; the
// bias is read along the row, the row's scale once and broadcast.
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @bias_scale_relu
// CHECK-SAME: (%[[X:.*]]: memref<4x100xf32>, %[[B:.*]]: memref<100xf32>, %[[S:.*]]: memref<4xf32>, %[[Y:.*]]: memref<4x100xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C100:.*]] = arith.constant 100 : index
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) = (%[[C0]], %[[C0]]) to (%[[C4]], %[[C100]]) step (%[[C1]], %[[C16]])
// CHECK: %[[N:.*]] = arith.subi %[[C100]], %[[J]] : index
// CHECK: %[[MASK:.*]] = vector.create_mask %[[N]] : vector<16xi1>
// CHECK: %[[XV:.*]] = vector.transfer_read %[[X]][%[[I]], %[[J]]], %{{.*}}, %[[MASK]] {in_bounds = [true]} : memref<4x100xf32>, vector<16xf32>
// CHECK: %[[BV:.*]] = vector.transfer_read %[[B]][%[[J]]], %{{.*}}, %[[MASK]] {in_bounds = [true]} : memref<100xf32>, vector<16xf32>
// CHECK: %[[SCALE:.*]] = memref.load %[[S]][%[[I]]]
// CHECK: %[[SV:.*]] = vector.broadcast %[[SCALE]] : f32 to vector<16xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[XV]], %[[BV]] : vector<16xf32>
// CHECK: %[[PROD:.*]] = arith.mulf %[[SUM]], %[[SV]] : vector<16xf32>
// CHECK: %[[RELU:.*]] = arith.maximumf %[[PROD]], %{{.*}} : vector<16xf32>
// CHECK: vector.transfer_write %[[RELU]], %[[Y]][%[[I]], %[[J]]], %[[MASK]] {in_bounds = [true]} : vector<16xf32>, memref<4x100xf32>
// CHECK-NOT: linalg.generic
// AVX2-LABEL: func.func @bias_scale_relu
// AVX2: scf.parallel {{.*}} step (%{{.*}}, %[[C8:.*]])
// AVX2: vector.create_mask %{{.*}} : vector<8xi1>
// AVX2: arith.addf %{{.*}}, %{{.*}} : vector<8xf32>
func.func @bias_scale_relu(%x: memref<4x100xf32>, %b: memref<100xf32>, %s: memref<4xf32>, %y: memref<4x100xf32>) {
  linalg.generic {indexing_maps = [#id, #col, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %b, %s : memref<4x100xf32>, memref<100xf32>, memref<4xf32>) outs(%y : memref<4x100xf32>) {
  ^bb0(%a: f32, %c: f32, %d: f32, %o: f32):
    %0 = arith.addf %a, %c : f32
    %1 = arith.mulf %0, %d : f32
    %z = arith.constant 0.0 : f32
    %2 = arith.maximumf %1, %z : f32
    linalg.yield %2 : f32
  }
  return
}

// -----

// Rows that are a whole number of vectors need no mask; a row of 8 takes
// one half-filled vector of 16 under a constant mask.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @whole_and_short_rows
// CHECK: scf.parallel
// CHECK-NOT: mask
// CHECK: %[[E:.*]] = vector.transfer_read {{.*}} {in_bounds = [true]} : memref<2x64xf32>, vector<16xf32>
// CHECK: math.exp %[[E]] : vector<16xf32>
// CHECK: vector.transfer_write {{.*}} {in_bounds = [true]} : vector<16xf32>, memref<2x64xf32>
// CHECK: scf.parallel
// CHECK: %[[HALF:.*]] = vector.constant_mask [8] : vector<16xi1>
// CHECK: vector.transfer_read {{.*}}, %[[HALF]] {in_bounds = [true]} : memref<8x8xf32>, vector<16xf32>
// CHECK: arith.negf %{{.*}} : vector<16xf32>
// CHECK: vector.transfer_write {{.*}}, %[[HALF]] {in_bounds = [true]}
func.func @whole_and_short_rows(%x: memref<2x64xf32>, %y: memref<2x64xf32>, %s: memref<8x8xf32>, %t: memref<8x8xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<2x64xf32>) outs(%y : memref<2x64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = math.exp %a : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : memref<8x8xf32>) outs(%t : memref<8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.negf %a : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// An im2col copy of a 3x3 convolution's padded input: the innermost loop
// (the output column) reads the input at column + kernel column, which is
// contiguous, so it is read as one vector at that column.
#window = affine_map<(c, kh, kw, oh, ow) -> (c, oh + kh, ow + kw)>
#cols = affine_map<(c, kh, kw, oh, ow) -> (c, kh, kw, oh, ow)>
// CHECK-DAG: #[[$SUM:.*]] = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-LABEL: func.func @im2col
// CHECK-SAME: (%[[IN:.*]]: memref<2x34x34xf32>, %[[COLS:.*]]: memref<2x3x3x32x32xf32>)
// CHECK: scf.parallel (%[[C:.*]], %[[KH:.*]], %[[KW:.*]], %[[OH:.*]], %[[OW:.*]]) =
// CHECK: %[[ROW:.*]] = affine.apply #[[$SUM]](%[[KH]], %[[OH]])
// CHECK: %[[COL:.*]] = affine.apply #[[$SUM]](%[[KW]], %[[OW]])
// CHECK: %[[V:.*]] = vector.transfer_read %[[IN]][%[[C]], %[[ROW]], %[[COL]]], %{{.*}} {in_bounds = [true]} : memref<2x34x34xf32>, vector<16xf32>
// CHECK: vector.transfer_write %[[V]], %[[COLS]][%[[C]], %[[KH]], %[[KW]], %[[OH]], %[[OW]]] {in_bounds = [true]}
func.func @im2col(%in: memref<2x34x34xf32>, %cols: memref<2x3x3x32x32xf32>) {
  linalg.generic {indexing_maps = [#window, #cols], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%in : memref<2x34x34xf32>) outs(%cols : memref<2x3x3x32x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  return
}

// -----

// Row reductions: a sum of exp(x - m) into a kept [4, 1] output and a row
// maximum. Each row keeps 64 partial results (four registers) through a
// loop over its 100 elements in steps of 64, the last step masked (lanes
// past the row keep their partials); the partials are then reduced and
// folded into the output.
#id = affine_map<(d0, d1) -> (d0, d1)>
#kept = affine_map<(d0, d1) -> (d0, 0)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @row_reductions
// CHECK-SAME: (%[[X:.*]]: memref<4x100xf32>, %[[M:.*]]: memref<4x1xf32>, %[[S:.*]]: memref<4x1xf32>, %[[MX:.*]]: memref<4xf32>)
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant dense<0xFF800000> : vector<64xf32>
// CHECK-DAG: %[[ZEROS:.*]] = arith.constant dense<0.000000e+00> : vector<64xf32>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C100:.*]] = arith.constant 100 : index
// CHECK: scf.parallel (%[[I:.*]]) =
// CHECK: %[[SUMS:.*]] = scf.for %[[J:.*]] = %[[C0]] to %[[C100]] step %[[C64]] iter_args(%[[P:.*]] = %[[ZEROS]]) -> (vector<64xf32>)
// CHECK: %[[LEFT:.*]] = arith.subi %[[C100]], %[[J]] : index
// CHECK: %[[MASK:.*]] = vector.create_mask %[[LEFT]] : vector<64xi1>
// CHECK: %[[XV:.*]] = vector.transfer_read %[[X]][%[[I]], %[[J]]], %{{.*}}, %[[MASK]] {in_bounds = [true]} : memref<4x100xf32>, vector<64xf32>
// CHECK: %[[MAX:.*]] = memref.load %[[M]][%[[I]], %[[C0]]]
// CHECK: %[[MAXV:.*]] = vector.broadcast %[[MAX]] : f32 to vector<64xf32>
// CHECK: %[[D:.*]] = arith.subf %[[XV]], %[[MAXV]] : vector<64xf32>
// CHECK: %[[E:.*]] = math.exp %[[D]] : vector<64xf32>
// CHECK: %[[ADDED:.*]] = arith.addf %[[P]], %[[E]] : vector<64xf32>
// CHECK: %[[KEPT:.*]] = arith.select %[[MASK]], %[[ADDED]], %[[P]]
// CHECK: scf.yield %[[KEPT]]
// CHECK: %[[SUM:.*]] = vector.reduction <add>, %[[SUMS]] fastmath<reassoc> : vector<64xf32> into f32
// CHECK: %[[OLD:.*]] = memref.load %[[S]][%[[I]], %[[C0]]]
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[SUM]] : f32
// CHECK: memref.store %[[NEW]], %[[S]][%[[I]], %[[C0]]]
// CHECK: scf.parallel
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[NEGINF]])
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : vector<64xf32>
// CHECK: vector.reduction <maximumf>, %{{.*}} fastmath<reassoc> : vector<64xf32> into f32
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK-NOT: linalg.generic
func.func @row_reductions(%x: memref<4x100xf32>, %m: memref<4x1xf32>, %s: memref<4x1xf32>, %mx: memref<4xf32>) {
  linalg.generic {indexing_maps = [#id, #kept, #kept], iterator_types = ["parallel", "reduction"]}
      ins(%x, %m : memref<4x100xf32>, memref<4x1xf32>) outs(%s : memref<4x1xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %0 = arith.subf %a, %b : f32
    %1 = math.exp %0 : f32
    %2 = arith.addf %o, %1 : f32
    linalg.yield %2 : f32
  }
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x100xf32>) outs(%mx : memref<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %2 = arith.maximumf %o, %a : f32
    linalg.yield %2 : f32
  }
  return
}

// -----

// Two sums from one sweep (a norm's shifted sums) over the last two loops of
// [2, 3, 32]: a loop over the 3 carrying two partial vectors, each row of
// 32 one step of 32 (two registers; canonicalization folds that loop), and
// a whole-tensor product with no parallel loop at all.
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#first = affine_map<(d0, d1, d2) -> (d0)>
#all = affine_map<(d0) -> (d0)>
#none = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @two_sums_and_a_product
// CHECK: scf.parallel
// CHECK: scf.for {{.*}} -> (vector<32xf32>, vector<32xf32>)
// CHECK-NOT: vector.create_mask
// CHECK: %[[DEV:.*]] = arith.subf %{{.*}}, %{{.*}} : vector<32xf32>
// CHECK: %[[DD:.*]] = arith.mulf %[[DEV]], %[[DEV]] : vector<32xf32>
// CHECK: arith.addf %{{.*}}, %[[DEV]] : vector<32xf32>
// CHECK: arith.addf %{{.*}}, %[[DD]] : vector<32xf32>
// CHECK-COUNT-2: vector.reduction <add>
// CHECK: scf.for {{.*}} -> (vector<48xf32>)
// CHECK: vector.create_mask %{{.*}} : vector<48xi1>
// CHECK: arith.mulf %{{.*}}, %{{.*}} : vector<48xf32>
// CHECK: vector.reduction <mul>
// CHECK: memref.store %{{.*}}, %{{.*}}[] : memref<f32>
func.func @two_sums_and_a_product(%x: memref<2x3x32xf32>, %s1: memref<2xf32>, %s2: memref<2xf32>, %y: memref<50xf32>, %p: memref<f32>) {
  linalg.generic {indexing_maps = [#id3, #first, #first], iterator_types = ["parallel", "reduction", "reduction"]}
      ins(%x : memref<2x3x32xf32>) outs(%s1, %s2 : memref<2xf32>, memref<2xf32>) {
  ^bb0(%a: f32, %o1: f32, %o2: f32):
    %c = arith.constant 1.0 : f32
    %d = arith.subf %a, %c : f32
    %dd = arith.mulf %d, %d : f32
    %0 = arith.addf %o1, %d : f32
    %1 = arith.addf %o2, %dd : f32
    linalg.yield %0, %1 : f32, f32
  }
  linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%y : memref<50xf32>) outs(%p : memref<f32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.mulf %o, %a : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// Left to the loop lowering: a reduction reading down columns, a
// transposed (strided) read, integers, rows shorter than half a vector (3 of
// 16), a body that reads memory, and a window read with stride 2.
#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
#row = affine_map<(d0, d1) -> (d0)>
#strided = affine_map<(d0, d1) -> (d0, 2 * d1)>
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: vector.
// CHECK-COUNT-6: linalg.generic
// CHECK-NOT: vector.
func.func @left_alone(%x: memref<8x64xf32>, %t: memref<64x8xf32>, %i: memref<8x64xi32>, %s: memref<8x3xf32>, %r: memref<8xf32>, %y: memref<8x64xf32>, %yi: memref<8x64xi32>, %ys: memref<8x3xf32>, %y2: memref<8x32xf32>) {
  linalg.generic {indexing_maps = [#t, #row], iterator_types = ["parallel", "reduction"]}
      ins(%t : memref<64x8xf32>) outs(%r : memref<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.addf %o, %a : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#t, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t : memref<64x8xf32>) outs(%y : memref<8x64xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%i : memref<8x64xi32>) outs(%yi : memref<8x64xi32>) {
  ^bb0(%a: i32, %o: i32):
    %0 = arith.addi %a, %a : i32
    linalg.yield %0 : i32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : memref<8x3xf32>) outs(%ys : memref<8x3xf32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.negf %a : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}
      outs(%y : memref<8x64xf32>) {
  ^bb0(%o: f32):
    %c0 = arith.constant 0 : index
    %0 = memref.load %r[%c0] : memref<8xf32>
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#strided, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<8x64xf32>) outs(%y2 : memref<8x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  return
}

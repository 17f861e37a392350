// RUN: nnc-opt %s -split-input-file -nnc-vectorize=vector-bits=512 -canonicalize -cse | FileCheck %s
// RUN: nnc-opt %s -split-input-file -nnc-vectorize=vector-bits=256 -canonicalize -cse | FileCheck %s --check-prefix=AVX2

// A bias add, a per-row scale and a ReLU over rows of 100: a parallel loop
// over the rows and over vectors of 16 (8 with 256-bit registers); the last
// vector of each row (4 of 16) is masked on every read and the write; the
// bias is read along the row, the row's scale once and broadcast.
#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[$LAST:.*]] = affine_map<(d0) -> (-d0 + 100, 16)>
// CHECK-LABEL: func.func @bias_scale_relu
// CHECK-SAME: (%[[X:.*]]: memref<4x100xf32>, %[[B:.*]]: memref<100xf32>, %[[S:.*]]: memref<4xf32>, %[[Y:.*]]: memref<4x100xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C100:.*]] = arith.constant 100 : index
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) = (%[[C0]], %[[C0]]) to (%[[C4]], %[[C100]]) step (%[[C1]], %[[C16]])
// CHECK: %[[N:.*]] = affine.min #[[$LAST]](%[[J]])
// CHECK: %[[XT:.*]] = memref.subview %[[X]][%[[I]], %[[J]]] [1, %[[N]]] [1, 1]
// CHECK: %[[BT:.*]] = memref.subview %[[B]][%[[J]]] [%[[N]]] [1]
// CHECK: %[[ST:.*]] = memref.subview %[[S]][%[[I]]] [1] [1]
// CHECK: %[[YT:.*]] = memref.subview %[[Y]][%[[I]], %[[J]]] [1, %[[N]]] [1, 1]
// CHECK: %[[MASK:.*]] = vector.create_mask %[[N]] : vector<16xi1>
// CHECK: %[[XV:.*]] = vector.transfer_read %[[XT]][%[[C0]], %[[C0]]], %{{.*}}, %[[MASK]] {in_bounds = [true]} : {{.*}}, vector<16xf32>
// CHECK: %[[BV:.*]] = vector.transfer_read %[[BT]][%[[C0]]], %{{.*}}, %[[MASK]] {in_bounds = [true]} : {{.*}}, vector<16xf32>
// CHECK: %[[SCALE:.*]] = memref.load %[[ST]][%[[C0]]]
// CHECK: %[[SV:.*]] = vector.broadcast %[[SCALE]] : f32 to vector<16xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[XV]], %[[BV]] : vector<16xf32>
// CHECK: %[[PROD:.*]] = arith.mulf %[[SUM]], %[[SV]] : vector<16xf32>
// CHECK: %[[RELU:.*]] = arith.maximumf %[[PROD]], %{{.*}} : vector<16xf32>
// CHECK: vector.transfer_write %[[RELU]], %[[YT]][%[[C0]], %[[C0]]], %[[MASK]] {in_bounds = [true]} : vector<16xf32>
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
// CHECK: %[[E:.*]] = vector.transfer_read {{.*}} {in_bounds = [true]} : memref<1x16xf32, {{.*}}>, vector<16xf32>
// CHECK: math.exp %[[E]] : vector<16xf32>
// CHECK: vector.transfer_write {{.*}} {in_bounds = [true]} : vector<16xf32>, memref<1x16xf32, {{.*}}>
// CHECK: scf.parallel
// CHECK: %[[HALF:.*]] = vector.constant_mask [8] : vector<16xi1>
// CHECK: vector.transfer_read {{.*}}, %[[HALF]] {in_bounds = [true]} : memref<1x8xf32, {{.*}}>, vector<16xf32>
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

// Left to the loop lowering: a reduction, a transposed (strided) read,
// integers, rows shorter than half a vector (3 of 16), and a body that
// reads memory.
#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
#row = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: vector.
// CHECK-COUNT-5: linalg.generic
// CHECK-NOT: vector.
func.func @left_alone(%x: memref<8x64xf32>, %t: memref<64x8xf32>, %i: memref<8x64xi32>, %s: memref<8x3xf32>, %r: memref<8xf32>, %y: memref<8x64xf32>, %yi: memref<8x64xi32>, %ys: memref<8x3xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x64xf32>) outs(%r : memref<8xf32>) {
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
  return
}

// RUN: nnc-opt %s -split-input-file --nnc-gpu-tile -cse | FileCheck %s

// A matmul in blocks of 32 x 64 (block y, block x), 8 warps of 8 x 32
// (thread y), 32 lanes of 2 x 4 points (thread x). Each thread loads its
// 8 outputs, carries them through the loop over K (2 loads of A and 4 of B
// per step for 8 multiply-adds) and stores those in bounds.
// CHECK-LABEL: func.func @matmul
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) = (%c0, %c0) to (%c40, %c72) step (%c32, %c64) {
// CHECK:   %[[ROWS:.*]] = affine.min {{.*}}(%[[I]])
// CHECK:   %[[COLS:.*]] = affine.min {{.*}}(%[[J]])
// CHECK:   %[[A:.*]] = memref.subview %arg0[%[[I]], 0] [%[[ROWS]], 19]
// CHECK:   %[[B:.*]] = memref.subview %arg1[0, %[[J]]] [19, %[[COLS]]]
// CHECK:   %[[C:.*]] = memref.subview %arg2[%[[I]], %[[J]]] [%[[ROWS]], %[[COLS]]]
// CHECK:   scf.parallel (%[[WARP:.*]]) = (%c0) to (%c8) step (%c1) {
// CHECK:     scf.parallel (%[[LANE:.*]]) = (%c0) to (%c32) step (%c1) {
// CHECK-COUNT-8: memref.load %[[C]][
// CHECK:       %[[ACC:.*]]:8 = scf.for %[[K:.*]] = %c0 to %c19 step %c1 iter_args({{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32) {
// CHECK-COUNT-2: memref.load %[[A]][
// CHECK-NOT:     memref.load %[[A]][
// CHECK:         scf.yield
// CHECK-COUNT-8: scf.if
// CHECK:       } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK:     } {mapping = [#gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK:   } {mapping = [#gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK-NOT: linalg.
func.func @matmul(%a: memref<40x19xf32>, %b: memref<19x72xf32>, %c: memref<40x72xf32>) {
  linalg.matmul {nnc.gpu_tiles = {block = array<i64: 32, 64, 0>, warp = array<i64: 8, 32, 0>, thread = array<i64: 2, 4, 0>}} ins(%a, %b : memref<40x19xf32>, memref<19x72xf32>) outs(%c : memref<40x72xf32>)
  return
}

// -----

// Elementwise, one point per thread: a lane's point is its place in the
// warp's 1 x 32 grid plus its warp's in the block's 8 x 1; reads past the
// edge take the last in-bounds index, the store is guarded, and the output,
// which the body does not read, is only written.
// CHECK-LABEL: func.func @relu
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) = {{.*}} to (%c100, %c50) step (%c8, %c32)
// CHECK:   scf.parallel (%[[WARP:.*]]) = (%c0) to (%c8)
// CHECK:     scf.parallel (%[[LANE:.*]]) = (%c0) to (%c32)
// CHECK:       %[[ROW:.*]] = arith.minui
// CHECK:       %[[COL:.*]] = arith.minui
// CHECK:       %[[IN:.*]] = arith.andi
// CHECK:       memref.load {{.*}}[%[[ROW]], %[[COL]]]
// CHECK:       arith.maximumf
// CHECK-NOT:   memref.load
// CHECK:       scf.if %[[IN]] {
// CHECK-NEXT:    memref.store {{.*}}[%[[ROW]], %[[COL]]]
#id = affine_map<(i, j) -> (i, j)>
func.func @relu(%x: memref<100x50xf32>, %y: memref<100x50xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : memref<100x50xf32>) outs(%y : memref<100x50xf32>) attrs = {nnc.gpu_tiles = {block = array<i64: 8, 32>, warp = array<i64: 1, 32>, thread = array<i64: 1, 1>}} {
  ^bb0(%in: f32, %out: f32):
    %z = arith.constant 0.0 : f32
    %r = arith.maximumf %in, %z : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// More than three parallel loops: the outer ones run in sequence in each
// block.
// CHECK-LABEL: func.func @rank4
// CHECK: mapping = [#gpu.loop_dim_map<processor = sequential, {{.*}}>, #gpu.loop_dim_map<processor = block_z, {{.*}}>, #gpu.loop_dim_map<processor = block_y, {{.*}}>, #gpu.loop_dim_map<processor = block_x, {{.*}}>]
func.func @rank4(%x: memref<2x3x4x64xf32>, %y: memref<2x3x4x64xf32>) {
  linalg.copy {nnc.gpu_tiles = {block = array<i64: 1, 1, 4, 64>, warp = array<i64: 1, 1, 1, 32>, thread = array<i64: 1, 1, 1, 1>}} ins(%x : memref<2x3x4x64xf32>) outs(%y : memref<2x3x4x64xf32>)
  return
}

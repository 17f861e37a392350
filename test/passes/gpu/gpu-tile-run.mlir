// nnc-gpu-tile's loops compute what the untiled ops compute: each tiled op
// below runs on the host (the mapped scf.parallel loops in sequence, every
// block, warp and lane) next to the same op untiled, and the test prints
// max |tiled - untiled| (0: the inputs are small integers, so every sum is
// exact) and the sum of |result| (that there was something to compute).
// RUN: nnc-opt %s --nnc-gpu-tile --convert-linalg-to-loops \
// RUN:   --expand-strided-metadata --lower-affine --convert-scf-to-cf \
// RUN:   --convert-vector-to-llvm --finalize-memref-to-llvm \
// RUN:   --convert-math-to-llvm --convert-arith-to-llvm \
// RUN:   --convert-index-to-llvm --convert-func-to-llvm --convert-cf-to-llvm \
// RUN:   --reconcile-unrealized-casts \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_runner_libs | FileCheck %s

// The matmul with the strategy's tiles for it (one block, a 4 x 4 register
// tile per thread), with tiles that take several ragged blocks, and on
// operands of dynamic sizes.
// CHECK: 0
// CHECK-NEXT: 70968
// CHECK-NEXT: 0
// CHECK-NEXT: 70968
// CHECK-NEXT: 0
// CHECK-NEXT: 70968
// An elementwise op reading a broadcast row and its row index.
// CHECK-NEXT: 0
// CHECK-NEXT: 2491
// Row maxima over a reduction loop.
// CHECK-NEXT: 0
// CHECK-NEXT: 65
// A convolution's window reads, over three reduction loops (and four
// parallel loops, the outermost run in sequence in each block).
// CHECK-NEXT: 0
// CHECK-NEXT: 18312

#mm_a = affine_map<(i, j, k) -> (i, k)>
#mm_b = affine_map<(i, j, k) -> (k, j)>
#mm_c = affine_map<(i, j, k) -> (i, j)>
#id2 = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>
#first = affine_map<(i, j) -> (i, 0)>
#cv_in = affine_map<(n, f, oh, ow, c, kh, kw) -> (n, c, oh + kh, ow + kw)>
#cv_w = affine_map<(n, f, oh, ow, c, kh, kw) -> (f, c, kh, kw)>
#cv_out = affine_map<(n, f, oh, ow, c, kh, kw) -> (n, f, oh, ow)>
#all2 = affine_map<(i, j) -> (i, j)>
#scalar2 = affine_map<(i, j) -> ()>
#all4 = affine_map<(a, b, c, d) -> (a, b, c, d)>
#scalar4 = affine_map<(a, b, c, d) -> ()>

// Fills `m` with small integers from its indices: exact in f32 sums.
func.func @fill2(%m: memref<?x?xf32>, %p: index) {
  linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]} outs(%m : memref<?x?xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %a = arith.muli %i, %p : index
    %b = arith.addi %a, %j : index
    %c11 = arith.constant 11 : index
    %r = arith.remui %b, %c11 : index
    %v = arith.index_cast %r : index to i64
    %f = arith.sitofp %v : i64 to f32
    %c5 = arith.constant 5.0 : f32
    %s = arith.subf %f, %c5 : f32
    linalg.yield %s : f32
  }
  return
}

func.func @fill4(%m: memref<?x?x?x?xf32>) {
  linalg.generic {indexing_maps = [#all4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%m : memref<?x?x?x?xf32>) {
  ^bb0(%out: f32):
    %a = linalg.index 0 : index
    %b = linalg.index 1 : index
    %c = linalg.index 2 : index
    %d = linalg.index 3 : index
    %ab = arith.addi %a, %b : index
    %c3 = arith.constant 3 : index
    %c3x = arith.muli %c, %c3 : index
    %d5 = arith.constant 5 : index
    %d5x = arith.muli %d, %d5 : index
    %s1 = arith.addi %ab, %c3x : index
    %s2 = arith.addi %s1, %d5x : index
    %c7 = arith.constant 7 : index
    %r = arith.remui %s2, %c7 : index
    %v = arith.index_cast %r : index to i64
    %f = arith.sitofp %v : i64 to f32
    %k = arith.constant 3.0 : f32
    %o = arith.subf %f, %k : f32
    linalg.yield %o : f32
  }
  return
}

// max |x - y| over two matrices, and the sum of |x|.
func.func @compare2(%x: memref<?x?xf32>, %y: memref<?x?xf32>) {
  %diff = memref.alloc() : memref<f32>
  %norm = memref.alloc() : memref<f32>
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %diff[] : memref<f32>
  memref.store %zero, %norm[] : memref<f32>
  linalg.generic {indexing_maps = [#all2, #all2, #scalar2, #scalar2], iterator_types = ["reduction", "reduction"]} ins(%x, %y : memref<?x?xf32>, memref<?x?xf32>) outs(%diff, %norm : memref<f32>, memref<f32>) {
  ^bb0(%a: f32, %b: f32, %d: f32, %n: f32):
    %s = arith.subf %a, %b : f32
    %abs = math.absf %s : f32
    %m = arith.maximumf %d, %abs : f32
    %aa = math.absf %a : f32
    %t = arith.addf %n, %aa : f32
    linalg.yield %m, %t : f32, f32
  }
  %dv = memref.load %diff[] : memref<f32>
  %nv = memref.load %norm[] : memref<f32>
  vector.print %dv : f32
  vector.print %nv : f32
  return
}

func.func @compare4(%x: memref<?x?x?x?xf32>, %y: memref<?x?x?x?xf32>) {
  %diff = memref.alloc() : memref<f32>
  %norm = memref.alloc() : memref<f32>
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %diff[] : memref<f32>
  memref.store %zero, %norm[] : memref<f32>
  linalg.generic {indexing_maps = [#all4, #all4, #scalar4, #scalar4], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %y : memref<?x?x?x?xf32>, memref<?x?x?x?xf32>) outs(%diff, %norm : memref<f32>, memref<f32>) {
  ^bb0(%a: f32, %b: f32, %d: f32, %n: f32):
    %s = arith.subf %a, %b : f32
    %abs = math.absf %s : f32
    %m = arith.maximumf %d, %abs : f32
    %aa = math.absf %a : f32
    %t = arith.addf %n, %aa : f32
    linalg.yield %m, %t : f32, f32
  }
  %dv = memref.load %diff[] : memref<f32>
  %nv = memref.load %norm[] : memref<f32>
  vector.print %dv : f32
  vector.print %nv : f32
  return
}

func.func @main() {
  %zero = arith.constant 0.0 : f32
  %c3 = arith.constant 3 : index
  %c7 = arith.constant 7 : index
  %a = memref.alloc() : memref<37x19xf32>
  %b = memref.alloc() : memref<19x45xf32>
  %a_ = memref.cast %a : memref<37x19xf32> to memref<?x?xf32>
  %b_ = memref.cast %b : memref<19x45xf32> to memref<?x?xf32>
  func.call @fill2(%a_, %c3) : (memref<?x?xf32>, index) -> ()
  func.call @fill2(%b_, %c7) : (memref<?x?xf32>, index) -> ()

  // A matmul with the strategy's tiles for it (one block, 4 x 4 per thread),
  // then with tiles that take several ragged blocks.
  %ref = memref.alloc() : memref<37x45xf32>
  linalg.fill ins(%zero : f32) outs(%ref : memref<37x45xf32>)
  linalg.matmul ins(%a, %b : memref<37x19xf32>, memref<19x45xf32>) outs(%ref : memref<37x45xf32>)
  %ref_ = memref.cast %ref : memref<37x45xf32> to memref<?x?xf32>
  %c1 = memref.alloc() : memref<37x45xf32>
  linalg.fill ins(%zero : f32) outs(%c1 : memref<37x45xf32>)
  linalg.matmul {nnc.gpu_tiles = {block = array<i64: 64, 64, 0>, warp = array<i64: 8, 64, 0>, thread = array<i64: 4, 4, 0>}} ins(%a, %b : memref<37x19xf32>, memref<19x45xf32>) outs(%c1 : memref<37x45xf32>)
  %c1_ = memref.cast %c1 : memref<37x45xf32> to memref<?x?xf32>
  func.call @compare2(%c1_, %ref_) : (memref<?x?xf32>, memref<?x?xf32>) -> ()
  %c2 = memref.alloc() : memref<37x45xf32>
  linalg.fill ins(%zero : f32) outs(%c2 : memref<37x45xf32>)
  linalg.matmul {nnc.gpu_tiles = {block = array<i64: 16, 32, 0>, warp = array<i64: 8, 32, 0>, thread = array<i64: 2, 4, 0>}} ins(%a, %b : memref<37x19xf32>, memref<19x45xf32>) outs(%c2 : memref<37x45xf32>)
  %c2_ = memref.cast %c2 : memref<37x45xf32> to memref<?x?xf32>
  func.call @compare2(%c2_, %ref_) : (memref<?x?xf32>, memref<?x?xf32>) -> ()

  // Dynamic extents: the block loops run to the operands' sizes.
  %c3m = memref.alloc() : memref<37x45xf32>
  linalg.fill ins(%zero : f32) outs(%c3m : memref<37x45xf32>)
  %c3m_ = memref.cast %c3m : memref<37x45xf32> to memref<?x?xf32>
  linalg.matmul {nnc.gpu_tiles = {block = array<i64: 32, 64, 0>, warp = array<i64: 16, 32, 0>, thread = array<i64: 4, 4, 0>}} ins(%a_, %b_ : memref<?x?xf32>, memref<?x?xf32>) outs(%c3m_ : memref<?x?xf32>)
  func.call @compare2(%c3m_, %ref_) : (memref<?x?xf32>, memref<?x?xf32>) -> ()

  // Elementwise with a broadcast row and an index, ragged blocks.
  %x = memref.alloc() : memref<13x29xf32>
  %x_ = memref.cast %x : memref<13x29xf32> to memref<?x?xf32>
  func.call @fill2(%x_, %c3) : (memref<?x?xf32>, index) -> ()
  %bias = memref.subview %b[0, 0] [1, 29] [1, 1] : memref<19x45xf32> to memref<29xf32, strided<[1]>>
  %e_ref = memref.alloc() : memref<13x29xf32>
  %e = memref.alloc() : memref<13x29xf32>
  linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %bias : memref<13x29xf32>, memref<29xf32, strided<[1]>>) outs(%e_ref : memref<13x29xf32>) {
  ^bb0(%in: f32, %bb: f32, %out: f32):
    %i = linalg.index 0 : index
    %iv = arith.index_cast %i : index to i64
    %if = arith.sitofp %iv : i64 to f32
    %s = arith.addf %in, %bb : f32
    %t = arith.addf %s, %if : f32
    linalg.yield %t : f32
  }
  linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %bias : memref<13x29xf32>, memref<29xf32, strided<[1]>>) outs(%e : memref<13x29xf32>) attrs = {nnc.gpu_tiles = {block = array<i64: 8, 16>, warp = array<i64: 4, 8>, thread = array<i64: 1, 1>}} {
  ^bb0(%in: f32, %bb: f32, %out: f32):
    %i = linalg.index 0 : index
    %iv = arith.index_cast %i : index to i64
    %if = arith.sitofp %iv : i64 to f32
    %s = arith.addf %in, %bb : f32
    %t = arith.addf %s, %if : f32
    linalg.yield %t : f32
  }
  %e_ = memref.cast %e : memref<13x29xf32> to memref<?x?xf32>
  %e_ref_ = memref.cast %e_ref : memref<13x29xf32> to memref<?x?xf32>
  func.call @compare2(%e_, %e_ref_) : (memref<?x?xf32>, memref<?x?xf32>) -> ()

  // Row maxima: one parallel loop (a thread per row), one reduction loop.
  %mx_ref = memref.alloc() : memref<13x1xf32>
  %mx = memref.alloc() : memref<13x1xf32>
  %lowest = arith.constant -1.0e30 : f32
  linalg.fill ins(%lowest : f32) outs(%mx_ref : memref<13x1xf32>)
  linalg.fill ins(%lowest : f32) outs(%mx : memref<13x1xf32>)
  linalg.generic {indexing_maps = [#id2, #first], iterator_types = ["parallel", "reduction"]} ins(%x : memref<13x29xf32>) outs(%mx_ref : memref<13x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %r = arith.maximumf %in, %acc : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#id2, #first], iterator_types = ["parallel", "reduction"]} ins(%x : memref<13x29xf32>) outs(%mx : memref<13x1xf32>) attrs = {nnc.gpu_tiles = {block = array<i64: 32, 0>, warp = array<i64: 32, 0>, thread = array<i64: 1, 0>}} {
  ^bb0(%in: f32, %acc: f32):
    %r = arith.maximumf %in, %acc : f32
    linalg.yield %r : f32
  }
  %mx_ = memref.cast %mx : memref<13x1xf32> to memref<?x?xf32>
  %mx_ref_ = memref.cast %mx_ref : memref<13x1xf32> to memref<?x?xf32>
  func.call @compare2(%mx_, %mx_ref_) : (memref<?x?xf32>, memref<?x?xf32>) -> ()

  // A convolution's window reads (oh + kh, ow + kw), three reduction loops.
  %in = memref.alloc() : memref<2x3x9x9xf32>
  %w = memref.alloc() : memref<4x3x3x3xf32>
  %in_ = memref.cast %in : memref<2x3x9x9xf32> to memref<?x?x?x?xf32>
  %w_ = memref.cast %w : memref<4x3x3x3xf32> to memref<?x?x?x?xf32>
  func.call @fill4(%in_) : (memref<?x?x?x?xf32>) -> ()
  func.call @fill4(%w_) : (memref<?x?x?x?xf32>) -> ()
  %o_ref = memref.alloc() : memref<2x4x7x7xf32>
  %o = memref.alloc() : memref<2x4x7x7xf32>
  linalg.fill ins(%zero : f32) outs(%o_ref : memref<2x4x7x7xf32>)
  linalg.fill ins(%zero : f32) outs(%o : memref<2x4x7x7xf32>)
  linalg.generic {indexing_maps = [#cv_in, #cv_w, #cv_out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%in, %w : memref<2x3x9x9xf32>, memref<4x3x3x3xf32>) outs(%o_ref : memref<2x4x7x7xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#cv_in, #cv_w, #cv_out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%in, %w : memref<2x3x9x9xf32>, memref<4x3x3x3xf32>) outs(%o : memref<2x4x7x7xf32>) attrs = {nnc.gpu_tiles = {block = array<i64: 1, 1, 4, 16, 0, 0, 0>, warp = array<i64: 1, 1, 4, 16, 0, 0, 0>, thread = array<i64: 1, 1, 1, 2, 0, 0, 0>}} {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  %o_ = memref.cast %o : memref<2x4x7x7xf32> to memref<?x?x?x?xf32>
  %o_ref_ = memref.cast %o_ref : memref<2x4x7x7xf32> to memref<?x?x?x?xf32>
  func.call @compare4(%o_, %o_ref_) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf32>) -> ()
  return
}

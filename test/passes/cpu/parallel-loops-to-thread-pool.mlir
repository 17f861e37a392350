// RUN: nnc-opt %s -split-input-file --nnc-parallel-loops-to-thread-pool --canonicalize | FileCheck %s
// RUN: nnc-opt %s -split-input-file --nnc-parallel-loops-to-thread-pool --canonicalize --nnc-cpu-pipeline | FileCheck %s --check-prefix=LLVM

// An elementwise loop over [64, 4096]: the 64 rows are distributed, each
// range running the columns as an inner loop. The memrefs travel as LLVM
// descriptors, the scalar as it is; the constant bounds are recreated.
// CHECK-LABEL: func.func @scaled_sum
// CHECK-SAME: (%[[A:.*]]: memref<64x4096xf32>, %[[B:.*]]: memref<64x4096xf32>, %[[C:.*]]: memref<64x4096xf32>, %[[S:.*]]: f32)
// CHECK-DAG: %[[ROWS:.*]] = arith.constant 64 : i64
// CHECK-DAG: %[[BODY:.*]] = constant @scaled_sum_parallel : (i64, i64, !llvm.ptr) -> ()
// CHECK-DAG: %[[SLOT:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, f32, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
// CHECK: %[[AD:.*]] = builtin.unrealized_conversion_cast %[[A]] : memref<64x4096xf32> to !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: %[[F0:.*]] = llvm.insertvalue %[[AD]], %{{.*}}[0]
// CHECK: %[[BD:.*]] = builtin.unrealized_conversion_cast %[[B]]
// CHECK: %[[F1:.*]] = llvm.insertvalue %[[BD]], %[[F0]][1]
// CHECK: %[[F2:.*]] = llvm.insertvalue %[[S]], %[[F1]][2]
// CHECK: %[[CD:.*]] = builtin.unrealized_conversion_cast %[[C]]
// CHECK: %[[F3:.*]] = llvm.insertvalue %[[CD]], %[[F2]][3]
// CHECK: llvm.store %[[F3]], %[[SLOT]]
// CHECK: %[[PTR:.*]] = builtin.unrealized_conversion_cast %[[BODY]] : (i64, i64, !llvm.ptr) -> () to !llvm.ptr
// CHECK: call @nnc_parallel_for(%[[PTR]], %[[ROWS]], %[[SLOT]])
// CHECK-NOT: scf.parallel
// CHECK: return
// The function nnc_parallel_for calls unpacks the closure and calls the
// range function with the values.
// CHECK: func.func private @scaled_sum_parallel(%[[BEGIN:.*]]: i64, %[[END:.*]]: i64, %[[CLOSURE:.*]]: !llvm.ptr) attributes {llvm.linkage = #llvm.linkage<internal>}
// CHECK: %[[FIELDS:.*]] = llvm.load %[[CLOSURE]]
// CHECK: %[[V0:.*]] = llvm.extractvalue %[[FIELDS]][0]
// CHECK: %[[V1:.*]] = llvm.extractvalue %[[FIELDS]][1]
// CHECK: %[[V2:.*]] = llvm.extractvalue %[[FIELDS]][2]
// CHECK: %[[V3:.*]] = llvm.extractvalue %[[FIELDS]][3]
// CHECK: call @scaled_sum_parallel_range(%[[BEGIN]], %[[END]], %[[V0]], %[[V1]], %[[V2]], %[[V3]])
// CHECK: func.func private @scaled_sum_parallel_range(%[[FROM:.*]]: i64, %[[TO:.*]]: i64, %[[AD2:.*]]: !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, %{{.*}}: !llvm.struct<{{.*}}>, %[[S2:.*]]: f32, %{{.*}}: !llvm.struct<{{.*}}>) attributes {llvm.linkage = #llvm.linkage<internal>}
// CHECK-DAG: %[[COLS:.*]] = arith.constant 4096 : index
// CHECK: %[[A2:.*]] = builtin.unrealized_conversion_cast %[[AD2]] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> to memref<64x4096xf32>
// CHECK: %[[FIRST:.*]] = arith.index_cast %[[FROM]] : i64 to index
// CHECK: %[[LAST:.*]] = arith.index_cast %[[TO]] : i64 to index
// CHECK: scf.for %[[I:.*]] = %[[FIRST]] to %[[LAST]]
// CHECK: scf.parallel (%[[J:.*]]) = (%{{.*}}) to (%[[COLS]])
// CHECK: memref.load %[[A2]][%[[I]], %[[J]]]
// CHECK: arith.mulf %{{.*}}, %[[S2]]
// CHECK: func.func private @nnc_parallel_for(!llvm.ptr, i64, !llvm.ptr)

// The casts pair up in the LLVM lowering: no unrealized cast is left.
// LLVM-LABEL: llvm.func @scaled_sum
// LLVM: llvm.mlir.addressof @scaled_sum_parallel
// LLVM: llvm.call @nnc_parallel_for
// LLVM: llvm.func internal @scaled_sum_parallel(
// LLVM: llvm.func internal @scaled_sum_parallel_range(
// LLVM-NOT: unrealized_conversion_cast
func.func @scaled_sum(%a: memref<64x4096xf32>, %b: memref<64x4096xf32>,
                      %c: memref<64x4096xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %c4096 = arith.constant 4096 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c64, %c4096) step (%c1, %c1) {
    %x = memref.load %a[%i, %j] : memref<64x4096xf32>
    %y = memref.load %b[%i, %j] : memref<64x4096xf32>
    %z = arith.addf %x, %y : f32
    %w = arith.mulf %z, %s : f32
    memref.store %w, %c[%i, %j] : memref<64x4096xf32>
    scf.reduce
  }
  return
}

// -----

// Leading dimensions too short to balance the threads are distributed
// together: of [2, 4, 128, n], the first three (2 * 4 < 16 iterations
// would be too few), 1024 in all; a linear iteration splits into their
// indices by remainders and quotients, the first dimension taking the last
// quotient. The dynamic bound travels as i64.
// CHECK-LABEL: func.func @small_leading_dims
// CHECK-SAME: (%[[X:.*]]: memref<2x4x128x?xf32>, %[[N:.*]]: index)
// CHECK-DAG: %[[ITER:.*]] = arith.constant 1024 : i64
// CHECK: arith.index_cast %[[N]] : index to i64
// CHECK: call @nnc_parallel_for(%{{.*}}, %[[ITER]], %{{.*}})
// CHECK: func.func private @small_leading_dims_parallel_range
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[N2:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: scf.for %[[L:.*]] =
// CHECK: %[[K:.*]] = arith.remsi %[[L]], %[[C128]]
// CHECK: %[[R:.*]] = arith.divsi %[[L]], %[[C128]]
// CHECK: %[[J:.*]] = arith.remsi %[[R]], %[[C4]]
// CHECK: %[[I:.*]] = arith.divsi %[[R]], %[[C4]]
// CHECK: scf.parallel (%[[M:.*]]) = (%{{.*}}) to (%[[N2]])
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]], %[[K]], %[[M]]]
func.func @small_leading_dims(%x: memref<2x4x128x?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c128 = arith.constant 128 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j, %k, %m) = (%c0, %c0, %c0, %c0) to (%c2, %c4, %c128, %n)
      step (%c1, %c1, %c1, %c1) {
    memref.store %zero, %x[%i, %j, %k, %m] : memref<2x4x128x?xf32>
    scf.reduce
  }
  return
}

// -----

// A one-dimensional loop with a step: each range maps its linear
// iterations back onto the loop's induction variable.
// CHECK-LABEL: func.func @strided
// CHECK-DAG: %[[HALF:.*]] = arith.constant 131072 : i64
// CHECK: call @nnc_parallel_for(%{{.*}}, %[[HALF]], %{{.*}})
// CHECK: func.func private @strided_parallel_range
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2 : index
// CHECK: scf.for %[[L:.*]] =
// CHECK: %[[I:.*]] = arith.muli %[[L]], %[[TWO]]
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[I]]]
func.func @strided(%x: memref<262144xf32>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c262144 = arith.constant 262144 : index
  %one = arith.constant 1.0 : f32
  scf.parallel (%i) = (%c0) to (%c262144) step (%c2) {
    memref.store %one, %x[%i] : memref<262144xf32>
    scf.reduce
  }
  return
}

// -----

// A buffer allocated in the function and captured once reaches the range
// function's accesses through an llvm.noalias pointer, its descriptor's
// aligned pointer (field 1); one captured through two views, one whose
// address is captured too, and the function's arguments may alias others
// and get none.
// CHECK-LABEL: func.func @distinct_buffers
// CHECK: func.func private @distinct_buffers_parallel(
// CHECK: %[[FIELDS:.*]] = llvm.load
// CHECK: %[[PTR:.*]] = llvm.extractvalue %[[FIELDS]][1, 1]
// CHECK: call @distinct_buffers_parallel_range(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[PTR]])
// CHECK: func.func private @distinct_buffers_parallel_range(%{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !llvm.struct<{{.*}}>, %[[TMP:.*]]: !llvm.struct<{{.*}}>, %{{.*}}: !llvm.struct<{{.*}}>, %{{.*}}: !llvm.struct<{{.*}}>, %{{.*}}: !llvm.struct<{{.*}}>, %{{.*}}: i64, %[[NOALIAS:.*]]: !llvm.ptr {llvm.noalias})
// CHECK: %[[WITH:.*]] = llvm.insertvalue %[[NOALIAS]], %[[TMP]][1]
// CHECK: builtin.unrealized_conversion_cast %[[WITH]]
// CHECK-NOT: llvm.noalias
func.func @distinct_buffers(%x: memref<256x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c128 = arith.constant 128 : index
  %c256 = arith.constant 256 : index
  %tmp = memref.alloc() : memref<256x256xf32>
  %shared = memref.alloc() : memref<256x256xf32>
  %top = memref.subview %shared[0, 0] [128, 256] [1, 1] : memref<256x256xf32> to memref<128x256xf32, strided<[256, 1]>>
  %bottom = memref.subview %shared[128, 0] [128, 256] [1, 1] : memref<256x256xf32> to memref<128x256xf32, strided<[256, 1], offset: 32768>>
  %addressed = memref.alloc() : memref<256x256xf32>
  %address = memref.extract_aligned_pointer_as_index %addressed : memref<256x256xf32> -> index
  %address64 = arith.index_cast %address : index to i64
  scf.parallel (%i, %j) = (%c0, %c0) to (%c128, %c256) step (%c1, %c1) {
    %v = memref.load %x[%i, %j] : memref<256x256xf32>
    memref.store %v, %tmp[%i, %j] : memref<256x256xf32>
    memref.store %v, %top[%i, %j] : memref<128x256xf32, strided<[256, 1]>>
    memref.store %v, %bottom[%i, %j] : memref<128x256xf32, strided<[256, 1], offset: 32768>>
    memref.store %v, %addressed[%i, %j] : memref<256x256xf32>
    %n = arith.index_cast %i : index to i64
    %p = arith.addi %address64, %n : i64
    %ptr = llvm.inttoptr %p : i64 to !llvm.ptr
    llvm.store %v, %ptr : f32, !llvm.ptr
    scf.reduce
  }
  return
}

// -----

// Loops too small to pay for a dispatch, loops with results (reductions)
// and loops using a value the closure cannot carry stay where they are.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: nnc_parallel_for
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK-NOT: nnc_parallel_for
func.func @left_alone(%x: memref<64x64xf32>, %y: memref<1048576xf32>,
                      %v: vector<4xf32>, %out: memref<1048576xvector<4xf32>>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %big = arith.constant 1048576 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c64, %c64) step (%c1, %c1) {
    memref.store %zero, %x[%i, %j] : memref<64x64xf32>
    scf.reduce
  }
  %sum = scf.parallel (%i) = (%c0) to (%big) step (%c1) init (%zero) -> f32 {
    %e = memref.load %y[%i] : memref<1048576xf32>
    scf.reduce(%e : f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }
  }
  scf.parallel (%i) = (%c0) to (%big) step (%c1) {
    memref.store %v, %out[%i] : memref<1048576xvector<4xf32>>
    scf.reduce
  }
  return %sum : f32
}

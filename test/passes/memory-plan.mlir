// RUN: nnc-opt %s -split-input-file -nnc-memory-plan | FileCheck %s

// Buffers alive at the same time get disjoint bytes, each at a 64-byte
// aligned offset: 16 bytes at 0, 12 bytes at 64. The arena is allocated at
// entry and freed before the return; the deallocs go.
// CHECK-LABEL: func.func @overlapping
// CHECK-SAME: nnc.arena_bytes = 128 : i64, nnc.intermediate_bytes = 28 : i64
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<128xi8>
// CHECK: %[[A:.*]] = memref.view %[[ARENA]][%c0{{.*}}][] : memref<128xi8> to memref<4xf32>
// CHECK: %[[S:.*]] = memref.subview %[[A]]
// CHECK: %[[B:.*]] = memref.view %[[ARENA]][%c64{{.*}}][] : memref<128xi8> to memref<3xf32>
// CHECK: linalg.copy ins(%[[S]] : memref<3xf32, strided<[1]>>) outs(%[[B]]
// CHECK-NOT: memref.dealloc
// CHECK: memref.dealloc %[[ARENA]]
// CHECK-NEXT: return
func.func @overlapping(%in: memref<3xf32>, %out: memref<3xf32>) {
  %a = memref.alloc() : memref<4xf32>
  %s = memref.subview %a[0] [3] [1] : memref<4xf32> to memref<3xf32, strided<[1]>>
  linalg.copy ins(%in : memref<3xf32>) outs(%s : memref<3xf32, strided<[1]>>)
  %b = memref.alloc() : memref<3xf32>
  linalg.copy ins(%s : memref<3xf32, strided<[1]>>) outs(%b : memref<3xf32>)
  memref.dealloc %a : memref<4xf32>
  linalg.copy ins(%b : memref<3xf32>) outs(%out : memref<3xf32>)
  memref.dealloc %b : memref<3xf32>
  return
}

// -----

// A buffer allocated after another is freed takes its bytes.
// CHECK-LABEL: func.func @disjoint
// CHECK-SAME: nnc.arena_bytes = 64 : i64, nnc.intermediate_bytes = 32 : i64
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xi8>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<64xi8> to memref<4xf32>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<64xi8> to memref<4xf32>
func.func @disjoint(%in: memref<4xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  linalg.copy ins(%a : memref<4xf32>) outs(%out : memref<4xf32>)
  memref.dealloc %a : memref<4xf32>
  %b = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%b : memref<4xf32>)
  linalg.copy ins(%b : memref<4xf32>) outs(%out : memref<4xf32>)
  memref.dealloc %b : memref<4xf32>
  return
}

// -----

// A buffer is alive from its first use, not from its alloc: %a, allocated
// first but used only after %b is freed, takes %b's bytes.
// CHECK-LABEL: func.func @first_use
// CHECK-SAME: nnc.arena_bytes = 64 : i64, nnc.intermediate_bytes = 32 : i64
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xi8>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<64xi8> to memref<4xf32>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<64xi8> to memref<4xf32>
func.func @first_use(%in: memref<4xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%b : memref<4xf32>)
  linalg.copy ins(%b : memref<4xf32>) outs(%out : memref<4xf32>)
  memref.dealloc %b : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  linalg.copy ins(%a : memref<4xf32>) outs(%out : memref<4xf32>)
  memref.dealloc %a : memref<4xf32>
  return
}

// -----

// Largest first, each in the smallest gap that fits: %big (1024 bytes) at
// 0; %mid (512), alive only after %big is freed, at 0 too; %long (256),
// alive with both, above them at 1024; %small (64), alive with %mid and
// %long, in the gap between them at 512 rather than above %long.
// CHECK-LABEL: func.func @best_fit
// CHECK-SAME: nnc.arena_bytes = 1280 : i64, nnc.intermediate_bytes = 1856 : i64
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1280xi8>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<1280xi8> to memref<256xf32>
// CHECK: memref.view %[[ARENA]][%c1024{{.*}}][] : memref<1280xi8> to memref<64xf32>
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<1280xi8> to memref<128xf32>
// CHECK: memref.view %[[ARENA]][%c512{{.*}}][] : memref<1280xi8> to memref<16xf32>
func.func private @use(memref<?xf32>)
func.func @best_fit() {
  %big = memref.alloc() : memref<256xf32>
  %bigd = memref.cast %big : memref<256xf32> to memref<?xf32>
  %long = memref.alloc() : memref<64xf32>
  %longd = memref.cast %long : memref<64xf32> to memref<?xf32>
  call @use(%bigd) : (memref<?xf32>) -> ()
  call @use(%longd) : (memref<?xf32>) -> ()
  memref.dealloc %big : memref<256xf32>
  %mid = memref.alloc() : memref<128xf32>
  %midd = memref.cast %mid : memref<128xf32> to memref<?xf32>
  %small = memref.alloc() : memref<16xf32>
  %smalld = memref.cast %small : memref<16xf32> to memref<?xf32>
  call @use(%midd) : (memref<?xf32>) -> ()
  memref.dealloc %mid : memref<128xf32>
  call @use(%smalld) : (memref<?xf32>) -> ()
  memref.dealloc %small : memref<16xf32>
  call @use(%longd) : (memref<?xf32>) -> ()
  memref.dealloc %long : memref<64xf32>
  return
}

// -----

// Left alone: a dynamically shaped buffer, a buffer freed in another block,
// and a buffer with no dealloc. With nothing planned there is no arena.
// CHECK-LABEL: func.func @left_alone
// CHECK-SAME: nnc.arena_bytes = 0 : i64, nnc.intermediate_bytes = 0 : i64
// CHECK-NOT: memref.view
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK: memref.alloc() : memref<4xf32>
// CHECK: scf.if
// CHECK: memref.dealloc
// CHECK: memref.alloc() : memref<8xf32>
// CHECK-NOT: memref.view
func.func @left_alone(%n: index, %c: i1) -> memref<8xf32> {
  %d = memref.alloc(%n) : memref<?xf32>
  memref.dealloc %d : memref<?xf32>
  %a = memref.alloc() : memref<4xf32>
  scf.if %c {
    memref.dealloc %a : memref<4xf32>
  }
  %r = memref.alloc() : memref<8xf32>
  return %r : memref<8xf32>
}

// -----

// A loop body's buffers are planned within the body; the body's layout is
// one buffer of the function (128 bytes, placed first), alive for the whole
// loop: disjoint from %outer, which lives across the loop, and reused by
// every iteration. The buffers
// of a parallel loop's body get an arena of their own in the body.
// CHECK-LABEL: func.func @nested
// CHECK-SAME: nnc.arena_bytes = 256 : i64, nnc.intermediate_bytes = 128 : i64
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<192xi8>
// CHECK: memref.view %[[ARENA]][%c128{{.*}}][] : memref<192xi8> to memref<16xf32>
// CHECK: scf.for
// CHECK-NOT: memref.alloc
// CHECK: memref.view %[[ARENA]][%c0{{.*}}][] : memref<192xi8> to memref<4xf32>
// CHECK: memref.view %[[ARENA]][%c64{{.*}}][] : memref<192xi8> to memref<4xf32>
// CHECK-NOT: memref.dealloc
// CHECK: scf.parallel
// CHECK-NEXT: %[[INNER:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xi8>
// CHECK: memref.view %[[INNER]][%c0{{.*}}][] : memref<64xi8> to memref<8xf32>
// CHECK: memref.dealloc %[[INNER]]
// CHECK-NEXT: scf.reduce
// CHECK: memref.dealloc %[[ARENA]]
// CHECK-NEXT: return
func.func @nested(%in: memref<4xf32>, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %outer = memref.alloc() : memref<16xf32>
  %head = memref.subview %outer[0] [4] [1] : memref<16xf32> to memref<4xf32, strided<[1]>>
  linalg.copy ins(%in : memref<4xf32>) outs(%head : memref<4xf32, strided<[1]>>)
  scf.for %i = %c0 to %c4 step %c1 {
    %t = memref.alloc() : memref<4xf32>
    %u = memref.alloc() : memref<4xf32>
    linalg.copy ins(%in : memref<4xf32>) outs(%t : memref<4xf32>)
    linalg.copy ins(%t : memref<4xf32>) outs(%u : memref<4xf32>)
    memref.dealloc %t : memref<4xf32>
    linalg.copy ins(%u : memref<4xf32>) outs(%out : memref<4xf32>)
    memref.dealloc %u : memref<4xf32>
  }
  %o = memref.subview %outer[0] [4] [1] : memref<16xf32> to memref<4xf32, strided<[1]>>
  linalg.copy ins(%o : memref<4xf32, strided<[1]>>) outs(%out : memref<4xf32>)
  memref.dealloc %outer : memref<16xf32>
  scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
    %p = memref.alloc() : memref<8xf32>
    %pd = memref.cast %p : memref<8xf32> to memref<?xf32>
    func.call @use(%pd) : (memref<?xf32>) -> ()
    memref.dealloc %p : memref<8xf32>
    scf.reduce
  }
  return
}
func.func private @use(memref<?xf32>)

// RUN: nnc-opt %s -split-input-file -allow-unregistered-dialect \
// RUN:   --nnc-gpu-managed-memory | FileCheck %s

// Host buffers become managed (host_shared) allocations, static and dynamic;
// each free waits on a fresh stream around an asynchronous gpu.dealloc.
// CHECK-LABEL: func.func @alloc_dealloc
// CHECK-SAME: (%[[N:.*]]: index)
// CHECK-NOT: memref.alloc
// CHECK: %[[A:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK: %[[D:.*]] = gpu.alloc host_shared (%[[N]]) : memref<?x4xf32>
// CHECK: "test.use"(%[[A]], %[[D]])
// CHECK: %[[S0:.*]] = gpu.wait async
// CHECK: %[[F0:.*]] = gpu.dealloc async [%[[S0]]] %[[A]] : memref<4xf32>
// CHECK: gpu.wait [%[[F0]]]
// CHECK: %[[S1:.*]] = gpu.wait async
// CHECK: %[[F1:.*]] = gpu.dealloc async [%[[S1]]] %[[D]] : memref<?x4xf32>
// CHECK: gpu.wait [%[[F1]]]
// CHECK-NOT: memref.dealloc
// CHECK: return
func.func @alloc_dealloc(%n: index) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<4xf32>
  %d = memref.alloc(%n) : memref<?x4xf32>
  "test.use"(%a, %d) : (memref<4xf32>, memref<?x4xf32>) -> ()
  memref.dealloc %a : memref<4xf32>
  memref.dealloc %d : memref<?x4xf32>
  return
}

// -----

// A constant is read through a managed copy made on entry and freed before
// the return; the original get_global stays as the copy's source and loses
// the pass's internal marker.
memref.global "private" constant @weights : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>

// CHECK-LABEL: func.func @get_global
// CHECK: %[[G:.*]] = memref.get_global @weights : memref<4xf32>
// CHECK-NOT: nnc.staged
// CHECK: %[[COPY:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK: memref.copy %[[G]], %[[COPY]] : memref<4xf32> to memref<4xf32>
// CHECK: "test.use"(%[[COPY]])
// CHECK: %[[S:.*]] = gpu.wait async
// CHECK: %[[F:.*]] = gpu.dealloc async [%[[S]]] %[[COPY]] : memref<4xf32>
// CHECK: gpu.wait [%[[F]]]
// CHECK-NEXT: return
func.func @get_global() {
  %w = memref.get_global @weights : memref<4xf32>
  "test.use"(%w) : (memref<4xf32>) -> ()
  return
}

// -----

// A global read inside a region whose value escapes it: the managed copy is
// made at function entry and freed at the function's return, not at the end
// of the region.
memref.global "private" constant @bias : memref<2xf32> = dense<[1.0, 2.0]>

// CHECK-LABEL: func.func @read_in_region
// CHECK-NEXT: %[[G:.*]] = memref.get_global @bias : memref<2xf32>
// CHECK-NEXT: %[[COPY:.*]] = gpu.alloc host_shared () : memref<2xf32>
// CHECK-NEXT: memref.copy %[[G]], %[[COPY]]
// CHECK: %[[R:.*]] = scf.if
// CHECK-NOT: gpu.dealloc
// CHECK: scf.yield %[[COPY]]
// CHECK: "test.use"(%[[R]])
// CHECK: gpu.dealloc async [%{{.*}}] %[[COPY]]
// CHECK: return
func.func @read_in_region(%c: i1, %other: memref<2xf32>) {
  %r = scf.if %c -> memref<2xf32> {
    %b = memref.get_global @bias : memref<2xf32>
    scf.yield %b : memref<2xf32>
  } else {
    scf.yield %other : memref<2xf32>
  }
  "test.use"(%r) : (memref<2xf32>) -> ()
  return
}

// -----

memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>

// Allocations, frees and global reads inside a gpu.launch body belong to the
// kernel and stay; host buffers the kernel uses are managed.
// CHECK-LABEL: func.func @inside_launch
// CHECK: %[[HOST:.*]] = gpu.alloc host_shared () : memref<2xf32>
// CHECK: gpu.launch
// CHECK: %[[K:.*]] = memref.alloc() : memref<2xf32>
// CHECK: %[[T:.*]] = memref.get_global @table : memref<2xf32>
// CHECK: memref.copy %[[T]], %[[K]]
// CHECK: memref.copy %[[K]], %[[HOST]]
// CHECK: memref.dealloc %[[K]] : memref<2xf32>
// CHECK: gpu.terminator
// CHECK: gpu.dealloc async
// CHECK-NOT: gpu.alloc
// CHECK: return
func.func @inside_launch() {
  %c1 = arith.constant 1 : index
  %host = memref.alloc() : memref<2xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %t = %c1) {
    %k = memref.alloc() : memref<2xf32>
    %g = memref.get_global @table : memref<2xf32>
    memref.copy %g, %k : memref<2xf32> to memref<2xf32>
    memref.copy %k, %host : memref<2xf32> to memref<2xf32>
    memref.dealloc %k : memref<2xf32>
    gpu.terminator
  }
  memref.dealloc %host : memref<2xf32>
  return
}

// -----

// Device code in a gpu.module is left alone.
// CHECK-LABEL: gpu.module @kernels
// CHECK: gpu.func @kernel
// CHECK: memref.alloc() : memref<8xf32>
// CHECK: memref.dealloc %{{.*}} : memref<8xf32>
// CHECK-NOT: gpu.alloc
gpu.module @kernels {
  gpu.func @kernel() kernel {
    %k = memref.alloc() : memref<8xf32>
    memref.dealloc %k : memref<8xf32>
    gpu.return
  }
}

// -----

// A buffer carried through a loop is freed through the iteration argument
// that holds it (as bufferization of a loop frees the previous iteration's
// buffer): still a managed buffer, freed as one. A libc free() of managed
// memory aborts the program.
// CHECK-LABEL: func.func @loop_carried_dealloc
// CHECK: %[[INIT:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK: scf.for {{.*}} iter_args(%[[PREV:.*]] = %[[INIT]])
// CHECK:   %[[NEXT:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK:   gpu.dealloc async [%{{.*}}] %[[PREV]] : memref<4xf32>
// CHECK:   scf.yield %[[NEXT]]
// CHECK-NOT: memref.dealloc
func.func @loop_carried_dealloc(%n: index) -> memref<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = memref.alloc() : memref<4xf32>
  %last = scf.for %i = %c0 to %n step %c1 iter_args(%prev = %init) -> memref<4xf32> {
    %next = memref.alloc() : memref<4xf32>
    memref.copy %prev, %next : memref<4xf32> to memref<4xf32>
    memref.dealloc %prev : memref<4xf32>
    scf.yield %next : memref<4xf32>
  }
  return %last : memref<4xf32>
}

// -----

// A free of memory the function did not allocate (its argument) is not
// a managed buffer and stays a memref.dealloc.
// CHECK-LABEL: func.func @foreign_dealloc
// CHECK-SAME: (%[[M:.*]]: memref<4xf32>)
// CHECK-NEXT: memref.dealloc %[[M]] : memref<4xf32>
// CHECK-NEXT: return
func.func @foreign_dealloc(%m: memref<4xf32>) {
  memref.dealloc %m : memref<4xf32>
  return
}

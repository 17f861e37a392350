//===- runtime/src/status.cpp - Errors of the runtime's C API -------------===//
//
// The calling thread's last error message.
//
//===----------------------------------------------------------------------===//

#include "status.h"

#include <utility>

namespace {

/// The message of this thread's last failed call.
thread_local std::string lastError;

} // namespace

nnc_status nnc::rt::fail(nnc_status status, std::string message) {
  lastError = std::move(message);
  return status;
}

extern "C" const char *nnc_last_error(void) { return lastError.c_str(); }

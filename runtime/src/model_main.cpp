//===- runtime/src/model_main.cpp - main() of a compiled model executable -===//
//
// `nnc compile` links this with a model object into an executable; the
// command line itself is nnc_model_main (model_cli.cpp).
//
//===----------------------------------------------------------------------===//

#include "nnc/runtime.h"

/// The image the compiled model object defines.
extern "C" const nnc_model_image nnc_compiled_model;

int main(int argc, char **argv) {
  return nnc_model_main(&nnc_compiled_model, nullptr, argc, argv);
}

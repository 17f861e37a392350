//===- runtime/src/train_main.cpp - main() of a training executable -------===//
//
// `nnc compile --train` links this with two model objects into an
// executable: the train step (`nnc_train_step`) and the inference entry of
// the same model (`nnc_compiled_model`), which evaluates the params being
// trained. The command line itself is nnc_train_main (train_cli.cpp).
//
//===----------------------------------------------------------------------===//

#include "nnc/runtime.h"

/// The images the compiled model objects define.
extern "C" const nnc_model_image nnc_train_step;
extern "C" const nnc_model_image nnc_compiled_model;

int main(int argc, char **argv) {
  return nnc_train_main(&nnc_train_step, &nnc_compiled_model, argc, argv);
}

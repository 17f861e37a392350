/*===- runtime/examples/embed_model.c - Running a model from C ------------===*
 *
 * How a C program embeds a model compiled by `nnc compile` as a shared
 * library, using only nnc/runtime.h:
 *
 *   embed_model MODEL.so [NAME=FILE.npy]...
 *
 * loads the model, reads each input from its .npy file, runs the model and
 * prints every output's name, dtype, shape and values. On any failure it
 * prints nnc_last_error() and exits with status 1 (2 for bad usage).
 *===----------------------------------------------------------------------===*/

#include "nnc/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints one element of `tensor`. */
static void print_value(const nnc_tensor *tensor, int64_t i) {
  switch (tensor->dtype) {
  case NNC_F32:
    printf("%g", ((const float *)tensor->data)[i]);
    break;
  case NNC_F64:
    printf("%g", ((const double *)tensor->data)[i]);
    break;
  case NNC_I1:
  case NNC_I8:
    printf("%d", ((const int8_t *)tensor->data)[i]);
    break;
  case NNC_I32:
    printf("%d", ((const int32_t *)tensor->data)[i]);
    break;
  case NNC_I64:
    printf("%lld", (long long)((const int64_t *)tensor->data)[i]);
    break;
  }
}

/* Prints `NAME: DTYPE SHAPE` and then every value on one line. */
static void print_tensor(const char *name, const nnc_tensor *tensor) {
  int32_t d;
  int64_t i, count = nnc_tensor_numel(tensor);
  printf("%s: %s ", name, nnc_dtype_name(tensor->dtype));
  if (tensor->rank == 0)
    printf("scalar");
  for (d = 0; d < tensor->rank; ++d)
    printf("%s%lld", d > 0 ? "x" : "", (long long)tensor->shape[d]);
  printf("\n");
  for (i = 0; i < count; ++i) {
    if (i > 0)
      printf(" ");
    print_value(tensor, i);
  }
  printf("\n");
}

/* The FILE of the `NAME=FILE` argument for input `name`, or NULL. */
static const char *input_file(int argc, char **argv, const char *name) {
  size_t length = strlen(name);
  int i;
  for (i = 2; i < argc; ++i)
    if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=')
      return argv[i] + length + 1;
  return NULL;
}

int main(int argc, char **argv) {
  nnc_model *model = NULL;
  nnc_tensor *inputs = NULL, *outputs = NULL;
  size_t num_inputs = 0, num_outputs = 0, i;
  int status = 1;

  if (argc < 2) {
    fprintf(stderr, "usage: %s MODEL.so [NAME=FILE.npy]...\n", argv[0]);
    return 2;
  }
  if (nnc_model_load(argv[1], NULL, &model) != NNC_OK)
    goto failed;

  num_inputs = nnc_model_num_inputs(model);
  num_outputs = nnc_model_num_outputs(model);
  inputs = calloc(num_inputs + 1, sizeof(nnc_tensor));
  outputs = calloc(num_outputs + 1, sizeof(nnc_tensor));
  if (!inputs || !outputs) {
    fprintf(stderr, "error: out of memory\n");
    goto done;
  }
  for (i = 0; i < num_inputs; ++i) {
    nnc_tensor_info info;
    const char *file;
    nnc_model_input_info(model, i, &info);
    file = input_file(argc, argv, info.name);
    if (!file) {
      fprintf(stderr, "error: missing input %s=FILE.npy\n", info.name);
      goto done;
    }
    if (nnc_npy_read(file, &inputs[i]) != NNC_OK)
      goto failed;
  }

  /* Outputs left with NULL data are allocated by the runtime. */
  if (nnc_model_run(model, inputs, num_inputs, outputs, num_outputs) !=
      NNC_OK)
    goto failed;
  for (i = 0; i < num_outputs; ++i) {
    nnc_tensor_info info;
    nnc_model_output_info(model, i, &info);
    print_tensor(info.name, &outputs[i]);
  }
  status = 0;
  goto done;

failed:
  fprintf(stderr, "error: %s\n", nnc_last_error());
done:
  for (i = 0; inputs && i < num_inputs; ++i)
    nnc_tensor_release(&inputs[i]);
  for (i = 0; outputs && i < num_outputs; ++i)
    nnc_tensor_release(&outputs[i]);
  free(inputs);
  free(outputs);
  nnc_model_free(model);
  return status;
}

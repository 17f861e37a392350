/*===- runtime/examples/train_model.c - Training a model from C -----------===*
 *
 * How a C program trains a model compiled by `nnc compile --train
 * --emit=lib`, using only nnc/runtime.h:
 *
 *   train_model LIBRARY.so X.npy Y.npy STEPS OUT.safetensors
 *
 * loads the trainer, takes STEPS optimizer steps on the batches of (X, Y) in
 * file order (wrapping around), printing each loss, then classifies the
 * first batch with the trained inference model and saves the trained
 * weights. The train step takes two inputs: examples and integer labels. On
 * any failure it prints nnc_last_error() and exits with status 1 (2 for bad
 * usage).
 *===----------------------------------------------------------------------===*/

#include "nnc/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Points `batch` at batch `index` of `data` (examples on the first axis):
 * no copy, as the batches of an array are contiguous. */
static void view_batch(const nnc_tensor *data, const nnc_tensor_info *input,
                       int64_t index, nnc_tensor *batch) {
  size_t row = nnc_tensor_nbytes(data) / (size_t)data->shape[0];
  int32_t d;
  batch->dtype = input->dtype;
  batch->rank = input->rank;
  for (d = 0; d < input->rank; ++d)
    batch->shape[d] = input->shape[d];
  batch->data = (char *)data->data + (size_t)(index * input->shape[0]) * row;
}

int main(int argc, char **argv) {
  nnc_trainer *trainer = NULL;
  nnc_model *forward = NULL;
  nnc_tensor data[2] = {{0}, {0}}, batch[2], logits = {0};
  nnc_tensor_info inputs[2];
  int64_t batches, step, steps, row, col;
  int status = 1;

  if (argc != 6 || (steps = atoll(argv[4])) < 1) {
    fprintf(stderr,
            "usage: %s LIBRARY.so X.npy Y.npy STEPS OUT.safetensors\n",
            argv[0]);
    return 2;
  }
  if (nnc_trainer_load(argv[1], NULL, &trainer) != NNC_OK ||
      nnc_npy_read(argv[2], &data[0]) != NNC_OK ||
      nnc_npy_read(argv[3], &data[1]) != NNC_OK)
    goto failed;
  if (nnc_trainer_num_inputs(trainer) != 2) {
    fprintf(stderr, "the train step must take examples and labels\n");
    goto done;
  }
  nnc_trainer_input_info(trainer, 0, &inputs[0]);
  nnc_trainer_input_info(trainer, 1, &inputs[1]);
  batches = data[0].shape[0] / inputs[0].shape[0];
  if (batches < 1) {
    fprintf(stderr, "fewer examples than one batch\n");
    goto done;
  }

  for (step = 0; step < steps; ++step) {
    double loss;
    view_batch(&data[0], &inputs[0], step % batches, &batch[0]);
    view_batch(&data[1], &inputs[1], step % batches, &batch[1]);
    if (nnc_trainer_step(trainer, batch, 2, &loss) != NNC_OK)
      goto failed;
    printf("step %lld loss %.6f\n", (long long)(step + 1), loss);
  }

  /* The inference model sees the trained params. */
  if (nnc_trainer_forward(trainer, &forward) != NNC_OK)
    goto failed;
  view_batch(&data[0], &inputs[0], 0, &batch[0]);
  if (nnc_model_run(forward, batch, 1, &logits, 1) != NNC_OK)
    goto failed;
  printf("predicted:");
  for (row = 0; logits.rank == 2 && row < logits.shape[0]; ++row) {
    const float *scores = (const float *)logits.data + row * logits.shape[1];
    int64_t best = 0;
    for (col = 1; col < logits.shape[1]; ++col)
      if (scores[col] > scores[best])
        best = col;
    printf(" %lld", (long long)best);
  }
  printf("\n");

  if (nnc_trainer_save(trainer, argv[5]) != NNC_OK)
    goto failed;
  status = 0;
  goto done;

failed:
  fprintf(stderr, "error: %s\n", nnc_last_error());
done:
  nnc_tensor_release(&logits);
  nnc_tensor_release(&data[0]);
  nnc_tensor_release(&data[1]);
  nnc_trainer_free(trainer);
  return status;
}

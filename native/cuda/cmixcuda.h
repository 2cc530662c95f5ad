/*
 * cmixcuda.h - flat C ABI of the optional CUDA mixer of CMix.
 *
 * A mixer object holds `lanes` independent mixers (one per stream, e.g. the blocks of a -T
 * archive), each with `sets` weight sets of `inputs` int16 weights, resident on the GPU.
 * Every call computes exactly what CMix.Mixing.ScalarMixerKernel computes:
 *
 *   dot[l]  = sum over pairs i = 0,2,4..: (x[i]*w[i] + x[i+1]*w[i+1]) >> 8      (int32, wrapping)
 *   train:   w[i] = sat16(w[i] + ((sat16(((sat16(2*x[i])) * err) >> 16) + 1) >> 1))
 *
 * where w is weight set sel[l] of lane l. Integer sums are order-free, so the parallel
 * reduction on the GPU gives the same int32 as the scalar loop.
 *
 * Call order per bit: cmix_cuda_predict (or cmix_cuda_train_predict), then, after the bit,
 * cmix_cuda_train with one error per lane. cmix_cuda_train_predict fuses the training of the
 * previous bit with the prediction of the next in one upload, one launch and one download.
 *
 * Return codes: 0 success; CMIX_CUDA_E_ARG bad argument; CMIX_CUDA_E_CUDA a CUDA error;
 * CMIX_CUDA_E_STATE call out of order. On failure cmix_cuda_last_error() returns a message
 * (thread-local, valid until the next call on the same thread).
 *
 * Threads: one mixer must not be used by two threads at once; distinct mixers may be.
 */
#ifndef CMIXCUDA_H
#define CMIXCUDA_H

#include <stdint.h>

#if defined(_WIN32)
#  define CMIX_CUDA_API __declspec(dllexport)
#else
#  define CMIX_CUDA_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a signature or a semantic of this header changes. */
#define CMIX_CUDA_ABI_VERSION 2

#define CMIX_CUDA_OK 0
#define CMIX_CUDA_E_ARG (-1)
#define CMIX_CUDA_E_CUDA (-2)
#define CMIX_CUDA_E_STATE (-3)

/* Inputs per lane must be a multiple of this (one AVX2 vector of int16, as the CPU mixer). */
#define CMIX_CUDA_ALIGN 16

typedef struct cmix_cuda_mixer cmix_cuda_mixer;

/* CMIX_CUDA_ABI_VERSION of the built library. */
CMIX_CUDA_API int cmix_cuda_abi_version(void);

/* Last error message of this thread ("" if none). Never NULL. */
CMIX_CUDA_API const char* cmix_cuda_last_error(void);

/* Number of CUDA devices (0 when none or no driver; then last_error says why). */
CMIX_CUDA_API int cmix_cuda_device_count(void);

/* Writes the device's name, NUL-terminated, into buf[0..cap). Returns a code. */
CMIX_CUDA_API int cmix_cuda_device_name(int device, char* buf, int cap);

/* Creates a mixer on `device`; weights start at zero. NULL on failure (see last_error).
 * lanes >= 1, inputs >= 16 and a multiple of 16, sets >= 1, lanes*sets*inputs < 2^31. */
CMIX_CUDA_API cmix_cuda_mixer* cmix_cuda_create(int device, int lanes, int inputs, int sets);

/* Frees the mixer; NULL is ignored. */
CMIX_CUDA_API void cmix_cuda_destroy(cmix_cuda_mixer* m);

/* Copies all weights in (count = lanes*sets*inputs; layout [lane][set][input]). */
CMIX_CUDA_API int cmix_cuda_set_weights(cmix_cuda_mixer* m, const int16_t* w, int64_t count);

/* Copies all weights out (same layout and count). */
CMIX_CUDA_API int cmix_cuda_get_weights(cmix_cuda_mixer* m, int16_t* w, int64_t count);

/* x: lanes*inputs int16 ([lane][input]); sel: lanes weight-set indices in [0, sets);
 * dot: lanes int32 out. Remembers x and sel for the next train. */
CMIX_CUDA_API int cmix_cuda_predict(cmix_cuda_mixer* m, const int16_t* x, const int32_t* sel, int32_t* dot);

/* Trains the weight sets chosen by the last predict on its inputs; err: lanes values in
 * [-32767, 32767]. */
CMIX_CUDA_API int cmix_cuda_train(cmix_cuda_mixer* m, const int32_t* err);

/* A pinned host buffer of lanes*inputs int16 owned by the mixer (valid until destroy). Fill it
 * in place and pass it as `x` to predict / train_predict: the call then skips one host copy and
 * uploads straight from it. Its contents stay as written; it may be refilled after each call. */
CMIX_CUDA_API int16_t* cmix_cuda_input_buffer(cmix_cuda_mixer* m);

/* cmix_cuda_train(err) then cmix_cuda_predict(x, sel, dot), in one round trip. */
CMIX_CUDA_API int cmix_cuda_train_predict(cmix_cuda_mixer* m, const int32_t* err,
                                          const int16_t* x, const int32_t* sel, int32_t* dot);

/* Single-vector calls behind CMix.Mixing.Gpu.CudaMixerKernel (ABI 2). They prove that an archive
 * made with the GPU equals the CPU one; they are NOT fast (one synchronous round trip each).
 * `m` is only scratch space: create it with lanes = 1, sets = 1 and inputs >= n. A call
 * overwrites its weights and forgets any pending predict. n: a positive multiple of 16.
 *
 * cmix_cuda_dot:       *dot = ScalarMixerKernel.DotProduct(x, w, n)
 * cmix_cuda_train_one: ScalarMixerKernel.Train(x, w, n, err); w (host memory) is updated in place */
CMIX_CUDA_API int cmix_cuda_dot(cmix_cuda_mixer* m, const int16_t* x, const int16_t* w, int n, int32_t* dot);
CMIX_CUDA_API int cmix_cuda_train_one(cmix_cuda_mixer* m, const int16_t* x, int16_t* w, int n, int32_t err);

#ifdef __cplusplus
}
#endif

#endif /* CMIXCUDA_H */

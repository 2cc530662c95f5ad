// cmixcuda.cu - the CUDA mixer behind cmixcuda.h. See that header for the contract.
//
// Layout: one warp per lane. Each thread owns fixed 8-input chunks of its lane (chunk c is
// owned by thread c mod 32), reads them as 16-byte vectors, and in a fused train+predict
// call trains and then predicts the same chunks, so no thread ever reads a weight another
// thread wrote in the same launch. The dot product is reduced with warp shuffles on uint32:
// integer addition wraps and is order-free, so the result equals the scalar loop's.

#include "cmixcuda.h"

#include <cuda_runtime.h>

#include <cstdio>
#include <cstring>
#include <new>

namespace {

thread_local char g_last_error[512] = "";

void set_error(const char* what) {
    std::snprintf(g_last_error, sizeof g_last_error, "%s", what);
}

int fail_cuda(const char* where, cudaError_t e) {
    std::snprintf(g_last_error, sizeof g_last_error, "%s: %s (%s)", where,
                  cudaGetErrorString(e), cudaGetErrorName(e));
    return CMIX_CUDA_E_CUDA;
}

int fail_arg(const char* what) {
    set_error(what);
    return CMIX_CUDA_E_ARG;
}

constexpr int kWarpsPerBlock = 8;
constexpr int kChunk = 8;  // int16 per 16-byte vector

__device__ __forceinline__ int sat16(int v) {
    return v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
}

// ScalarMixerKernel.DotProduct for one pair: pmaddwd (wrapping int32) then psrad 8.
__device__ __forceinline__ unsigned pair_term(int x0, int w0, int x1, int w1) {
    unsigned s = static_cast<unsigned>(x0 * w0) + static_cast<unsigned>(x1 * w1);
    return static_cast<unsigned>(static_cast<int>(s) >> 8);
}

// ScalarMixerKernel.Train for one weight: paddsw x,x; pmulhw err; paddsw 1; psraw 1; paddsw.
__device__ __forceinline__ short train_one(int x, int w, int err) {
    int x2 = sat16(x + x);
    int d = sat16(((x2 * err) >> 16) + 1) >> 1;
    return static_cast<short>(sat16(w + d));
}

union Vec8 {
    int4 v;
    short s[kChunk];
};

// One launch: optionally train the sets chosen at the previous predict (x_old, sel_old, err),
// then optionally predict with x_new/sel_new into dot.
__global__ void __launch_bounds__(kWarpsPerBlock * 32)
step_kernel(short* __restrict__ w, int lanes, int n, int sets,
            const short* __restrict__ x_old, const int* __restrict__ sel_old, const int* __restrict__ err,
            const short* __restrict__ x_new, const int* __restrict__ sel_new, int* __restrict__ dot,
            int do_train, int do_predict) {
    const int lane = blockIdx.x * kWarpsPerBlock + (threadIdx.x >> 5);
    const int t = threadIdx.x & 31;
    if (lane >= lanes) return;  // whole warps exit together: lanes map to warps
    const int chunks = n / kChunk;

    if (do_train) {
        const int e = err[lane];
        int4* wv = reinterpret_cast<int4*>(w + (static_cast<long long>(lane) * sets + sel_old[lane]) * n);
        const int4* xv = reinterpret_cast<const int4*>(x_old + static_cast<long long>(lane) * n);
        for (int c = t; c < chunks; c += 32) {
            Vec8 xs, ws;
            xs.v = xv[c];
            ws.v = wv[c];
#pragma unroll
            for (int k = 0; k < kChunk; k++) ws.s[k] = train_one(xs.s[k], ws.s[k], e);
            wv[c] = ws.v;
        }
    }

    if (do_predict) {
        const int4* wv = reinterpret_cast<const int4*>(w + (static_cast<long long>(lane) * sets + sel_new[lane]) * n);
        const int4* xv = reinterpret_cast<const int4*>(x_new + static_cast<long long>(lane) * n);
        unsigned sum = 0;
        for (int c = t; c < chunks; c += 32) {
            Vec8 xs, ws;
            xs.v = xv[c];
            ws.v = wv[c];
#pragma unroll
            for (int k = 0; k < kChunk; k += 2) sum += pair_term(xs.s[k], ws.s[k], xs.s[k + 1], ws.s[k + 1]);
        }
#pragma unroll
        for (int off = 16; off > 0; off >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, off);
        if (t == 0) dot[lane] = static_cast<int>(sum);
    }
}

}  // namespace

// One upload region per parity: [x: lanes*n int16][sel: lanes int32][err: lanes int32].
struct cmix_cuda_mixer {
    int device;
    int lanes, n, sets;
    size_t x_bytes, region_bytes;
    cudaStream_t stream;
    short* d_w;
    unsigned char* d_region[2];
    int* d_dot;
    unsigned char* h_stage;  // pinned, one region
    int* h_dot;              // pinned
    int cur;                 // parity holding the x/sel of the last predict
    bool pending;            // a predict awaits its train
};

namespace {

short* region_x(unsigned char* r) { return reinterpret_cast<short*>(r); }
int* region_sel(const cmix_cuda_mixer* m, unsigned char* r) { return reinterpret_cast<int*>(r + m->x_bytes); }
int* region_err(const cmix_cuda_mixer* m, unsigned char* r) {
    return reinterpret_cast<int*>(r + m->x_bytes) + m->lanes;
}

int check_sel(const cmix_cuda_mixer* m, const int32_t* sel) {
    for (int l = 0; l < m->lanes; l++) {
        if (sel[l] < 0 || sel[l] >= m->sets) {
            std::snprintf(g_last_error, sizeof g_last_error, "sel[%d] = %d is outside [0, %d)", l, sel[l], m->sets);
            return CMIX_CUDA_E_ARG;
        }
    }
    return CMIX_CUDA_OK;
}

void free_all(cmix_cuda_mixer* m) {
    cudaSetDevice(m->device);
    if (m->d_w) cudaFree(m->d_w);
    for (auto* r : m->d_region) if (r) cudaFree(r);
    if (m->d_dot) cudaFree(m->d_dot);
    if (m->h_stage) cudaFreeHost(m->h_stage);
    if (m->h_dot) cudaFreeHost(m->h_dot);
    if (m->stream) cudaStreamDestroy(m->stream);
    delete m;
}

// Stage (x, sel, err as given), upload into parity p, launch, download dots if predicting.
int run_step(cmix_cuda_mixer* m, const int32_t* err, const int16_t* x, const int32_t* sel, int32_t* dot) {
    cudaError_t e = cudaSetDevice(m->device);
    if (e != cudaSuccess) return fail_cuda("cudaSetDevice", e);
    const bool train = err != nullptr, predict = x != nullptr;
    const int nxt = predict ? m->cur ^ 1 : m->cur;
    unsigned char* d = m->d_region[nxt];
    size_t off = 0, len = 0;
    if (predict) {
        if (reinterpret_cast<const unsigned char*>(x) != m->h_stage) std::memcpy(m->h_stage, x, m->x_bytes);
        std::memcpy(m->h_stage + m->x_bytes, sel, sizeof(int) * m->lanes);
        len = m->x_bytes + sizeof(int) * m->lanes;
    } else {
        off = m->x_bytes + sizeof(int) * m->lanes;
    }
    if (train) {
        std::memcpy(m->h_stage + m->x_bytes + sizeof(int) * m->lanes, err, sizeof(int) * m->lanes);
        len = m->x_bytes + 2 * sizeof(int) * m->lanes - off;
    }
    e = cudaMemcpyAsync(d + off, m->h_stage + off, len, cudaMemcpyHostToDevice, m->stream);
    if (e != cudaSuccess) return fail_cuda("upload", e);
    unsigned char* old = m->d_region[m->cur];
    const int blocks = (m->lanes + kWarpsPerBlock - 1) / kWarpsPerBlock;
    step_kernel<<<blocks, kWarpsPerBlock * 32, 0, m->stream>>>(
        m->d_w, m->lanes, m->n, m->sets,
        region_x(old), region_sel(m, old), region_err(m, d),
        region_x(d), region_sel(m, d), m->d_dot, train ? 1 : 0, predict ? 1 : 0);
    e = cudaGetLastError();
    if (e != cudaSuccess) return fail_cuda("launch step_kernel", e);
    if (predict) {
        e = cudaMemcpyAsync(m->h_dot, m->d_dot, sizeof(int) * m->lanes, cudaMemcpyDeviceToHost, m->stream);
        if (e != cudaSuccess) return fail_cuda("download", e);
    }
    e = cudaStreamSynchronize(m->stream);
    if (e != cudaSuccess) return fail_cuda("cudaStreamSynchronize", e);
    if (predict) {
        std::memcpy(dot, m->h_dot, sizeof(int) * m->lanes);
        m->cur = nxt;
    }
    m->pending = predict;
    return CMIX_CUDA_OK;
}

}  // namespace

extern "C" {

CMIX_CUDA_API int cmix_cuda_abi_version(void) { return CMIX_CUDA_ABI_VERSION; }

CMIX_CUDA_API const char* cmix_cuda_last_error(void) { return g_last_error; }

CMIX_CUDA_API int cmix_cuda_device_count(void) {
    int count = 0;
    cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
        fail_cuda("cudaGetDeviceCount", e);
        return 0;
    }
    if (count == 0) set_error("no CUDA device");
    return count;
}

CMIX_CUDA_API int cmix_cuda_device_name(int device, char* buf, int cap) {
    if (buf == nullptr || cap <= 0) return fail_arg("device_name: buf is NULL or cap <= 0");
    cudaDeviceProp prop;
    cudaError_t e = cudaGetDeviceProperties(&prop, device);
    if (e != cudaSuccess) return fail_cuda("cudaGetDeviceProperties", e);
    std::snprintf(buf, static_cast<size_t>(cap), "%s (sm_%d%d, %d SMs, %zu MiB)", prop.name, prop.major,
                  prop.minor, prop.multiProcessorCount, prop.totalGlobalMem >> 20);
    return CMIX_CUDA_OK;
}

CMIX_CUDA_API cmix_cuda_mixer* cmix_cuda_create(int device, int lanes, int inputs, int sets) {
    if (lanes < 1 || sets < 1 || inputs < CMIX_CUDA_ALIGN || inputs % CMIX_CUDA_ALIGN != 0) {
        std::snprintf(g_last_error, sizeof g_last_error,
                      "create: need lanes >= 1, sets >= 1, inputs a positive multiple of %d (got %d, %d, %d)",
                      CMIX_CUDA_ALIGN, lanes, sets, inputs);
        return nullptr;
    }
    if (static_cast<long long>(lanes) * sets * inputs >= (1LL << 31)) {
        set_error("create: lanes*sets*inputs must be below 2^31");
        return nullptr;
    }
    cudaError_t e = cudaSetDevice(device);
    if (e != cudaSuccess) {
        fail_cuda("cudaSetDevice", e);
        return nullptr;
    }
    auto* m = new (std::nothrow) cmix_cuda_mixer{};
    if (m == nullptr) {
        set_error("create: out of host memory");
        return nullptr;
    }
    m->device = device;
    m->lanes = lanes;
    m->n = inputs;
    m->sets = sets;
    m->x_bytes = sizeof(short) * static_cast<size_t>(lanes) * inputs;  // multiple of 32 bytes
    m->region_bytes = m->x_bytes + 2 * sizeof(int) * static_cast<size_t>(lanes);
    const size_t w_bytes = sizeof(short) * static_cast<size_t>(lanes) * sets * inputs;
    const char* where = "cudaStreamCreate";
    if ((e = cudaStreamCreateWithFlags(&m->stream, cudaStreamNonBlocking)) == cudaSuccess &&
        (where = "cudaMalloc weights", e = cudaMalloc(&m->d_w, w_bytes)) == cudaSuccess &&
        (where = "cudaMalloc inputs", e = cudaMalloc(&m->d_region[0], m->region_bytes)) == cudaSuccess &&
        (e = cudaMalloc(&m->d_region[1], m->region_bytes)) == cudaSuccess &&
        (where = "cudaMalloc dots", e = cudaMalloc(&m->d_dot, sizeof(int) * lanes)) == cudaSuccess &&
        (where = "cudaMallocHost", e = cudaMallocHost(&m->h_stage, m->region_bytes)) == cudaSuccess &&
        (e = cudaMallocHost(&m->h_dot, sizeof(int) * lanes)) == cudaSuccess &&
        (where = "cudaMemset", e = cudaMemset(m->d_w, 0, w_bytes)) == cudaSuccess &&
        (e = cudaMemset(m->d_region[0], 0, m->region_bytes)) == cudaSuccess &&
        (e = cudaMemset(m->d_region[1], 0, m->region_bytes)) == cudaSuccess &&
        (where = "cudaDeviceSynchronize", e = cudaDeviceSynchronize()) == cudaSuccess) {
        return m;
    }
    fail_cuda(where, e);
    free_all(m);
    return nullptr;
}

CMIX_CUDA_API void cmix_cuda_destroy(cmix_cuda_mixer* m) {
    if (m != nullptr) free_all(m);
}

CMIX_CUDA_API int16_t* cmix_cuda_input_buffer(cmix_cuda_mixer* m) {
    if (m == nullptr) {
        set_error("input_buffer: NULL mixer");
        return nullptr;
    }
    return reinterpret_cast<int16_t*>(m->h_stage);
}

CMIX_CUDA_API int cmix_cuda_set_weights(cmix_cuda_mixer* m, const int16_t* w, int64_t count) {
    if (m == nullptr || w == nullptr) return fail_arg("set_weights: NULL argument");
    if (count != static_cast<int64_t>(m->lanes) * m->sets * m->n) return fail_arg("set_weights: count != lanes*sets*inputs");
    cudaError_t e = cudaSetDevice(m->device);
    if (e == cudaSuccess) e = cudaMemcpy(m->d_w, w, sizeof(short) * static_cast<size_t>(count), cudaMemcpyHostToDevice);
    return e == cudaSuccess ? CMIX_CUDA_OK : fail_cuda("set_weights", e);
}

CMIX_CUDA_API int cmix_cuda_get_weights(cmix_cuda_mixer* m, int16_t* w, int64_t count) {
    if (m == nullptr || w == nullptr) return fail_arg("get_weights: NULL argument");
    if (count != static_cast<int64_t>(m->lanes) * m->sets * m->n) return fail_arg("get_weights: count != lanes*sets*inputs");
    cudaError_t e = cudaSetDevice(m->device);
    if (e == cudaSuccess) e = cudaMemcpy(w, m->d_w, sizeof(short) * static_cast<size_t>(count), cudaMemcpyDeviceToHost);
    return e == cudaSuccess ? CMIX_CUDA_OK : fail_cuda("get_weights", e);
}

CMIX_CUDA_API int cmix_cuda_predict(cmix_cuda_mixer* m, const int16_t* x, const int32_t* sel, int32_t* dot) {
    if (m == nullptr || x == nullptr || sel == nullptr || dot == nullptr) return fail_arg("predict: NULL argument");
    int rc = check_sel(m, sel);
    return rc != CMIX_CUDA_OK ? rc : run_step(m, nullptr, x, sel, dot);
}

CMIX_CUDA_API int cmix_cuda_train(cmix_cuda_mixer* m, const int32_t* err) {
    if (m == nullptr || err == nullptr) return fail_arg("train: NULL argument");
    if (!m->pending) {
        set_error("train: no predict since the last train");
        return CMIX_CUDA_E_STATE;
    }
    return run_step(m, err, nullptr, nullptr, nullptr);
}

CMIX_CUDA_API int cmix_cuda_train_predict(cmix_cuda_mixer* m, const int32_t* err, const int16_t* x,
                                          const int32_t* sel, int32_t* dot) {
    if (m == nullptr || err == nullptr || x == nullptr || sel == nullptr || dot == nullptr)
        return fail_arg("train_predict: NULL argument");
    if (!m->pending) {
        set_error("train_predict: no predict since the last train");
        return CMIX_CUDA_E_STATE;
    }
    int rc = check_sel(m, sel);
    return rc != CMIX_CUDA_OK ? rc : run_step(m, err, x, sel, dot);
}

// Single-vector path: stage [x | sel = 0 | err] in the pinned buffer, upload it and w, one
// launch of the same kernel with lanes = 1, then download the dot or the trained weights.
static int single_step(cmix_cuda_mixer* m, const int16_t* x, int16_t* w, int n, int32_t err, int32_t* dot) {
    if (m == nullptr || x == nullptr || w == nullptr) return fail_arg("dot/train_one: NULL argument");
    if (m->lanes != 1 || m->sets != 1) return fail_arg("dot/train_one: the mixer must have 1 lane and 1 set");
    if (n < CMIX_CUDA_ALIGN || n % CMIX_CUDA_ALIGN != 0 || n > m->n) {
        std::snprintf(g_last_error, sizeof g_last_error, "dot/train_one: n = %d must be a positive multiple of %d and <= %d",
                      n, CMIX_CUDA_ALIGN, m->n);
        return CMIX_CUDA_E_ARG;
    }
    cudaError_t e = cudaSetDevice(m->device);
    if (e != cudaSuccess) return fail_cuda("cudaSetDevice", e);
    const bool predict = dot != nullptr;
    m->pending = false;
    std::memcpy(m->h_stage, x, sizeof(short) * static_cast<size_t>(n));
    int* sel_err = reinterpret_cast<int*>(m->h_stage + m->x_bytes);
    sel_err[0] = 0;
    sel_err[1] = err;
    unsigned char* d = m->d_region[0];
    const size_t wb = sizeof(short) * static_cast<size_t>(n);
    if ((e = cudaMemcpyAsync(d, m->h_stage, m->region_bytes, cudaMemcpyHostToDevice, m->stream)) != cudaSuccess)
        return fail_cuda("upload x", e);
    if ((e = cudaMemcpyAsync(m->d_w, w, wb, cudaMemcpyHostToDevice, m->stream)) != cudaSuccess)
        return fail_cuda("upload w", e);
    step_kernel<<<1, 32, 0, m->stream>>>(
        m->d_w, 1, n, 1, region_x(d), region_sel(m, d), region_err(m, d),
        region_x(d), region_sel(m, d), m->d_dot, predict ? 0 : 1, predict ? 1 : 0);
    if ((e = cudaGetLastError()) != cudaSuccess) return fail_cuda("launch step_kernel", e);
    e = predict ? cudaMemcpyAsync(m->h_dot, m->d_dot, sizeof(int), cudaMemcpyDeviceToHost, m->stream)
                : cudaMemcpyAsync(w, m->d_w, wb, cudaMemcpyDeviceToHost, m->stream);
    if (e != cudaSuccess) return fail_cuda("download", e);
    if ((e = cudaStreamSynchronize(m->stream)) != cudaSuccess) return fail_cuda("cudaStreamSynchronize", e);
    if (predict) *dot = m->h_dot[0];
    return CMIX_CUDA_OK;
}

CMIX_CUDA_API int cmix_cuda_dot(cmix_cuda_mixer* m, const int16_t* x, const int16_t* w, int n, int32_t* dot) {
    if (dot == nullptr) return fail_arg("dot: NULL argument");
    return single_step(m, x, const_cast<int16_t*>(w), n, 0, dot);
}

CMIX_CUDA_API int cmix_cuda_train_one(cmix_cuda_mixer* m, const int16_t* x, int16_t* w, int n, int32_t err) {
    return single_step(m, x, w, n, err, nullptr);
}

}  // extern "C"

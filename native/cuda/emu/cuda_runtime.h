// CPU emulation of the bits of the CUDA runtime that cmixcuda.cu uses: each warp runs as 32
// std::threads so warp shuffles work. For validating the kernel logic without a GPU.
#pragma once
#include <barrier>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>
#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(x)
struct int4 { int x, y, z, w; };
struct uint3e { unsigned x; };
inline thread_local uint3e threadIdx, blockIdx;
struct WarpCtx { std::barrier<>* bar; unsigned* slots; };
inline thread_local WarpCtx g_warp;
inline unsigned __shfl_xor_sync(unsigned, unsigned v, int off) {
    unsigned t = threadIdx.x & 31;
    g_warp.slots[t] = v; g_warp.bar->arrive_and_wait();
    unsigned r = g_warp.slots[t ^ off]; g_warp.bar->arrive_and_wait();
    return r;
}
template <class F, class... A>
void emu_launch(int blocks, int threads, F f, A... a) {
    for (int b = 0; b < blocks; b++)
        for (int w0 = 0; w0 < threads; w0 += 32) {
            std::barrier<> bar(32); unsigned slots[32];
            std::vector<std::thread> ts;
            for (int t = 0; t < 32; t++)
                ts.emplace_back([&, t] { blockIdx.x = b; threadIdx.x = w0 + t; g_warp = {&bar, slots}; f(a...); });
            // a warp that returns early must not strand the others: all-or-nothing exit holds here
            for (auto& th : ts) th.join();
        }
}
typedef int cudaError_t; enum { cudaSuccess = 0 };
typedef struct CUstream_st* cudaStream_t;
enum cudaMemcpyKind { cudaMemcpyHostToDevice, cudaMemcpyDeviceToHost };
struct cudaDeviceProp { char name[256]; int major, minor, multiProcessorCount; size_t totalGlobalMem; };
#define cudaStreamNonBlocking 1
inline const char* cudaGetErrorString(cudaError_t) { return "emu error"; }
inline const char* cudaGetErrorName(cudaError_t) { return "cudaErrorEmu"; }
inline cudaError_t cudaSetDevice(int) { return 0; }
inline cudaError_t cudaFree(void* p) { std::free(p); return 0; }
inline cudaError_t cudaFreeHost(void* p) { std::free(p); return 0; }
inline cudaError_t cudaStreamDestroy(cudaStream_t) { return 0; }
inline cudaError_t cudaMemcpyAsync(void* d, const void* s, size_t n, cudaMemcpyKind, cudaStream_t) { std::memcpy(d, s, n); return 0; }
inline cudaError_t cudaMemcpy(void* d, const void* s, size_t n, cudaMemcpyKind) { std::memcpy(d, s, n); return 0; }
inline cudaError_t cudaGetLastError() { return 0; }
inline cudaError_t cudaStreamSynchronize(cudaStream_t) { return 0; }
inline cudaError_t cudaGetDeviceCount(int* c) { *c = 1; return 0; }
inline cudaError_t cudaGetDeviceProperties(cudaDeviceProp* p, int) { std::strcpy(p->name, "CPU emulation"); p->major = 0; p->minor = 0; p->multiProcessorCount = 1; p->totalGlobalMem = 1 << 30; return 0; }
inline cudaError_t cudaStreamCreateWithFlags(cudaStream_t* s, unsigned) { *s = nullptr; return 0; }
template <class T> cudaError_t cudaMalloc(T** p, size_t n) { *p = (T*)std::aligned_alloc(64, (n + 63) / 64 * 64); return *p ? 0 : 2; }
template <class T> cudaError_t cudaMallocHost(T** p, size_t n) { return cudaMalloc(p, n); }
inline cudaError_t cudaMemset(void* p, int v, size_t n) { std::memset(p, v, n); return 0; }
inline cudaError_t cudaDeviceSynchronize() { return 0; }

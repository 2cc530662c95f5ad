// smoke.cpp - a C++-only check of libcmixcuda against a copy of the scalar reference.
// Built by build.sh as cmixcuda_smoke; exit 0 when every batch matches, 1 on mismatch,
// 2 when no device or the library fails. Prints one line per check.
#include "cmixcuda.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace {

uint64_t g_state = 0x9E3779B97F4A7C15ull;
uint32_t next_u32() {  // xorshift64*
    g_state ^= g_state >> 12; g_state ^= g_state << 25; g_state ^= g_state >> 27;
    return static_cast<uint32_t>((g_state * 0x2545F4914F6CDD1Dull) >> 32);
}
int rnd(int lo, int hi) { return lo + static_cast<int>(next_u32() % static_cast<uint32_t>(hi - lo + 1)); }
int sat16(int v) { return v > 32767 ? 32767 : v < -32768 ? -32768 : v; }

int ref_dot(const int16_t* x, const int16_t* w, int n) {
    uint32_t s = 0;
    for (int i = 0; i < n; i += 2)
        s += static_cast<uint32_t>(static_cast<int>(static_cast<uint32_t>(x[i] * w[i]) + static_cast<uint32_t>(x[i + 1] * w[i + 1])) >> 8);
    return static_cast<int>(s);
}
void ref_train(const int16_t* x, int16_t* w, int n, int err) {
    for (int i = 0; i < n; i++) {
        int x2 = sat16(x[i] + x[i]);
        int d = sat16(((x2 * err) >> 16) + 1) >> 1;
        w[i] = static_cast<int16_t>(sat16(w[i] + d));
    }
}

bool check(int lanes, int n, int sets, int steps) {
    cmix_cuda_mixer* m = cmix_cuda_create(0, lanes, n, sets);
    if (!m) { std::printf("create failed: %s\n", cmix_cuda_last_error()); return false; }
    std::vector<int16_t> w(static_cast<size_t>(lanes) * sets * n), wg(w.size()), x(static_cast<size_t>(lanes) * n);
    std::vector<int32_t> sel(lanes), err(lanes), dot(lanes), psel(lanes);
    for (auto& v : w) v = static_cast<int16_t>(rnd(-32768, 32767));
    cmix_cuda_set_weights(m, w.data(), static_cast<int64_t>(w.size()));
    std::vector<int16_t> px(x.size());
    bool ok = true;
    for (int s = 0; s < steps && ok; s++) {
        for (auto& v : x) v = static_cast<int16_t>(s % 3 == 0 ? rnd(-32768, 32767) : rnd(-2047, 2047));
        for (auto& v : sel) v = rnd(0, sets - 1);
        for (auto& v : err) v = rnd(-32767, 32767);
        const int16_t* xin = x.data();
        if (s % 2 == 1) {  // every other step through the pinned input buffer, filled in place
            int16_t* buf = cmix_cuda_input_buffer(m);
            std::copy(x.begin(), x.end(), buf);
            xin = buf;
        }
        int rc = s == 0 ? cmix_cuda_predict(m, xin, sel.data(), dot.data())
                        : cmix_cuda_train_predict(m, err.data(), xin, sel.data(), dot.data());
        if (rc != 0) { std::printf("step failed: %s\n", cmix_cuda_last_error()); ok = false; break; }
        for (int l = 0; l < lanes; l++) {
            if (s > 0) ref_train(&px[static_cast<size_t>(l) * n], &w[(static_cast<size_t>(l) * sets + psel[l]) * n], n, err[l]);
            int r = ref_dot(&x[static_cast<size_t>(l) * n], &w[(static_cast<size_t>(l) * sets + sel[l]) * n], n);
            if (r != dot[l]) { std::printf("dot mismatch lanes=%d n=%d step %d lane %d: %d vs %d\n", lanes, n, s, l, dot[l], r); ok = false; break; }
        }
        px = x; psel = sel;
    }
    if (ok) {
        cmix_cuda_get_weights(m, wg.data(), static_cast<int64_t>(wg.size()));
        if (wg != w) { std::printf("weights differ after training (lanes=%d n=%d)\n", lanes, n); ok = false; }
    }
    cmix_cuda_destroy(m);
    std::printf("%s lanes=%d inputs=%d sets=%d steps=%d\n", ok ? "ok  " : "FAIL", lanes, n, sets, steps);
    return ok;
}

// ABI 2 single-vector calls: dot and train_one on host vectors, n <= inputs of the scratch mixer.
bool check_single(int cap, int steps) {
    cmix_cuda_mixer* m = cmix_cuda_create(0, 1, cap, 1);
    if (!m) { std::printf("create failed: %s\n", cmix_cuda_last_error()); return false; }
    bool ok = true;
    for (int s = 0; s < steps && ok; s++) {
        int n = 16 * rnd(1, cap / 16);
        std::vector<int16_t> x(n), w(n), wr;
        for (auto& v : x) v = static_cast<int16_t>(s % 3 == 0 ? rnd(-32768, 32767) : rnd(-2047, 2047));
        for (auto& v : w) v = static_cast<int16_t>(rnd(-32768, 32767));
        int err = s % 5 == 0 ? (s % 2 ? 32767 : -32767) : rnd(-32767, 32767);
        int32_t dot = 0;
        if (cmix_cuda_dot(m, x.data(), w.data(), n, &dot) != 0) { std::printf("dot failed: %s\n", cmix_cuda_last_error()); ok = false; break; }
        if (dot != ref_dot(x.data(), w.data(), n)) { std::printf("single dot mismatch n=%d step %d\n", n, s); ok = false; break; }
        wr = w;
        ref_train(x.data(), wr.data(), n, err);
        if (cmix_cuda_train_one(m, x.data(), w.data(), n, err) != 0) { std::printf("train_one failed: %s\n", cmix_cuda_last_error()); ok = false; break; }
        if (w != wr) { std::printf("single train mismatch n=%d step %d\n", n, s); ok = false; }
    }
    int16_t big[32] = {};
    int32_t d = 0;
    if (ok && cmix_cuda_dot(m, big, big, cap + 16, &d) != CMIX_CUDA_E_ARG) { std::printf("dot accepted n > inputs\n"); ok = false; }
    cmix_cuda_destroy(m);
    std::printf("%s single-vector dot/train_one cap=%d steps=%d\n", ok ? "ok  " : "FAIL", cap, steps);
    return ok;
}

}  // namespace

int main() {
    std::printf("abi %d, devices %d\n", cmix_cuda_abi_version(), cmix_cuda_device_count());
    char name[256];
    if (cmix_cuda_device_name(0, name, sizeof name) != 0) { std::printf("no device: %s\n", cmix_cuda_last_error()); return 2; }
    std::printf("device 0: %s\n", name);
    bool ok = true;
    const int shapes[][3] = {{1, 16, 1}, {3, 32, 2}, {17, 48, 3}, {64, 512, 4}, {300, 2048, 2}, {4096, 128, 4}};
    for (const auto& s : shapes) ok &= check(s[0], s[1], s[2], 12);
    ok &= check_single(1024, 40);
    return ok ? 0 : 1;
}

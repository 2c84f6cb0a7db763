#include "weight_format.h"

#include <algorithm>

#include "base/error.h"

namespace skipsim {

namespace {

// Bits of the rle stream's header: the entry count, so the lane knows where the filter ends.
std::uint32_t count_bits(std::uint32_t len) {
    std::uint32_t b = 1;
    while ((std::uint64_t{1} << b) <= len) ++b;
    return b;
}

std::uint32_t slices_of(const FormatSpec& f, std::uint32_t len) {
    return static_cast<std::uint32_t>(ceil_div(len, f.slice_len));
}

class BitWriter {
public:
    void put(std::uint64_t v, std::uint32_t bits) {
        for (std::uint32_t i = 0; i < bits; ++i, ++m_bit) {
            if (m_bit % 8 == 0) bytes.push_back(0);
            if ((v >> i) & 1) bytes.back() |= static_cast<std::uint8_t>(1u << (m_bit % 8));
        }
    }
    std::vector<std::uint8_t> bytes;

private:
    std::uint64_t m_bit = 0;
};

class BitReader {
public:
    explicit BitReader(const std::vector<std::uint8_t>& b) : m_bytes(b) {}
    std::uint64_t get(std::uint32_t bits) {
        std::uint64_t v = 0;
        for (std::uint32_t i = 0; i < bits; ++i, ++m_bit) {
            if (m_bit / 8 >= m_bytes.size()) throw InternalError("weight stream read past its end");
            v |= static_cast<std::uint64_t>((m_bytes[m_bit / 8] >> (m_bit % 8)) & 1) << i;
        }
        return v;
    }
    std::int32_t value(std::uint32_t bits) {
        const std::uint64_t u = get(bits);
        const std::int64_t sign = std::int64_t{1} << (bits - 1);
        return static_cast<std::int32_t>(static_cast<std::int64_t>(u) - ((u & static_cast<std::uint64_t>(sign)) ? 2 * sign : 0));
    }

private:
    const std::vector<std::uint8_t>& m_bytes;
    std::uint64_t m_bit = 0;
};

}  // namespace

WeightFormat weight_format_from(const std::string& name) {
    if (name == "dense") return WeightFormat::dense;
    if (name == "bitmap") return WeightFormat::bitmap;
    if (name == "rle") return WeightFormat::rle;
    throw InternalError("unknown weight format " + name);
}

StreamCost stream_cost(const FormatSpec& f, const std::uint8_t* keep, std::uint32_t len) {
    StreamCost c;
    c.entries.assign(slices_of(f, len), 0);
    const WeightFormat fmt = keep ? f.format : WeightFormat::dense;
    if (fmt == WeightFormat::dense) {
        for (std::uint32_t s = 0; s < c.entries.size(); ++s)
            c.entries[s] = std::min(f.slice_len, len - s * f.slice_len);
        c.value_bits = static_cast<std::uint64_t>(len) * f.weight_bits;
        return c;
    }
    std::uint64_t kept = 0;
    if (fmt == WeightFormat::bitmap) {
        for (std::uint32_t s = 0; s < c.entries.size(); ++s) {
            const std::uint32_t p1 = std::min(len, (s + 1) * f.slice_len);
            std::uint32_t n = 0;
            for (std::uint32_t p = s * f.slice_len; p < p1; ++p) n += keep[p];
            c.entries[s] = n;
            kept += n;
        }
        c.value_bits = kept * f.weight_bits;
        c.metadata_bits = len;
        return c;
    }
    // rle: a gap of z zeros before a kept weight needs floor(z / 2^run_bits) fillers, the i-th
    // sitting 2^run_bits x i positions after the previous entry; none follow the last kept weight.
    // Counted branch-free (kept and pruned weights interleave at random), then the fillers
    // after the last kept weight are taken back.
    const std::uint32_t max_run = (1u << f.run_bits) - 1;
    std::uint32_t run = 0;
    std::int64_t last = -1;
    for (std::uint32_t s = 0; s < c.entries.size(); ++s) {
        const std::uint32_t p1 = std::min(len, (s + 1) * f.slice_len);
        std::uint32_t n = 0, k = 0;
        for (std::uint32_t p = s * f.slice_len; p < p1; ++p) {
            const std::uint32_t e = keep[p] | (run == max_run);
            n += e;
            k += keep[p];
            run = e ? 0 : run + 1;
        }
        c.entries[s] = n;
        kept += k;
        if (k)
            for (std::uint32_t p = p1; p-- > s * f.slice_len;)
                if (keep[p]) {
                    last = p;
                    break;
                }
    }
    const std::uint64_t span = std::uint64_t{1} << f.run_bits;
    if (last < 0) {
        std::fill(c.entries.begin(), c.entries.end(), 0);
    } else {
        for (std::uint64_t at = static_cast<std::uint64_t>(last) + span; at < len; at += span) --c.entries[at / f.slice_len];
    }
    std::uint64_t n = 0;
    for (std::uint32_t e : c.entries) n += e;
    c.fillers = n - kept;
    c.value_bits = n * f.weight_bits;
    c.metadata_bits = n * f.run_bits + count_bits(len);
    return c;
}

std::vector<std::uint8_t> encode_stream(const FormatSpec& f, const std::int32_t* w, const std::uint8_t* keep,
                                        std::uint32_t len) {
    BitWriter out;
    const std::uint64_t value_mask = (std::uint64_t{1} << f.weight_bits) - 1;
    auto value = [&](std::int32_t v) { out.put(static_cast<std::uint64_t>(static_cast<std::int64_t>(v)) & value_mask, f.weight_bits); };
    const WeightFormat fmt = keep ? f.format : WeightFormat::dense;
    if (fmt == WeightFormat::dense) {
        for (std::uint32_t p = 0; p < len; ++p) value(keep && !keep[p] ? 0 : w[p]);
    } else if (fmt == WeightFormat::bitmap) {
        for (std::uint32_t s0 = 0; s0 < len; s0 += f.slice_len) {
            const std::uint32_t s1 = std::min(len, s0 + f.slice_len);
            for (std::uint32_t p = s0; p < s1; ++p) out.put(keep[p], 1);
            for (std::uint32_t p = s0; p < s1; ++p)
                if (keep[p]) value(w[p]);
        }
    } else {
        // Walk the filter as the encoder hardware would: count zeros, emit a filler when the run
        // field is full, stop after the last kept weight.
        const std::uint32_t max_run = (1u << f.run_bits) - 1;
        std::vector<std::pair<std::uint32_t, std::int32_t>> entries;  // (run, value)
        std::uint32_t last_kept = 0;
        bool any = false;
        for (std::uint32_t p = 0; p < len; ++p)
            if (keep[p]) last_kept = p, any = true;
        std::uint32_t run = 0;
        for (std::uint32_t p = 0; any && p <= last_kept; ++p) {
            if (keep[p]) {
                entries.push_back({run, w[p]});
                run = 0;
            } else if (run == max_run) {
                entries.push_back({run, 0});
                run = 0;
            } else {
                ++run;
            }
        }
        out.put(entries.size(), count_bits(len));
        for (const auto& [r, v] : entries) {
            out.put(r, f.run_bits);
            value(v);
        }
    }
    return out.bytes;
}

std::vector<std::vector<StreamEntry>> decode_stream(const FormatSpec& f, const std::vector<std::uint8_t>& bytes,
                                                    std::uint32_t len) {
    std::vector<std::vector<StreamEntry>> slices(slices_of(f, len));
    BitReader in(bytes);
    if (f.format == WeightFormat::dense) {
        for (std::uint32_t p = 0; p < len; ++p) slices[p / f.slice_len].push_back({p, in.value(f.weight_bits)});
    } else if (f.format == WeightFormat::bitmap) {
        for (std::uint32_t s0 = 0; s0 < len; s0 += f.slice_len) {
            const std::uint32_t s1 = std::min(len, s0 + f.slice_len);
            std::vector<std::uint32_t> present;
            for (std::uint32_t p = s0; p < s1; ++p)
                if (in.get(1)) present.push_back(p);
            for (std::uint32_t p : present) slices[p / f.slice_len].push_back({p, in.value(f.weight_bits)});
        }
    } else {
        const std::uint64_t n = in.get(count_bits(len));
        std::int64_t pos = -1;
        for (std::uint64_t i = 0; i < n; ++i) {
            pos += static_cast<std::int64_t>(in.get(f.run_bits)) + 1;
            if (pos >= len) throw InternalError("rle weight stream runs past its filter");
            const auto p = static_cast<std::uint32_t>(pos);
            slices[p / f.slice_len].push_back({p, in.value(f.weight_bits)});
        }
    }
    return slices;
}

}  // namespace skipsim
